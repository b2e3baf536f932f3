import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Where a collection file really is: the file itself, or what its symbolic link leads to. */
export type LinkResolution =
  | { kind: 'file'; uri: vscode.Uri }
  | { kind: 'link'; uri: vscode.Uri; target: vscode.Uri }
  | { kind: 'outside'; uri: vscode.Uri; reason: string };

/**
 * Follows a collection file's symbolic links (the file's own or a linked folder on its path) on
 * this machine's disk. A target inside a workspace folder is what Paper Shelf reads and writes
 * (the link itself is never replaced); a target outside every folder is refused, whether or not
 * the workspace is trusted: a shared repository could link `x.papers.txt` to any file of yours.
 * Other file systems (virtual workspaces) have no local links to follow; a link there is refused.
 */
export async function resolveCollectionFile(uri: vscode.Uri, type?: vscode.FileType): Promise<LinkResolution> {
  const refuse = (): LinkResolution => ({
    kind: 'outside',
    uri,
    reason: `${vscode.workspace.asRelativePath(uri, false)} is a symbolic link to a file outside the workspace; Paper Shelf neither reads it nor writes through it (nothing was written).`,
  });
  if (uri.scheme !== 'file') {
    const kind = type ?? (await statType(uri));
    return kind !== undefined && kind & vscode.FileType.SymbolicLink ? refuse() : { kind: 'file', uri };
  }
  let real: string;
  try {
    real = await fs.realpath(uri.fsPath);
  } catch {
    return { kind: 'file', uri }; // not there (yet): nothing to follow; the caller's read or write says so
  }
  if (real === path.resolve(uri.fsPath)) return { kind: 'file', uri };
  const folders = await Promise.all(
    (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => fs.realpath(f.uri.fsPath).catch(() => path.resolve(f.uri.fsPath))),
  );
  const inside = folders.some(
    (folder) => real === folder || real.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep),
  );
  return inside ? { kind: 'link', uri, target: vscode.Uri.file(real) } : refuse();
}

async function statType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined;
  }
}
