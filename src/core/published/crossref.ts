// The Crossref REST API client (GET /works/{doi}), shared by the extension, the web build and the
// CLI: pure logic over an injected transport (see ../net/http) and an injected cache store.
//
// Polite by Crossref's rules: a contact address (`mailto`, the "polite pool") in the query and the
// User-Agent, one request at a time with a gap between requests, timeouts, back-off on 429/503.
// Every answer worth keeping (a record, or a 404) is cached per DOI, so a DOI is fetched once.
import {
  type Clock,
  HttpError,
  type HttpErrorKind,
  type HttpTransport,
  RateLimiter,
  fetchTransport,
  httpGet,
  safeUrl,
  systemClock,
} from '../net/http';
import type { CrossrefWorkRecord } from './crossrefWork';

export const DEFAULT_CROSSREF_ENDPOINT = 'https://api.crossref.org';

/** Where looked-up records are kept between sessions; the adapters store one file per DOI. */
export interface CrossrefCacheStore {
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
}

export interface CrossrefClientOptions {
  /** The API's base URL. Default https://api.crossref.org. */
  endpoint?: string;
  /** A contact address for Crossref's polite pool; ignored unless it looks like an e-mail address. */
  mailto?: string;
  transport?: HttpTransport;
  clock?: Clock;
  /** Default: one request at a time, at least 250 ms apart (below Crossref's public-pool limit). */
  limiter?: RateLimiter;
  cache?: CrossrefCacheStore;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after 429/503. Default 2. */
  maxRetries?: number;
  /** First back-off, doubling. Default 2 000 ms. */
  backoffMs?: number;
  /** Longest acceptable wait. Default 30 000 ms. */
  maxBackoffMs?: number;
  /** How long a "not found" answer is believed. Default 7 days. */
  notFoundTtlMs?: number;
}

export type CrossrefErrorKind = HttpErrorKind;

/** The lookup failed as a whole (no network, timeout, refused, bad answer); nothing is cached. */
export class CrossrefError extends Error {
  constructor(
    readonly kind: CrossrefErrorKind,
    message: string,
    readonly doi: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CrossrefError';
  }
}

export type WorkLookup =
  { found: true; record: CrossrefWorkRecord; cached: boolean } | { found: false; cached: boolean };

interface CacheEntry {
  v: 1;
  doi: string;
  /** Date.now() of the answer. */
  at: number;
  record?: CrossrefWorkRecord;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;

/** A file name for a DOI's cache entry: case-folded (DOIs are case-insensitive), every unsafe character escaped. */
export function crossrefCacheName(doi: string): string {
  const safe = doi
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (safe.length <= 180) return `${safe}.json`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < safe.length; i++) hash = Math.imul(hash ^ safe.charCodeAt(i), 0x01000193) >>> 0;
  return `${safe.slice(0, 160)}-${hash.toString(16).padStart(8, '0')}.json`;
}

export class CrossrefClient {
  readonly endpoint: string;
  private readonly mailto?: string;
  private readonly transport: HttpTransport;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter;
  private readonly cache?: CrossrefCacheStore;
  private readonly memory = new Map<string, CacheEntry>();
  private readonly opts: Required<
    Pick<CrossrefClientOptions, 'timeoutMs' | 'maxRetries' | 'backoffMs' | 'maxBackoffMs' | 'notFoundTtlMs'>
  >;

  constructor(options: CrossrefClientOptions = {}) {
    this.endpoint = (options.endpoint || DEFAULT_CROSSREF_ENDPOINT).replace(/\/+$/, '');
    const mailto = options.mailto?.trim();
    this.mailto = mailto && EMAIL.test(mailto) ? mailto : undefined;
    this.transport = options.transport ?? fetchTransport;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new RateLimiter(250, this.clock);
    this.cache = options.cache;
    this.opts = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRetries: options.maxRetries ?? 2,
      backoffMs: options.backoffMs ?? 2000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      notFoundTtlMs: options.notFoundTtlMs ?? 7 * 24 * 3600 * 1000,
    };
  }

  /** What the cache knows of a DOI, without asking the service; undefined when it knows nothing current. */
  async cached(doi: string): Promise<WorkLookup | undefined> {
    const bare = doi.trim();
    const name = crossrefCacheName(bare);
    const known = this.memory.get(name) ?? (await this.readCache(name, bare));
    if (!known || (!known.record && this.clock.now() - known.at >= this.opts.notFoundTtlMs)) return undefined;
    this.memory.set(name, known);
    return known.record ? { found: true, record: known.record, cached: true } : { found: false, cached: true };
  }

  /** Crossref's record of a DOI, from the cache when it was looked up before. Throws CrossrefError. */
  async work(doi: string, signal?: AbortSignal): Promise<WorkLookup> {
    const bare = doi.trim();
    const name = crossrefCacheName(bare);
    const known = await this.cached(bare);
    if (known) return known;
    const endpoint = safeUrl(this.endpoint);
    if (!endpoint || (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:'))
      throw new CrossrefError('config', `The Crossref API address "${this.endpoint}" is not an http(s) URL.`, bare);
    const path = bare.split('/').map(encodeURIComponent).join('/');
    const url = `${this.endpoint}/works/${path}${this.mailto ? `?mailto=${encodeURIComponent(this.mailto)}` : ''}`;
    const context = `while looking up DOI ${bare}`;
    let answer: { status: number; text: string };
    try {
      answer = await this.limiter.run(
        () =>
          httpGet(url, {
            ...this.opts,
            maxBodyBytes: 4 * 1024 * 1024,
            maxRedirects: 3,
            transport: this.transport,
            clock: this.clock,
            service: 'The Crossref API',
            context,
            networkHint: 'Check the network (the preprint entry is kept).',
            endpoint,
            accept: (status) => status === 200 || status === 404,
            headers: {
              'user-agent': `paper-shelf (https://github.com/paper-shelf/paper-shelf${this.mailto ? `; mailto:${this.mailto}` : ''})`,
              accept: 'application/json',
            },
            signal,
          }),
        signal,
      );
    } catch (err) {
      if (err instanceof HttpError) throw new CrossrefError(err.kind, err.message, bare, err.status);
      throw err;
    }
    const entry: CacheEntry = { v: 1, doi: bare, at: this.clock.now() };
    if (answer.status === 200) entry.record = readWorkAnswer(answer.text, bare);
    this.memory.set(name, entry);
    await this.cache?.write(name, JSON.stringify(entry)).catch(() => undefined); // a cache that cannot be written only costs a refetch
    return entry.record ? { found: true, record: entry.record, cached: false } : { found: false, cached: false };
  }

  private async readCache(name: string, doi: string): Promise<CacheEntry | undefined> {
    const raw = await this.cache?.read(name).catch(() => undefined);
    if (!raw) return undefined;
    try {
      const entry = JSON.parse(raw) as CacheEntry;
      if (entry?.v !== 1 || typeof entry.at !== 'number' || entry.doi?.toLowerCase() !== doi.toLowerCase())
        return undefined;
      if (entry.record !== undefined && (typeof entry.record !== 'object' || entry.record === null)) return undefined;
      return entry;
    } catch {
      return undefined; // a damaged cache file is fetched again
    }
  }
}

/** The work record of a 200 answer ({"status":"ok","message-type":"work","message":{...}}). */
export function readWorkAnswer(text: string, doi: string): CrossrefWorkRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CrossrefError('malformed', `The Crossref API's answer for DOI ${doi} is not JSON.`, doi);
  }
  const answer = json as { status?: unknown; 'message-type'?: unknown; message?: unknown } | null;
  if (
    !answer ||
    answer.status !== 'ok' ||
    answer['message-type'] !== 'work' ||
    !answer.message ||
    typeof answer.message !== 'object' ||
    Array.isArray(answer.message)
  )
    throw new CrossrefError('malformed', `The Crossref API's answer for DOI ${doi} is not a work record.`, doi);
  return answer.message as CrossrefWorkRecord;
}
