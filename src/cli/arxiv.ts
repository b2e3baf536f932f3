// The command line's arXiv client: the core client (core/net/http's polite request loop) over the
// global fetch, with the endpoint and timeout options `add` and `find` share.
import type { OptionSpec, ParsedArgs } from './args';
import { optionValue } from './command';
import { UsageError } from './args';
import { clean } from './output';
import { ArxivClient } from '../core/arxiv/arxivApi';

/** The default: arXiv's documented query endpoint. */
export const CLI_ARXIV_ENDPOINT = 'http://export.arxiv.org/api/query';

export const ARXIV_OPTIONS: OptionSpec[] = [
  { name: 'api-url', value: 'URL', description: `The arXiv API query endpoint (default ${CLI_ARXIV_ENDPOINT}).` },
  { name: 'timeout', value: 'SECONDS', description: 'Give up on a request after this long (default 10).' },
];

export function arxivClient(args: ParsedArgs, command: string): ArxivClient {
  const timeoutText = optionValue(args, 'timeout');
  const timeoutMs = timeoutText === undefined ? undefined : Number(timeoutText) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0 && timeoutMs <= 600_000)) {
    throw new UsageError(
      `--timeout must be a number of seconds between 0 and 600 (got "${clean(timeoutText!)}")`,
      command,
    );
  }
  return new ArxivClient({ endpoint: optionValue(args, 'api-url') ?? CLI_ARXIV_ENDPOINT, timeoutMs });
}
