import * as vscode from 'vscode';
import type { WorkspaceCollections } from './workspaceCollections';
import { writeRefusal } from './writeRefusal';

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

const ATTEMPTS = 3;

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
    for (let attempt = 1; ; attempt++) {
      const before = await readIfExists(uri);
      let text: string;
      try {
        text = before ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(before.bytes) : '';
      } catch {
        throw new CollectionWriteError(
          `${name} is not UTF-8 text; Paper Shelf does not rewrite it (nothing was written).`,
        );
      }
      const outcome = edit(text, before !== undefined);
      if (outcome.text === undefined || outcome.text === text) return outcome.result;
      const bytes = new TextEncoder().encode(outcome.text);
      const parent = vscode.Uri.joinPath(uri, '..');
      const temp = vscode.Uri.joinPath(
        parent,
        `.${uri.path.split('/').pop()}.paper-shelf-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
      );
      try {
        await vscode.workspace.fs.createDirectory(parent);
        await vscode.workspace.fs.writeFile(temp, bytes);
        // Only if nobody (an editor, git, a co-author's sync) changed the file since it was read.
        const now = await readIfExists(uri);
        if (!sameVersion(now, before)) {
          await deleteQuietly(temp);
          if (attempt < ATTEMPTS) continue;
          throw new CollectionWriteError(
            `${name} kept changing while Paper Shelf was writing; nothing was written. Try again.`,
          );
        }
        await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
      } catch (err) {
        await deleteQuietly(temp);
        if (err instanceof CollectionWriteError) throw err;
        throw new CollectionWriteError(`Could not write ${name}: ${describeWriteError(err)}. The file is as it was.`);
      }
      await this.collections.loadFile(uri);
      return outcome.result;
    }
  }
}

/** A file's bytes and its modification time (taken first), to tell whether anyone wrote it meanwhile. */
interface Version {
  bytes: Uint8Array;
  mtime: number;
}

async function readIfExists(uri: vscode.Uri): Promise<Version | undefined> {
  try {
    const { mtime } = await vscode.workspace.fs.stat(uri);
    return { mtime, bytes: await vscode.workspace.fs.readFile(uri) };
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw new CollectionWriteError(
      `Could not read ${vscode.workspace.asRelativePath(uri, false)}: ${describeWriteError(err)} (nothing was written).`,
    );
  }
}

/**
 * Same bytes and same modification time. The time matters: a program that saves by truncating
 * and rewriting (most editors do) can be caught mid-save twice, and two reads of the same
 * half-written file look alike although it changed in between.
 */
function sameVersion(x: Version | undefined, y: Version | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  if (x.mtime !== y.mtime) return false;
  const a = x.bytes;
  const b = y.bytes;
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function deleteQuietly(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  } catch {
    // Already gone.
  }
}

/** Why a file operation failed, in plain words (the file system's own message when it is none of these). */
export function describeWriteError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/\bENOSPC\b|no space left/i.test(text)) return 'the disk is full (no space left on the device)';
  if (/\bEDQUOT\b|quota exceeded/i.test(text)) return 'the disk quota is used up (no space left for this user)';
  if (/\bEROFS\b|read-only file system/i.test(text)) return 'the disk is read-only';
  if ((err instanceof vscode.FileSystemError && err.code === 'NoPermissions') || /\b(EACCES|EPERM)\b/.test(text))
    return 'permission denied';
  return text;
}
