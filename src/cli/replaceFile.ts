// The command-line tool's one way to write a file: through a temporary file in the same folder
// and a rename, so a reader never sees half a file and a failure leaves the old one untouched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, describeFsError } from './loadShelf';

export interface ExistingFile {
  text: string;
  exists: boolean;
  mode?: number;
  mtimeMs?: number;
}

/** The file's text, or '' when it does not exist yet (anything else unreadable is an error). */
export function readExisting(file: string, verb = 'write'): ExistingFile {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new CliError(`cannot ${verb} ${file}: it is a directory`);
    return { text: fs.readFileSync(file, 'utf8'), exists: true, mode: stat.mode & 0o7777, mtimeMs: stat.mtimeMs };
  } catch (err) {
    if (err instanceof CliError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', exists: false };
    throw new CliError(`cannot read ${file}: ${describeFsError(err)}`);
  }
}

/**
 * Replaces `file` with `text` through a temporary file in the same folder and a rename. Refuses
 * when the file changed since it was read as `before` (an editor saved it meanwhile): other text,
 * or the same text written again (the modification time tells a half-saved file read twice alike).
 */
export function replaceFile(file: string, text: string, before: ExistingFile, during = 'the command ran'): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.paper-shelf-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx', mode: before.mode ?? 0o666 });
    if (before.mode !== undefined) fs.chmodSync(temp, before.mode);
    const now = readExisting(file);
    if (now.exists !== before.exists || now.text !== before.text || now.mtimeMs !== before.mtimeMs) {
      throw new CliError(`${file} changed while ${during}; nothing was written. Run the command again.`);
    }
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot write ${file}: ${describeFsError(err)}; it was left as it was`);
  }
}
