// The command line's Crossref client: the core client over the global fetch, with its cache in
// the command line's cache folder (cli/cache), one file per DOI written atomically.
import { asyncCache, cacheDir } from './cache';
import type { OptionSpec, ParsedArgs } from './args';
import { optionValue } from './command';
import { UsageError } from './args';
import { clean } from './output';
import { CrossrefClient, DEFAULT_CROSSREF_ENDPOINT } from '../core/published/crossref';

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
    cache: args.flags.has('no-cache') ? undefined : asyncCache(cacheDir('crossref')),
  });
}
