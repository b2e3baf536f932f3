import * as assert from 'node:assert/strict';
import { ArxivClient } from '../../../src/core/arxiv/arxivApi';
import { RateLimiter } from '../../../src/core/net/http';
import { ArxivSearch } from '../../../src/core/arxiv/arxivSearch';
import { rejection } from '../../support/rejection';
import { type ReplayServer, startReplayServer } from '../../support/replayServer';

const INTERVAL = 120;
const WORDS = 'diffusion transformers';

describe('arxivSearch: searching arXiv by words against the replay server', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  let now = 0;
  const clock = { now: () => now };

  beforeEach(async () => {
    server = await startReplayServer({ lifetimeMs: 20_000 });
    now = 1_000_000;
  });
  afterEach(() => server.close());

  const client = (): ArxivClient =>
    new ArxivClient({ endpoint: server.endpoint, limiter: new RateLimiter(INTERVAL), timeoutMs: 1000, backoffMs: 10 });
  const search = (options = {}): ArxivSearch => new ArxivSearch(client(), { clock, ...options });

  it('asks search_query/start/max_results/sortBy and reads a page: arXiv order, the total, where the next page starts', async () => {
    const page = await search().page(WORDS, { pageSize: 10 });
    assert.deepEqual(server.requests[0]!.search, {
      query: 'all:diffusion AND all:transformers',
      start: 0,
      maxResults: 10,
      sortBy: 'relevance',
    });
    assert.match(server.requests[0]!.url, /sortOrder=descending/);
    assert.equal(page.total, 5);
    assert.equal(page.start, 0);
    // A short page (3 of 10 asked): the next one starts right after what came.
    assert.equal(page.next, 3);
    assert.deepEqual(
      page.papers.map((p) => p.id),
      ['2212.09748', '2509.25162', '2310.00426'],
    );
    const dit = page.papers[0]!;
    assert.equal(dit.title, 'Scalable Diffusion Models with Transformers');
    assert.deepEqual(dit.authors, ['William Peebles', 'Saining Xie']);
    assert.deepEqual(dit.categories, ['cs.CV', 'cs.LG']);
    assert.equal(dit.published, '2022-12-19');
    assert.equal(dit.version, 2);
    assert.match(dit.summary, /^We explore a new class of diffusion models based on the transformer architecture\. /);
    assert.equal(
      page.papers[2]!.title,
      'PixArt-$\\alpha$: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
    );
  });

  it('the last page: from `next`, no further page', async () => {
    const s = search();
    const first = await s.page(WORDS);
    const second = await s.page(WORDS, { start: first.next });
    assert.equal(server.requests[1]!.search!.start, 3);
    assert.deepEqual(
      second.papers.map((p) => p.id),
      ['2403.03206', '2401.08740'],
    );
    assert.equal(second.papers[0]!.authors[4], 'Jonas Müller');
    assert.equal(second.total, 5);
    assert.equal(second.next, undefined);
  });

  it('sorts by submission date or last update, newest first', async () => {
    const s = search();
    await s.page(WORDS, { sort: 'submitted' });
    await s.page(WORDS, { sort: 'updated' });
    assert.deepEqual(
      server.requests.map((r) => r.search!.sortBy),
      ['submittedDate', 'lastUpdatedDate'],
    );
  });

  it('collect joins pages in order up to the limit, one request per page, 3 s (here 120 ms) apart', async () => {
    const progress: string[] = [];
    const all = await search().collect(WORDS, { limit: 50, onProgress: (d, e) => progress.push(`${d}/${e}`) });
    assert.equal(all.total, 5);
    assert.deepEqual(
      all.papers.map((p) => p.id),
      ['2212.09748', '2509.25162', '2310.00426', '2403.03206', '2401.08740'],
    );
    assert.deepEqual(
      server.requests.map((r) => [r.search!.start, r.search!.maxResults]),
      [
        [0, 50],
        [3, 47],
      ],
    );
    assert.ok(server.requests[1]!.at - server.requests[0]!.at >= INTERVAL - 5, 'the second page waited its turn');
    assert.deepEqual(progress, ['3/5', '5/5']);

    const two = await search().collect(WORDS, { limit: 2 });
    assert.deepEqual(
      two.papers.map((p) => p.id),
      ['2212.09748', '2509.25162'],
    );
    assert.equal(server.requests.at(-1)!.search!.maxResults, 2);
  });

  it('an empty answer is a page with nothing and no next page', async () => {
    const page = await search().page('qwzxv plokm');
    assert.deepEqual([page.total, page.papers, page.next], [0, [], undefined]);
    const all = await search().collect('qwzxv plokm', { limit: 10 });
    assert.deepEqual(all, { total: 0, papers: [] });
  });

  it('a query arXiv refuses (error entry, with HTTP 400 or 200) is a "refused" error naming its reason', async () => {
    server.enqueue({ status: 400, fixture: 'search-error.xml' }, { fixture: 'search-error.xml' });
    for (let i = 0; i < 2; i++) {
      const err = await rejection(search().page(WORDS));
      assert.equal(err.kind, 'refused');
      assert.match(err.message, /arXiv refused the search “diffusion transformers”: malformed search_query\./);
    }
  });

  it('a broken answer and a server error fail as fetching by id does', async () => {
    server.enqueue({ fixture: 'malformed.xml' });
    assert.equal((await rejection(search().page(WORDS))).kind, 'malformed');
    server.enqueue({ status: 500, body: 'oops' });
    const err = await rejection(search().page(WORDS));
    assert.equal(err.kind, 'http');
    assert.match(err.message, /HTTP 500 while fetching results for “diffusion transformers”/);
  });

  it('retries after 503, then answers', async () => {
    server.enqueue({ status: 503, headers: { 'retry-after': '0' } });
    const page = await search().page(WORDS);
    assert.equal(page.papers.length, 3);
    assert.equal(server.requests.length, 2);
  });

  it('words with nothing to search are refused without a request', async () => {
    const err = await rejection(search().page('  ?! AND '));
    assert.equal(err.kind, 'refused');
    assert.equal(server.requests.length, 0);
  });

  it('pages answered a moment ago come from the cache: paging back and forth costs no request', async () => {
    const s = search();
    const first = await s.page(WORDS);
    await s.page(WORDS, { start: 3 });
    const again = await s.page(WORDS);
    await s.page(`  ${WORDS} `); // the same query once built
    assert.equal(server.requests.length, 2);
    assert.equal(s.requests, 2);
    assert.deepEqual(again.papers, first.papers);
    // Another sort or page size is another request.
    await s.page(WORDS, { sort: 'submitted' });
    await s.page(WORDS, { pageSize: 5 });
    assert.equal(server.requests.length, 4);
    // Ten minutes later the answer is asked for again.
    now += 10 * 60_000;
    await s.page(WORDS);
    assert.equal(server.requests.length, 5);
  });

  it('the cache keeps the most recently used pages only', async () => {
    const s = search({ cacheSize: 2 });
    await s.page('a');
    await s.page('b');
    await s.page('a'); // a is now the most recent
    await s.page('c'); // evicts b
    await s.page('a');
    assert.equal(server.requests.length, 3);
    await s.page('b');
    assert.equal(server.requests.length, 4);
  });

  it('cancellation: before the request nothing is sent; during it the search stops', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal((await rejection(search().page(WORDS, { signal: controller.signal }))).kind, 'cancelled');
    assert.equal(server.requests.length, 0);

    let release!: () => void;
    server.enqueue({ kind: 'hold', until: new Promise<void>((r) => (release = r)) });
    const during = new AbortController();
    const s = search();
    const pending = rejection(s.page(WORDS, { signal: during.signal }));
    while (!server.requests.length) await new Promise((r) => setTimeout(r, 5));
    during.abort();
    const err = await pending;
    assert.equal(err.kind, 'cancelled');
    release();
    // Nothing half-answered was cached: the next search asks again.
    await s.page(WORDS);
    assert.equal(server.requests.length, 2);
  });

  it('a collect cancelled between pages returns nothing', async () => {
    const controller = new AbortController();
    const err = await rejection(
      search().collect(WORDS, { limit: 10, signal: controller.signal, onProgress: () => controller.abort() }),
    );
    assert.equal(err.kind, 'cancelled');
    assert.equal(server.requests.length, 1);
  });
});
