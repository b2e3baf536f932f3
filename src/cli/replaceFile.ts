// The command-line tool's one way to write a file: core/runtime/safeReplace over node:fs, so a
// reader never sees half a file, a failure leaves the old one untouched and removes the partial
// temporary file, and a file changed since it was read is left to whoever changed it.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { CliError } from './loadShelf';
import {
  FileOperationError,
  describeFileError,
  safeReplace,
  tempName,
  type FilePort,
  type FileVersion,
} from '../core/runtime/safeReplace';

export interface ExistingFile {
  /** The text as written (a byte-order mark included), '' when the file does not exist. */
  text: string;
  exists: boolean;
  /** What safeReplace compares against when the file is replaced. */
  version: FileVersion | undefined;
}

/** The CLI's side of safeReplace: node:fs, permission bits kept. */
const nodeFiles: FilePort<string> = {
  async read(file) {
    try {
      const stat = await fsp.stat(file);
      if (stat.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
      return { mtime: stat.mtimeMs, mode: stat.mode & 0o7777, bytes: await fsp.readFile(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  tempBeside: (file) => path.join(path.dirname(path.resolve(file)), tempName(path.basename(file))),
  async writeNew(temp, bytes, model) {
    await fsp.writeFile(temp, bytes, { flag: 'wx', mode: model?.mode ?? 0o666 });
    if (model?.mode !== undefined) await fsp.chmod(temp, model.mode);
  },
  rename: (from, to) => fsp.rename(from, to),
  deleteQuietly: (file) => fsp.rm(file, { force: true }).catch(() => undefined),
};

/** The file as it is now ('' when it does not exist yet); a folder or an unreadable file is an error. */
export async function readExisting(file: string, verb = 'write'): Promise<ExistingFile> {
  let version: FileVersion | undefined;
  try {
    version = await nodeFiles.read(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR')
      throw new CliError(`cannot ${verb} ${file}: it is a directory`);
    throw new CliError(`cannot read ${file}: ${describeFileError(err)}`);
  }
  const text = version ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(version.bytes) : '';
  return { text, exists: version !== undefined, version };
}

/** Where `file` really is: the end of its symbolic links, or the path itself when it does not exist yet. */
async function realTarget(file: string): Promise<string> {
  try {
    return await fsp.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * Replaces `file` with `text`, refusing when the file changed since it was read as `before` (an
 * editor saved it meanwhile): other bytes, or the same bytes written again (the modification
 * time tells a half-saved file read twice alike).
 */
export async function replaceFile(
  file: string,
  text: string,
  before: ExistingFile,
  during = 'the command ran',
): Promise<void> {
  // A symbolic link is written through: the file it leads to gets the text, the link stays a link.
  const target = await realTarget(file);
  let outcome;
  try {
    outcome = await safeReplace(
      nodeFiles,
      target,
      () => ({ bytes: new TextEncoder().encode(text), result: undefined }),
      {
        attempts: 1,
        expected: before.version,
      },
    );
  } catch (err) {
    const cause = err instanceof FileOperationError ? err.cause : err;
    throw new CliError(`cannot write ${file}: ${describeFileError(cause)}; it was left as it was`);
  }
  if (outcome.kind === 'changed')
    throw new CliError(`${file} changed while ${during}; nothing was written. Run the command again.`);
}
