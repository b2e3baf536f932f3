import * as vscode from 'vscode';
import { platform } from '../platform/platform';

/** Where a collection file really is: the file itself, or what its symbolic link leads to. */
export type LinkResolution =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'link'; uri: vscode.Uri; target: vscode.Uri }
  /** Refused: the link leads outside every workspace folder, or (`unchecked`) where it leads cannot be seen. */
  | { kind: 'outside'; uri: vscode.Uri; unchecked: boolean; reason: string };

/**
 * Follows a collection file's symbolic links (the file's own or a linked folder on its path) on
 * the extension host's disk (platform().realFile). A target inside a workspace folder is what
 * Paper Shelf reads and writes (the link itself is never replaced); a target outside every folder
 * is refused, whether or not the workspace is trusted: a shared repository could link
 * `x.papers.txt` to any file of yours.
 * Elsewhere (virtual workspaces, a browser) there is no disk to ask: a link there is refused.
 */
export async function resolveCollectionFile(uri: vscode.Uri, type?: vscode.FileType): Promise<LinkResolution> {
  const refuse = (unchecked: boolean): LinkResolution => ({
    kind: 'outside',
    uri,
    unchecked,
    reason: `${vscode.workspace.asRelativePath(uri, false)} is a symbolic link ${unchecked ? 'whose target cannot be checked here (no local disk)' : 'to a file outside the workspace'}; Paper Shelf neither reads it nor writes through it (nothing was written).`,
  });
  const realFile = uri.scheme === 'file' ? platform().realFile : undefined;
  if (!realFile) {
    const kind = type ?? (await statType(uri));
    return kind !== undefined && kind & vscode.FileType.SymbolicLink ? refuse(true) : { kind: 'file', uri };
  }
  const real = await realFile(uri);
  // Not there (yet): nothing to follow; the caller's read or write says so.
  if (!real || real.fsPath === uri.fsPath) return { kind: 'file', uri };
  const folders = await Promise.all(
    (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map(async (f) => (await realFile(f.uri)) ?? f.uri),
  );
  const inside = folders.some((folder) => isWithin(real, folder));
  return inside ? { kind: 'link', uri, target: real } : refuse(false);
}

/** `file` is `folder` or inside it (by path segments: /a/bc is not inside /a/b). */
function isWithin(file: vscode.Uri, folder: vscode.Uri): boolean {
  const dir = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return file.path === folder.path || file.path.startsWith(dir);
}

async function statType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined;
  }
}
