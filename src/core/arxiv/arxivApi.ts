// The arXiv API client, shared by the extension and the command-line tool. Pure logic over an
// injected fetch-like transport, so it runs (and is tested) anywhere.
//
// It follows arXiv's terms of use: ids batched into one `id_list` request, one request at a time
// and at least three seconds between requests, back-off on 429/503 honouring Retry-After; every
// request is bounded (timeouts, body cap, same-host redirects only: see ../net/http).
import { ArxivError, cancelled } from './arxivError';
import { readFeed, splitApiId } from './arxivFeed';
import type { Paper } from '../model/types';
import {
  type Clock,
  HttpError,
  type HttpTransport,
  RateLimiter,
  fetchTransport,
  httpGet,
  safeUrl,
  systemClock,
} from '../net/http';

export type { HttpRequestInit, HttpResponseLike, HttpTransport } from '../net/http';

export const DEFAULT_ARXIV_ENDPOINT = 'https://export.arxiv.org/api/query';

export interface ArxivClientOptions {
  /** The API's query URL. Default https://export.arxiv.org/api/query. */
  endpoint?: string;
  /** Default: the global fetch. */
  transport?: HttpTransport;
  /** Shared between clients that talk to the same service. Default: a new 3 s limiter. */
  limiter?: RateLimiter;
  /** Per attempt, from sending the request to the end of the body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after a 429/503 answer. Default 3. */
  maxRetries?: number;
  /** First back-off; doubles on every retry. Default 3 000 ms. */
  backoffMs?: number;
  /** Longest wait the client accepts (a longer Retry-After ends the fetch). Default 60 000 ms. */
  maxBackoffMs?: number;
  /** Largest body accepted. Default 8 MB. */
  maxBodyBytes?: number;
  /** Same-host redirects followed at most. Default 3. */
  maxRedirects?: number;
  /** Ids per request. Default 50. */
  batchSize?: number;
  userAgent?: string;
  /** Clock and sleep, injectable. */
  clock?: Clock;
}

export interface IdFailure {
  id: string;
  message: string;
}

export interface FetchOutcome {
  /** In the order the ids were asked for. */
  papers: Paper[];
  failures: IdFailure[];
}

export interface FetchOptions {
  signal?: AbortSignal;
  /** Called after each batch: ids answered so far, of total. */
  onProgress?(done: number, total: number): void;
}

export class ArxivClient {
  readonly endpoint: string;
  private readonly transport: HttpTransport;
  private readonly limiter: RateLimiter;
  private readonly clock: Clock;
  private readonly opts: Required<
    Pick<
      ArxivClientOptions,
      | 'timeoutMs'
      | 'maxRetries'
      | 'backoffMs'
      | 'maxBackoffMs'
      | 'maxBodyBytes'
      | 'maxRedirects'
      | 'batchSize'
      | 'userAgent'
    >
  >;

  constructor(options: ArxivClientOptions = {}) {
    this.endpoint = options.endpoint || DEFAULT_ARXIV_ENDPOINT;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new RateLimiter(3000, this.clock);
    this.transport = options.transport ?? fetchTransport;
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 3,
      backoffMs: options.backoffMs ?? 3000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 3,
      batchSize: Math.max(1, options.batchSize ?? 50),
      userAgent: options.userAgent ?? 'paper-shelf (VS Code extension; https://github.com/paper-shelf/paper-shelf)',
    };
  }

  /**
   * Metadata for arXiv ids (canonical or versioned: '2510.01152', 'hep-th/9711200v2').
   * Per-id problems (unknown id, error entry) come back as failures; a failure of a whole request
   * (network, timeout, bad answer, cancellation) throws ArxivError and returns nothing at all.
   */
  async fetchPapers(ids: readonly string[], options: FetchOptions = {}): Promise<FetchOutcome> {
    parseEndpoint(this.endpoint); // a bad setting fails before anything else
    const wanted: { asked: string; id: string }[] = [];
    const failures: IdFailure[] = [];
    for (const asked of ids) {
      const split = splitApiId(asked);
      if (!split) failures.push({ id: asked, message: `"${asked}" is not an arXiv id.` });
      else if (!wanted.some((w) => w.id === split.id)) wanted.push({ asked: asked.trim(), id: split.id });
    }
    const found = new Map<string, Paper>();
    let done = 0;
    for (let i = 0; i < wanted.length; i += this.opts.batchSize) {
      const batch = wanted.slice(i, i + this.opts.batchSize);
      const askedIds = batch.map((w) => w.asked);
      const { status, text } = await this.get(
        `id_list=${askedIds.map(encodeURIComponent).join(',')}&max_results=${batch.length}`,
        askedIds,
        options.signal,
      );
      const answer = readFeed(text, askedIds, status);
      for (const paper of answer.papers) found.set(paper.id, paper);
      for (const w of batch) {
        if (found.has(w.id)) continue;
        const error =
          answer.errors.find((e) => e.mentions(w.asked) || e.mentions(w.id)) ??
          (answer.errors.length === 1 && batch.length === 1 ? answer.errors[0] : undefined);
        failures.push({
          id: w.asked,
          message: error ? `arXiv rejected ${w.asked}: ${error.message}` : `arXiv has no paper ${w.asked}.`,
        });
      }
      done += batch.length;
      options.onProgress?.(done, wanted.length);
    }
    return { papers: wanted.map((w) => found.get(w.id)).filter((p): p is Paper => p !== undefined), failures };
  }

  /**
   * One GET of the endpoint with this (already encoded) query string, in the rate limiter's turn,
   * with the redirects, retries, timeout and size cap every request gets. `subject` names what is
   * fetched in error messages (the ids, or a search). Fetching by id and searching both use it.
   */
  get(query: string, subject: readonly string[], signal?: AbortSignal): Promise<{ status: number; text: string }> {
    const endpoint = parseEndpoint(this.endpoint);
    const url = `${endpoint.href}${endpoint.search ? '&' : '?'}${query}`;
    return this.limiter
      .run(() => this.request(url, endpoint, subject, signal), signal)
      .catch((err) => {
        // The request loop's HttpError (or the limiter's cancelled wait) becomes the arXiv error naming the subject.
        if ((err instanceof ArxivError || err instanceof HttpError) && err.kind === 'cancelled')
          throw cancelled(subject);
        throw err instanceof HttpError ? new ArxivError(err.kind, err.message, subject, err.status) : err;
      });
  }

  /** One request with its redirects and retries (core/net/http); runs inside the rate limiter. */
  private request(
    url: string,
    endpoint: URL,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ status: number; text: string }> {
    return httpGet(url, {
      ...this.opts,
      transport: this.transport,
      clock: this.clock,
      service: 'The arXiv API',
      context: `while fetching ${ids.join(', ')}`,
      networkHint: 'Check the network or the paperShelf.arxivApiUrl setting.',
      endpoint,
      accept: (status) => status === 200 || status === 400,
      passThrough: (err) => err instanceof ArxivError,
      headers: { 'user-agent': this.opts.userAgent, accept: 'application/atom+xml' },
      signal,
    });
  }
}

function parseEndpoint(endpoint: string): URL {
  const url = safeUrl(endpoint);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ArxivError(
      'config',
      `The arXiv API address "${endpoint}" is not an http(s) URL (setting paperShelf.arxivApiUrl).`,
    );
  }
  return url;
}
