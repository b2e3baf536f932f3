// Replacing a file the user owns, safely: the one algorithm for the extension (workspace.fs) and
// the command-line tool (node:fs), each of which provides the small file-system port below.
//
// The new text goes to a temporary file beside the target, which is renamed over the target only
// if the target is still the version the edit was computed from (same bytes AND same modification
// time). A reader never sees half a file, a failed write (a full disk) leaves the target exactly
// as it was and removes the partial temporary file, and a file that keeps changing is retried a
// few times, then left alone.

/** One version of a file: its bytes and its modification time (taken before the bytes). */
export interface FileVersion {
  bytes: Uint8Array;
  mtime: number;
  /** Permission bits, where the file system has them (the replacement keeps them). */
  mode?: number;
}

/** What safeReplace needs from a file system; `F` names a file (a URI, a path). */
export interface FilePort<F> {
  /** The file's current version, undefined when it does not exist; throws for anything else. */
  read(file: F): Promise<FileVersion | undefined>;
  /** A name for a new temporary file in the same folder as `file` (so a rename is atomic). */
  tempBeside(file: F): F;
  /** Creates `temp` holding `bytes` (like `model`'s permissions when given); throws on failure. */
  writeNew(temp: F, bytes: Uint8Array, model: FileVersion | undefined): Promise<void>;
  /** Renames `from` over `to`, replacing it. */
  rename(from: F, to: F): Promise<void>;
  /** Removes `file` if it exists; never throws. */
  deleteQuietly(file: F): Promise<void>;
}

/** What the edit decides from the current version: the new bytes (undefined: write nothing) and a result. */
export interface ReplaceDecision<T> {
  bytes: Uint8Array | undefined;
  result: T;
}

export type ReplaceOutcome<T> =
  /** Written: the file now holds the edit's bytes. */
  | { kind: 'written'; result: T }
  /** Nothing to write (the edit chose so, or its bytes are the file's). */
  | { kind: 'unchanged'; result: T }
  /** The file changed under every attempt; nothing was written. */
  | { kind: 'changed' };

/** A read or a write that failed; the file is as it was. `cause` is the file system's error. */
export class FileOperationError extends Error {
  constructor(
    readonly operation: 'read' | 'write',
    readonly cause: unknown,
  ) {
    super(`${operation} failed: ${describeFileError(cause)}`);
    this.name = 'FileOperationError';
  }
}

export interface ReplaceOptions {
  /** Times the edit is computed afresh when the file changed meanwhile. Default 3. */
  attempts?: number;
  /**
   * The version the caller read earlier (e.g. before a long network request): the first attempt
   * edits that version, and a file that changed since counts as changed.
   */
  expected?: FileVersion | undefined;
}

/**
 * Replaces `file` with what `edit` decides from its current version (undefined: the file does not
 * exist), safely (see the file's header). Errors the edit throws pass through unchanged.
 */
export async function safeReplace<F, T>(
  port: FilePort<F>,
  file: F,
  edit: (current: FileVersion | undefined) => ReplaceDecision<T>,
  options: ReplaceOptions = {},
): Promise<ReplaceOutcome<T>> {
  const attempts = Math.max(1, options.attempts ?? 3);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = attempt === 1 && 'expected' in options ? options.expected : await readVersion(port, file);
    const { bytes, result } = edit(before);
    if (bytes === undefined || (before !== undefined && sameBytes(bytes, before.bytes)))
      return { kind: 'unchanged', result };
    const temp = port.tempBeside(file);
    try {
      await port.writeNew(temp, bytes, before);
      // Only if nobody (an editor, git, a co-author's sync) changed the file since it was read.
      const now = await port.read(file);
      if (!sameVersion(now, before)) {
        await port.deleteQuietly(temp);
        continue;
      }
      await port.rename(temp, file);
    } catch (err) {
      await port.deleteQuietly(temp);
      throw new FileOperationError('write', err);
    }
    return { kind: 'written', result };
  }
  return { kind: 'changed' };
}

async function readVersion<F>(port: FilePort<F>, file: F): Promise<FileVersion | undefined> {
  try {
    return await port.read(file);
  } catch (err) {
    throw new FileOperationError('read', err);
  }
}

/**
 * Same bytes and same modification time. The time matters: a program that saves by truncating
 * and rewriting (most editors do) can be caught mid-save twice, and two reads of the same
 * half-written file look alike although it changed in between.
 */
export function sameVersion(x: FileVersion | undefined, y: FileVersion | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  return x.mtime === y.mtime && sameBytes(x.bytes, y.bytes);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The name of a temporary file for `base` (a file name): hidden, marked as ours, unique. */
export function tempName(base: string): string {
  return `.${base}.paper-shelf-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
}

/** Why a file operation failed, in plain words (the error's own message when it is none of these). */
export function describeFileError(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const text = err instanceof Error ? err.message : String(err);
  const is = (errno: string, words: RegExp) =>
    code === errno || new RegExp(`\\b${errno}\\b`).test(text) || words.test(text);
  if (is('ENOSPC', /no space left/i)) return 'the disk is full (no space left on the device)';
  if (is('EDQUOT', /quota exceeded/i)) return 'the disk quota is used up (no space left for this user)';
  if (is('EROFS', /read-only file system/i)) return 'the disk is read-only';
  if (code === 'NoPermissions' || is('EACCES', /$^/) || is('EPERM', /$^/)) return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  return text;
}
