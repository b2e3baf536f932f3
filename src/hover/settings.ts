import * as vscode from 'vscode';
import { LINK_TARGETS, type LinkTarget } from '../core/present/documentLinks';

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

export function hoverEnabled(scope?: vscode.ConfigurationScope): boolean {
  return vscode.workspace.getConfiguration('paperShelf', scope).get<boolean>('hover.enabled', true);
}

export function documentLinksEnabled(scope?: vscode.ConfigurationScope): boolean {
  return vscode.workspace.getConfiguration('paperShelf', scope).get<boolean>('documentLinks.enabled', true);
}

export function documentLinkTarget(scope?: vscode.ConfigurationScope): LinkTarget {
  const value = vscode.workspace.getConfiguration('paperShelf', scope).get<string>('documentLinks.target', 'abs');
  return (LINK_TARGETS as readonly string[]).includes(value) ? (value as LinkTarget) : 'abs';
}
