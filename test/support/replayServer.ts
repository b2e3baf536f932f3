// A local stand-in for the arXiv API: replays the recorded-format answers in test/fixtures/arxiv
// on 127.0.0.1 only. Bounded: it stops by itself after `lifetimeMs` and never sends more than
// `maxBodyBytes` of an endless body. Used by the unit tests and, inside the extension host, by
// the integration tests.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** out/test/support -> the repository's test/fixtures/arxiv (also works from test/support under ts-node). */
export const ARXIV_FIXTURES = [
  path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'arxiv'),
  path.join(__dirname, '..', 'fixtures', 'arxiv'),
].find((dir) => fs.existsSync(path.join(dir, 'single.xml')))!;

export function readArxivFixture(name: string): string {
  return fs.readFileSync(path.join(ARXIV_FIXTURES, name), 'utf8');
}

export type ReplayAnswer =
  | { kind?: 'answer'; status?: number; headers?: Record<string, string>; fixture?: string; body?: string }
  /** Sends headers, then nothing, forever. */
  | { kind: 'stall-body' }
  /** Accepts the connection and never answers. */
  | { kind: 'stall-headers' }
  /** Sends a 200 and an endless stream of bytes (bounded by maxBodyBytes). */
  | { kind: 'endless-body' }
  /** Answers only once `until` settles, with `then` (default: what `defaultAnswer` gives). */
  | { kind: 'hold'; until: Promise<unknown>; then?: ReplayAnswer };

export interface RecordedRequest {
  url: string;
  /** id_list as sent, split on commas. */
  ids: string[];
  /** search_query, start, max_results and sortBy as sent, for a search. */
  search?: { query: string; start: number; maxResults: number; sortBy: string };
  /** Date.now() when the request arrived. */
  at: number;
  headers: http.IncomingHttpHeaders;
}

export interface ReplayServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** origin + '/api/query', the value for the endpoint setting. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, in order; when none is queued, `defaultAnswer` decides. */
  enqueue(...answers: ReplayAnswer[]): void;
  close(): Promise<void>;
}

export interface ReplayOptions {
  lifetimeMs?: number;
  maxBodyBytes?: number;
  /** Default: the fixture recorded for the requested ids (FIXTURE_BY_IDS), else an empty feed. */
  defaultAnswer?(request: RecordedRequest): ReplayAnswer;
}

/** Which fixture answers which id_list (ids sorted). */
export const FIXTURE_BY_IDS: Record<string, string> = {
  '1706.03762': 'single.xml',
  '1706.03762,1810.04805': 'batch.xml',
  'hep-th/9711200': 'old-style.xml',
  '2510.99999': 'unknown.xml',
};

/** Which fixture answers which search (`search_query` as arXiv reads it, then `start`). */
export const FIXTURE_BY_SEARCH: Record<string, Record<number, string>> = {
  'all:diffusion AND all:transformers': { 0: 'search-page1.xml', 3: 'search-page2.xml' },
};

export function defaultReplay(request: RecordedRequest): ReplayAnswer {
  if (request.search) {
    const fixture = FIXTURE_BY_SEARCH[request.search.query]?.[request.search.start];
    return { fixture: fixture ?? 'search-empty.xml' };
  }
  const key = [...request.ids]
    .map((id) => id.replace(/v\d+$/, ''))
    .sort()
    .join(',');
  const fixture = FIXTURE_BY_IDS[key];
  if (fixture) return { fixture };
  if (key === '2513.00001') return { status: 400, fixture: 'error-400.xml' };
  return { fixture: 'unknown.xml' };
}

export function startReplayServer(options: ReplayOptions = {}): Promise<ReplayServer> {
  const lifetimeMs = options.lifetimeMs ?? 120_000;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const queue: ReplayAnswer[] = [];
  const requests: RecordedRequest[] = [];
  const decide = options.defaultAnswer ?? defaultReplay;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      url: req.url ?? '',
      ids: (url.searchParams.get('id_list') ?? '').split(',').filter(Boolean),
      search: url.searchParams.has('search_query')
        ? {
            query: url.searchParams.get('search_query') ?? '',
            start: Number(url.searchParams.get('start') ?? 0),
            maxResults: Number(url.searchParams.get('max_results') ?? 10),
            sortBy: url.searchParams.get('sortBy') ?? '',
          }
        : undefined,
      at: Date.now(),
      headers: req.headers,
    };
    requests.push(record);
    respond(queue.shift() ?? decide(record), record, res);
  });

  function respond(answer: ReplayAnswer, record: RecordedRequest, res: http.ServerResponse): void {
    switch (answer.kind) {
      case 'hold':
        void answer.until.then(
          () => respond(answer.then ?? decide(record), record, res),
          () => res.destroy(),
        );
        return;
      case 'stall-headers':
        return;
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
        res.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n');
        return;
      case 'endless-body': {
        res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
        const chunk = Buffer.from('<!-- ' + 'x'.repeat(64 * 1024 - 9) + ' -->\n');
        let sent = 0;
        const pump = (): void => {
          while (sent < maxBodyBytes && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
        return;
      }
      default: {
        const body = answer.body ?? (answer.fixture ? readArxivFixture(answer.fixture) : '');
        res.writeHead(answer.status ?? 200, {
          'content-type': 'application/atom+xml; charset=utf-8',
          ...answer.headers,
        });
        res.end(body);
      }
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const origin = `http://127.0.0.1:${port}`;
      let closed: Promise<void> | undefined;
      const close = (): Promise<void> =>
        (closed ??= new Promise<void>((done) => {
          clearTimeout(lifetime);
          server.close(() => done());
          server.closeAllConnections();
        }));
      const lifetime = setTimeout(() => void close(), lifetimeMs);
      lifetime.unref();
      resolve({
        origin,
        endpoint: `${origin}/api/query`,
        requests,
        enqueue: (...answers) => queue.push(...answers),
        close,
      });
    });
  });
}

/** An address on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedEndpoint(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/query`;
}
