// The arXiv API client, shared by the extension and the command-line tool. Pure logic over an
// injected fetch-like transport, so it runs (and is tested) anywhere.
//
// It follows arXiv's terms of use: ids batched into one `id_list` request, one request at a time
// and at least three seconds between requests, back-off on 429/503 honouring Retry-After. Every
// request is bounded: a timeout that covers a stalled connection and a body that never ends, a cap
// on the body size, redirects followed by hand and only within the endpoint's own host.
import { ArxivError, cancelled } from './arxivError';
import { readFeed, splitApiId } from './arxivFeed';
import { Deadline, describeNetworkError, parseRetryAfter } from './httpRequest';
import { RateLimiter, systemClock, type Clock } from './rateLimiter';
import type { Paper } from '../model/types';

export const DEFAULT_ARXIV_ENDPOINT = 'https://export.arxiv.org/api/query';

/** What the client needs from a response; the global `fetch` Response satisfies it. */
export interface HttpResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

export interface HttpRequestInit {
  method: 'GET';
  headers: Record<string, string>;
  redirect: 'manual';
  signal: AbortSignal;
}

export type HttpTransport = (url: string, init: HttpRequestInit) => Promise<HttpResponseLike>;

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
    this.transport = options.transport ?? ((url, init) => fetch(url, init) as Promise<HttpResponseLike>);
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
        throw err instanceof ArxivError && err.kind === 'cancelled' ? cancelled(subject) : err;
      });
  }

  /** One request with its redirects and retries; runs inside the rate limiter. */
  private async request(
    startUrl: string,
    endpoint: URL,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ status: number; text: string }> {
    const named = ids.join(', ');
    let url = startUrl;
    let redirects = 0;
    for (let attempt = 0; ;) {
      if (signal?.aborted) throw cancelled(ids);
      const response = await this.attempt(url, ids, signal);
      const { status } = response;
      if (status >= 300 && status < 400 && status !== 304) {
        response.deadline.dispose();
        void response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const target = location ? safeUrl(location, url) : undefined;
        if (!target)
          throw new ArxivError(
            'redirect',
            `The arXiv API answered a redirect without a usable address while fetching ${named}.`,
            ids,
            status,
          );
        if (target.host !== endpoint.host || (endpoint.protocol === 'https:' && target.protocol !== 'https:')) {
          throw new ArxivError(
            'redirect',
            `The arXiv API redirected to ${target.host}, outside ${endpoint.host}; refused while fetching ${named}.`,
            ids,
            status,
          );
        }
        if (++redirects > this.opts.maxRedirects)
          throw new ArxivError(
            'redirect',
            `The arXiv API redirected more than ${this.opts.maxRedirects} times (a loop?) while fetching ${named}.`,
            ids,
            status,
          );
        url = target.href;
        continue;
      }
      if (status === 429 || status === 503) {
        response.deadline.dispose();
        void response.body?.cancel().catch(() => undefined);
        if (attempt >= this.opts.maxRetries) {
          throw new ArxivError(
            'rate-limited',
            `The arXiv API is busy (HTTP ${status}) and still was after ${attempt + 1} tries; fetching ${named} stopped. Try again later.`,
            ids,
            status,
          );
        }
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.clock.now());
        const wait = Math.max(retryAfter ?? 0, this.opts.backoffMs * 2 ** attempt);
        if (wait > this.opts.maxBackoffMs) {
          throw new ArxivError(
            'rate-limited',
            `The arXiv API is busy (HTTP ${status}) and asks to wait ${Math.ceil(wait / 1000)} s; fetching ${named} stopped. Try again later.`,
            ids,
            status,
          );
        }
        attempt++;
        await this.clock.sleep(wait, signal).catch(() => {
          throw cancelled(ids);
        });
        continue;
      }
      const text = await this.readBody(response, ids, signal);
      if (status === 200 || status === 400) return { status, text };
      throw new ArxivError('http', `The arXiv API answered HTTP ${status} while fetching ${named}.`, ids, status);
    }
  }

  /** Sends one request and waits for its headers, within the timeout. */
  private async attempt(
    url: string,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<HttpResponseLike & { deadline: Deadline }> {
    const deadline = new Deadline(this.opts.timeoutMs, signal);
    try {
      const response = await deadline.race(
        this.transport(url, {
          method: 'GET',
          headers: { 'user-agent': this.opts.userAgent, accept: 'application/atom+xml' },
          redirect: 'manual',
          signal: deadline.signal,
        }),
      );
      return Object.assign(response, { deadline });
    } catch (err) {
      deadline.dispose();
      throw this.failure(err, deadline, ids);
    }
  }

  private async readBody(
    response: HttpResponseLike & { deadline: Deadline },
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<string> {
    const { deadline } = response;
    const named = ids.join(', ');
    try {
      const declared = Number(response.headers.get('content-length'));
      if (declared > this.opts.maxBodyBytes) throw tooLarge(this.opts.maxBodyBytes, named, ids);
      if (!response.body) return '';
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        for (;;) {
          const { done, value } = await deadline.race(reader.read());
          if (done) break;
          size += value.byteLength;
          if (size > this.opts.maxBodyBytes) throw tooLarge(this.opts.maxBodyBytes, named, ids);
          chunks.push(value);
        }
      } finally {
        void reader.cancel().catch(() => undefined);
      }
      const all = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.byteLength;
      }
      return new TextDecoder('utf-8').decode(all);
    } catch (err) {
      if (signal?.aborted) throw cancelled(ids);
      throw this.failure(err, deadline, ids);
    } finally {
      deadline.dispose();
    }
  }

  private failure(err: unknown, deadline: Deadline, ids: readonly string[]): ArxivError {
    const named = ids.join(', ');
    if (err instanceof ArxivError) return err;
    if (deadline.cancelled) return cancelled(ids);
    if (deadline.timedOut)
      return new ArxivError(
        'timeout',
        `The arXiv API did not answer within ${Math.round(this.opts.timeoutMs / 100) / 10} s while fetching ${named}.`,
        ids,
      );
    const cause = describeNetworkError(err);
    return new ArxivError(
      'network',
      `Could not reach the arXiv API at ${hostOf(this.endpoint)} (${cause}) while fetching ${named}. Check the network or the paperShelf.arxivApiUrl setting.`,
      ids,
    );
  }
}

function tooLarge(max: number, named: string, ids: readonly string[]): ArxivError {
  return new ArxivError(
    'too-large',
    `The arXiv API's answer for ${named} is larger than ${Math.round(max / 1024 / 1024)} MB; refused.`,
    ids,
  );
}

/** A timeout plus the caller's cancellation, as one AbortSignal, and a race helper that honours it. */

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

function safeUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

function hostOf(endpoint: string): string {
  return safeUrl(endpoint)?.host ?? endpoint;
}
