// The command line's Crossref client: the core client over the global fetch, with its cache in a
// folder per user (PAPER_SHELF_CACHE_DIR, else $XDG_CACHE_HOME/paper-shelf, else the platform's
// cache folder), one file per DOI written atomically.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OptionSpec, ParsedArgs } from './args';
import { optionValue } from './command';
import { UsageError } from './args';
import { clean } from './output';
import { CrossrefClient, DEFAULT_CROSSREF_ENDPOINT, type CrossrefCacheStore } from '../core/published/crossref';

export const CROSSREF_OPTIONS: OptionSpec[] = [
  {
    name: 'crossref-url',
    value: 'URL',
    description: `The Crossref REST API (default ${DEFAULT_CROSSREF_ENDPOINT}).`,
  },
  {
    name: 'mailto',
    value: 'ADDRESS',
    description: "A contact address for Crossref's polite pool (default: $PAPER_SHELF_MAILTO).",
  },
  { name: 'no-cache', description: 'Neither read nor write the cache of Crossref records.' },
];

/** Where looked-up records are kept between runs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['PAPER_SHELF_CACHE_DIR']) return path.join(env['PAPER_SHELF_CACHE_DIR'], 'crossref');
  if (env['XDG_CACHE_HOME']) return path.join(env['XDG_CACHE_HOME'], 'paper-shelf', 'crossref');
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'paper-shelf', 'crossref');
  if (process.platform === 'win32')
    return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'paper-shelf', 'Cache', 'crossref');
  return path.join(home, '.cache', 'paper-shelf', 'crossref');
}

/** One file per DOI; a write goes through a temporary file and a rename, so a reader never sees half a record. */
export function diskCache(dir: string): CrossrefCacheStore {
  return {
    async read(name) {
      try {
        return await fs.readFile(path.join(dir, name), 'utf8');
      } catch {
        return undefined;
      }
    },
    async write(name, text) {
      await fs.mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
      await fs.writeFile(temp, text, 'utf8');
      await fs.rename(temp, path.join(dir, name)).catch(async (err: unknown) => {
        await fs.rm(temp, { force: true });
        throw err;
      });
    },
  };
}

export function crossrefClient(args: ParsedArgs, command: string): CrossrefClient {
  const endpoint = optionValue(args, 'crossref-url') ?? DEFAULT_CROSSREF_ENDPOINT;
  if (!/^https?:\/\/[^/]/i.test(endpoint))
    throw new UsageError(`--crossref-url must be an http(s) URL (got "${clean(endpoint)}")`, command);
  const mailto = (optionValue(args, 'mailto') ?? process.env['PAPER_SHELF_MAILTO'])?.trim() || undefined;
  if (mailto !== undefined && !/^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(mailto))
    throw new UsageError(`--mailto must be an e-mail address (got "${clean(mailto)}")`, command);
  return new CrossrefClient({
    endpoint,
    mailto,
    cache: args.flags.has('no-cache') ? undefined : diskCache(cacheDir()),
  });
}
