import * as vscode from 'vscode';

/**
 * Documents the hover and the links work in: files, untitled buffers, notebook cells, remote and
 * virtual files (github.dev's vscode-vfs, VS Code for the Web's in-memory tmp and memfs, Live Share).
 */
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-notebook-cell' },
  { scheme: 'vscode-remote' },
  { scheme: 'vscode-vfs' },
  { scheme: 'tmp' },
  { scheme: 'memfs' },
  { scheme: 'vsls' },
  { scheme: 'vscode-userdata' },
  { scheme: 'git' },
];
