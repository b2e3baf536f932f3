import { ArxivClient, type FetchOptions, type FetchOutcome } from '../core/arxiv/arxivApi';
import { ArxivError } from '../core/arxiv/arxivError';
import { ArxivSearch, type SearchPage, type SearchPageOptions } from '../core/arxiv/arxivSearch';
import { RateLimiter } from '../core/net/http';
import type { Log } from '../log/log';
import { settings } from '../settings/settings';
import { platform } from '../platform/platform';

/**
 * The extension's one arXiv client. The endpoint comes only from the user's own (application)
 * settings, never from a workspace: a repository cannot redirect the extension's requests. One
 * rate limiter for the whole extension, whatever the endpoint, keeps arXiv's 3-second rule, and
 * one search (with its cache of recent pages) serves every command. The platform port chooses
 * the transport: in a browser, arXiv itself cannot be called (no CORS) and says so at once, and
 * other endpoints go through the browser's fetch.
 * Every refused answer and every id arXiv did not give is written to the log.
 */
export class ArxivService {
  private readonly limiter = new RateLimiter(3000);
  private client: ArxivClient | undefined;
  private readonly searcher = new ArxivSearch(() => this.current());

  constructor(private readonly log: Log) {}

  private current(): ArxivClient {
    const endpoint = settings.arxivApiUrl();
    if (this.client?.endpoint !== endpoint)
      this.client = new ArxivClient({
        endpoint,
        limiter: this.limiter,
        transport: platform().arxivTransport(endpoint),
      });
    return this.client;
  }

  async fetchPapers(ids: readonly string[], options: FetchOptions = {}): Promise<FetchOutcome> {
    const client = this.current();
    const endpoint = client.endpoint;
    const started = performance.now();
    try {
      const outcome = await client.fetchPapers(ids, options);
      for (const f of outcome.failures) this.log.warn(`arXiv (${endpoint}) gave no paper for ${f.id}: ${f.message}`);
      this.log.info(
        `arXiv (${endpoint}): ${outcome.papers.length} of ${ids.length} papers in ${Math.round(performance.now() - started)} ms.`,
      );
      return outcome;
    } catch (err) {
      this.logFailure(endpoint, ids.length === 1 ? ids[0]! : `${ids.length} papers`, err);
      throw err;
    }
  }

  /** One page of an arXiv search by words; pages answered in the last minutes come from the cache. */
  async search(words: string, options: SearchPageOptions = {}): Promise<SearchPage> {
    const endpoint = this.current().endpoint;
    const started = performance.now();
    const sent = this.searcher.requests;
    try {
      const page = await this.searcher.page(words, options);
      const how =
        this.searcher.requests === sent ? 'from the cache' : `in ${Math.round(performance.now() - started)} ms`;
      this.log.info(
        `arXiv (${endpoint}): search “${page.query}” from ${page.start}: ${page.papers.length} of ${page.total} ${how}.`,
      );
      return page;
    } catch (err) {
      this.logFailure(endpoint, `the search “${words}”`, err);
      throw err;
    }
  }

  private logFailure(endpoint: string, what: string, err: unknown): void {
    if (err instanceof ArxivError && err.kind === 'cancelled') this.log.info(`arXiv (${endpoint}): cancelled.`);
    else
      this.log.error(
        `arXiv (${endpoint}) refused ${what}${err instanceof ArxivError && err.status ? ` (HTTP ${err.status})` : ''}`,
        err,
      );
  }
}
