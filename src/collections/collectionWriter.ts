import * as vscode from 'vscode';
import type { WorkspaceCollections } from './workspaceCollections';
import { resolveCollectionFile } from './links';
import { writeRefusal } from './writeRefusal';
import {
  FileOperationError,
  describeFileError,
  safeReplace,
  tempName,
  type FilePort,
  type ReplaceOutcome,
} from '../core/runtime/safeReplace';

/** A write that did not happen; the file is as it was. The message says why, for the user. */
export class CollectionWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollectionWriteError';
  }
}

/** What an edit decides: the new text (or undefined: nothing to write) and a result for the caller. */
export interface EditOutcome<T> {
  text: string | undefined;
  result: T;
}

/**
 * Writes collection files safely: one edit at a time per file, each computed from the text on
 * disk at that moment (so two quick adds keep both papers), written to a temporary file beside
 * it and renamed over it only if the file did not change in between. A file with unsaved
 * changes in an editor, or that is not UTF-8, is not touched. On any failure the file is left
 * exactly as it was.
 */
export class CollectionWriter {
  private readonly chains = new Map<string, Promise<unknown>>();

  /** `collections` puts each file written on the shelf at once, without waiting for its watcher. */
  constructor(private readonly collections: Pick<WorkspaceCollections, 'loadFile'>) {}

  edit<T>(uri: vscode.Uri, edit: (text: string, exists: boolean) => EditOutcome<T>): Promise<T> {
    const key = uri.toString();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.editNow(uri, edit));
    this.chains.set(key, next);
    void next
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  /** Why a write to this file would be refused right now (checked again when writing), or undefined. */
  refusal(uri: vscode.Uri): string | undefined {
    const refusal = writeRefusal(uri);
    if (refusal) return refusal;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) {
      return `${vscode.workspace.asRelativePath(uri, false)} has unsaved changes in an editor; save or revert them first (nothing was written).`;
    }
    return undefined;
  }

  private async editNow<T>(uri: vscode.Uri, edit: (text: string, exists: boolean) => EditOutcome<T>): Promise<T> {
    const name = vscode.workspace.asRelativePath(uri, false);
    const refusal = this.refusal(uri);
    if (refusal) throw new CollectionWriteError(refusal);
    // A symbolic link is written through to its target (inside the workspace), never replaced by
    // a file of its own; a link leading outside the workspace is refused.
    const resolved = await resolveCollectionFile(uri);
    if (resolved.kind === 'outside') throw new CollectionWriteError(resolved.reason);
    const file = resolved.kind === 'link' ? resolved.target : uri;
    let outcome: ReplaceOutcome<T>;
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      outcome = await safeReplace(workspaceFiles, file, (current) => {
        let text: string;
        try {
          text = current ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(current.bytes) : '';
        } catch {
          throw new CollectionWriteError(
            `${name} is not UTF-8 text; Paper Shelf does not rewrite it (nothing was written).`,
          );
        }
        const { text: next, result } = edit(text, current !== undefined);
        return { bytes: next === undefined || next === text ? undefined : new TextEncoder().encode(next), result };
      });
    } catch (err) {
      if (err instanceof CollectionWriteError) throw err;
      const cause = err instanceof FileOperationError ? err.cause : err;
      if (err instanceof FileOperationError && err.operation === 'read')
        throw new CollectionWriteError(`Could not read ${name}: ${describeFileError(cause)} (nothing was written).`);
      throw new CollectionWriteError(`Could not write ${name}: ${describeFileError(cause)}. The file is as it was.`);
    }
    if (outcome.kind === 'changed')
      throw new CollectionWriteError(
        `${name} kept changing while Paper Shelf was writing; nothing was written. Try again.`,
      );
    if (outcome.kind === 'written') await this.collections.loadFile(uri);
    return outcome.result;
  }
}

/** The extension's side of safeReplace: the workspace file system (local, remote or virtual). */
const workspaceFiles: FilePort<vscode.Uri> = {
  async read(uri) {
    try {
      const { mtime } = await vscode.workspace.fs.stat(uri);
      return { mtime, bytes: await vscode.workspace.fs.readFile(uri) };
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
      throw err;
    }
  },
  tempBeside: (uri) => vscode.Uri.joinPath(uri, '..', tempName(uri.path.split('/').pop() ?? 'file')),
  writeNew: (temp, bytes) => Promise.resolve(vscode.workspace.fs.writeFile(temp, bytes)),
  rename: (from, to) => Promise.resolve(vscode.workspace.fs.rename(from, to, { overwrite: true })),
  async deleteQuietly(uri) {
    try {
      await vscode.workspace.fs.delete(uri, { useTrash: false });
    } catch {
      // Already gone.
    }
  },
};
