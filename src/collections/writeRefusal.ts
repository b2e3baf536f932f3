import * as vscode from 'vscode';

/** True when the URI lies inside one of the workspace folders (after resolving '..'). */
function isInsideWorkspace(uri: vscode.Uri): boolean {
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
