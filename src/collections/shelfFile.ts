import * as vscode from 'vscode';
import { platform } from '../platform/platform';

export const DEFAULT_SHELF_FILE = 'shelf.papers.txt';

/**
 * The workspace's shelf file (setting paperShelf.shelfFile), where added and imported papers go
 * unless the user picks another collection file. Relative paths are taken from the first
 * workspace folder; undefined without a folder. (Writing outside the workspace of an untrusted
 * workspace is refused by the writer, with a message.)
 */
export function shelfFileUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const configured =
    vscode.workspace.getConfiguration('paperShelf').get<string>('shelfFile')?.trim() || DEFAULT_SHELF_FILE;
  if (/^([A-Za-z]:[\\/]|\/)/.test(configured)) return platform().absoluteUri(configured);
  if (!folder) return undefined;
  return vscode.Uri.joinPath(folder.uri, ...configured.split(/[\\/]+/).filter(Boolean));
}

/** True when the URI lies inside one of the workspace folders (after resolving '..'). */
export function isInsideWorkspace(uri: vscode.Uri): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => {
    if (folder.uri.scheme !== uri.scheme || folder.uri.authority !== uri.authority) return false;
    const base = folder.uri.path.replace(/\/+$/, '');
    return uri.path === base || uri.path.startsWith(`${base}/`);
  });
}

/** Why writing to this file is not allowed, or undefined when it is. */
export function writeRefusal(uri: vscode.Uri): string | undefined {
  if (!vscode.workspace.isTrusted && !isInsideWorkspace(uri)) {
    return `${uri.fsPath} is outside the workspace, and this workspace is not trusted: Paper Shelf does not write there.`;
  }
  return undefined;
}
