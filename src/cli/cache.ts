// The command line's cache folder: PAPER_SHELF_CACHE_DIR, else $XDG_CACHE_HOME/paper-shelf, else
// the platform's cache folder; one subfolder per kind (Crossref records, discovered themes). Every
// file is written through a temporary file and a rename, so a reader never sees half of one, and a
// cache that cannot be read or written is never an error: the work is simply done again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CacheKind = 'crossref' | 'themes';

/** Where one kind of cached data is kept between runs. */
export function cacheDir(kind: CacheKind, env: NodeJS.ProcessEnv = process.env): string {
  if (env['PAPER_SHELF_CACHE_DIR']) return path.join(env['PAPER_SHELF_CACHE_DIR'], kind);
  if (env['XDG_CACHE_HOME']) return path.join(env['XDG_CACHE_HOME'], 'paper-shelf', kind);
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'paper-shelf', kind);
  if (process.platform === 'win32')
    return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'paper-shelf', 'Cache', kind);
  return path.join(home, '.cache', 'paper-shelf', kind);
}

/** A cached file's text, or undefined when there is none (or it cannot be read). */
export function readCached(dir: string, name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes a cached file atomically; false when it could not be written (the cache is then just not kept). */
export function writeCached(dir: string, name: string, text: string): boolean {
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temp, text, 'utf8');
    fs.renameSync(temp, path.join(dir, name));
    return true;
  } catch {
    fs.rmSync(temp, { force: true });
    return false;
  }
}

/** The asynchronous form, for clients that look things up over the network. */
export const asyncCache = (dir: string) => ({
  read: async (name: string) => readCached(dir, name),
  write: async (name: string, text: string): Promise<void> => {
    if (!writeCached(dir, name, text)) throw new Error(`cannot write ${path.join(dir, name)}`);
  },
});
