// Polite HTTP GET over an injected fetch-like transport, shared by the web-service clients (arXiv,
// Crossref). Pure logic: the extension, the web build and the CLI pass their own transport.
//
// Every request is bounded: a timeout that covers a stalled connection and a body that never ends,
// a cap on the body size, redirects followed by hand and only within the endpoint's own host, and
// back-off on 429/503 honouring Retry-After. One request at a time goes through a RateLimiter.

/** What a client needs from a response; the global `fetch` Response satisfies it. */
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

/** The global fetch, as a transport. */
export const fetchTransport: HttpTransport = (url, init) => fetch(url, init) as Promise<HttpResponseLike>;

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** `unavailable`: the host cannot call the service at all (a browser, and a service that sends no CORS headers). */
export type HttpErrorKind =
  | 'config'
  | 'network'
  | 'timeout'
  | 'http'
  | 'malformed'
  | 'redirect'
  | 'too-large'
  | 'rate-limited'
  | 'cancelled'
  /** The service answered, and rejected what was asked (a search query it cannot read), or nothing was left to ask. */
  | 'refused'
  | 'unavailable';

/** A request failed as a whole; `message` is a sentence for people. */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new HttpError('cancelled', 'Cancelled.'));
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new HttpError('cancelled', 'Cancelled.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** One request at a time, and at least `intervalMs` from the end of one to the start of the next. */
export class RateLimiter {
  private tail: Promise<void> = Promise.resolve();
  private lastEnd = -Infinity;

  constructor(
    readonly intervalMs = 3000,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Runs `task` in its turn. A cancelled wait gives up its turn without running the task. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.tail.then(async () => {
      const wait = this.lastEnd + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      if (signal?.aborted) throw new HttpError('cancelled', 'Cancelled.');
      try {
        return await task();
      } finally {
        this.lastEnd = this.clock.now();
      }
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }
}

export interface GetOptions {
  transport: HttpTransport;
  clock: Clock;
  /** The service as a sentence starts with it: 'The arXiv API'. */
  service: string;
  /** What the request is for, ending the messages: 'while fetching 1706.03762'. */
  context: string;
  /** Said after a network failure: 'Check the network or the paperShelf.arxivApiUrl setting.' */
  networkHint: string;
  /** Redirects must stay on this URL's host (and on https when it is https). */
  endpoint: URL;
  /** Statuses whose body the caller reads; any other is an 'http' error. */
  accept(status: number): boolean;
  headers: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  backoffMs: number;
  maxBackoffMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  signal?: AbortSignal;
  /**
   * Errors the caller's own transport throws as its final word (the browser transport's
   * ArxivError, 'unavailable'): they pass through unchanged instead of becoming 'network' errors.
   */
  passThrough?(err: unknown): boolean;
}

/** GET with its same-host redirects and its retries after 429/503; the body as UTF-8 text. */
export async function httpGet(startUrl: string, o: GetOptions): Promise<{ status: number; text: string }> {
  let url = startUrl;
  let redirects = 0;
  for (let attempt = 0; ;) {
    if (o.signal?.aborted) throw new HttpError('cancelled', 'Cancelled.');
    const response = await sendRequest(url, o);
    const { status } = response;
    if (status >= 300 && status < 400 && status !== 304) {
      discard(response);
      const location = response.headers.get('location');
      const target = location ? safeUrl(location, url) : undefined;
      if (!target)
        throw new HttpError(
          'redirect',
          `${o.service} answered a redirect without a usable address ${o.context}.`,
          status,
        );
      if (target.host !== o.endpoint.host || (o.endpoint.protocol === 'https:' && target.protocol !== 'https:')) {
        throw new HttpError(
          'redirect',
          `${o.service} redirected to ${target.host}, outside ${o.endpoint.host}; refused ${o.context}.`,
          status,
        );
      }
      if (++redirects > o.maxRedirects)
        throw new HttpError(
          'redirect',
          `${o.service} redirected more than ${o.maxRedirects} times (a loop?) ${o.context}.`,
          status,
        );
      url = target.href;
      continue;
    }
    if (status === 429 || status === 503) {
      discard(response);
      const stopped = o.context.replace(/^while /, '');
      if (attempt >= o.maxRetries) {
        throw new HttpError(
          'rate-limited',
          `${o.service} is busy (HTTP ${status}) and still was after ${attempt + 1} tries; ${stopped} stopped. Try again later.`,
          status,
        );
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), o.clock.now());
      const wait = Math.max(retryAfter ?? 0, o.backoffMs * 2 ** attempt);
      if (wait > o.maxBackoffMs) {
        throw new HttpError(
          'rate-limited',
          `${o.service} is busy (HTTP ${status}) and asks to wait ${Math.ceil(wait / 1000)} s; ${stopped} stopped. Try again later.`,
          status,
        );
      }
      attempt++;
      await o.clock.sleep(wait, o.signal).catch(() => {
        throw new HttpError('cancelled', 'Cancelled.');
      });
      continue;
    }
    const text = await readBody(response, o);
    if (o.accept(status)) return { status, text };
    throw new HttpError('http', `${o.service} answered HTTP ${status} ${o.context}.`, status);
  }
}

type Pending = HttpResponseLike & { deadline: Deadline };

function discard(response: Pending): void {
  response.deadline.dispose();
  void response.body?.cancel().catch(() => undefined);
}

/** Sends one request and waits for its headers, within the timeout. */
async function sendRequest(url: string, o: GetOptions): Promise<Pending> {
  const deadline = new Deadline(o.timeoutMs, o.signal);
  try {
    const response = await deadline.race(
      o.transport(url, { method: 'GET', headers: o.headers, redirect: 'manual', signal: deadline.signal }),
    );
    return Object.assign(response, { deadline });
  } catch (err) {
    deadline.dispose();
    throw failure(err, deadline, o);
  }
}

async function readBody(response: Pending, o: GetOptions): Promise<string> {
  const { deadline } = response;
  try {
    const declared = Number(response.headers.get('content-length'));
    if (declared > o.maxBodyBytes) throw tooLarge(o);
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await deadline.race(reader.read());
        if (done) break;
        size += value.byteLength;
        if (size > o.maxBodyBytes) throw tooLarge(o);
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
    if (o.signal?.aborted) throw new HttpError('cancelled', 'Cancelled.');
    throw failure(err, deadline, o);
  } finally {
    deadline.dispose();
  }
}

function tooLarge(o: GetOptions): HttpError {
  const named = o.context.replace(/^while fetching /, 'for ');
  return new HttpError(
    'too-large',
    `${o.service}'s answer ${named} is larger than ${Math.round(o.maxBodyBytes / 1024 / 1024)} MB; refused.`,
  );
}

function failure(err: unknown, deadline: Deadline, o: GetOptions): Error {
  if (err instanceof HttpError) return err;
  if (err instanceof Error && o.passThrough?.(err)) return err;
  if (deadline.cancelled) return new HttpError('cancelled', 'Cancelled.');
  if (deadline.timedOut)
    return new HttpError(
      'timeout',
      `${o.service} did not answer within ${Math.round(o.timeoutMs / 100) / 10} s ${o.context}.`,
    );
  return new HttpError(
    'network',
    `Could not reach ${o.service.replace(/^The /, 'the ')} at ${o.endpoint.host} (${describeNetworkError(err)}) ${o.context}. ${o.networkHint}`,
  );
}

/** A timeout plus the caller's cancellation, as one AbortSignal, and a race helper that honours it. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  timedOut = false;
  cancelled = false;
  private readonly onAbort = (): void => {
    this.cancelled = true;
    this.controller.abort();
  };
  private readonly aborted: Promise<never>;

  constructor(
    ms: number,
    private readonly outer?: AbortSignal,
  ) {
    this.aborted = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    this.aborted.catch(() => undefined);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Settles with `promise`, or rejects as soon as the deadline passes or the caller cancels. */
  race<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined);
    return Promise.race([promise, this.aborted]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

export function safeUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

export function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection closed';
  return code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
