import * as vscode from 'vscode';

/** Documents the hover and the links work in: files, untitled buffers, notebook cells, remote and virtual files. */
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file' },
  { scheme: 'untitled' },
  { scheme: 'vscode-notebook-cell' },
  { scheme: 'vscode-remote' },
  { scheme: 'vscode-vfs' },
  { scheme: 'vscode-userdata' },
  { scheme: 'git' },
];
