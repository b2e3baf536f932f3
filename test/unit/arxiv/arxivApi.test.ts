import * as assert from 'node:assert/strict';
import { ArxivClient, type ArxivClientOptions } from '../../../src/core/arxiv/arxivApi';
import { RateLimiter, parseRetryAfter } from '../../../src/core/net/http';
import { normalizeSummary, splitApiId } from '../../../src/core/arxiv/arxivFeed';
import { rejection } from '../../support/rejection';
import { type ReplayServer, refusedEndpoint, startReplayServer } from '../../support/replayServer';

const INTERVAL = 120;

describe('arxivApi: the arXiv API client against the replay server', function () {
  this.timeout(10_000);
  let server: ReplayServer;

  beforeEach(async () => {
    server = await startReplayServer({ lifetimeMs: 20_000, maxBodyBytes: 4 * 1024 * 1024 });
  });
  afterEach(() => server.close());

  const client = (options: ArxivClientOptions = {}): ArxivClient =>
    new ArxivClient({
      endpoint: server.endpoint,
      limiter: new RateLimiter(INTERVAL),
      timeoutMs: 1000,
      backoffMs: 10,
      ...options,
    });

  it('fetches one id with every field the feed carries', async () => {
    const { papers, failures } = await client().fetchPapers(['1706.03762']);
    assert.deepEqual(failures, []);
    assert.equal(papers.length, 1);
    const [paper] = papers;
    assert.deepEqual(
      { ...paper!, source: undefined },
      {
        id: '1706.03762',
        version: 7,
        title: 'Attention Is All You Need',
        summary:
          'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration. The best performing models also connect the encoder and decoder through an attention mechanism. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely.',
        pdfUrl: 'https://arxiv.org/pdf/1706.03762',
        authors: [
          'Ashish Vaswani',
          'Noam Shazeer',
          'Niki Parmar',
          'Jakob Uszkoreit',
          'Llion Jones',
          'Aidan N. Gomez',
          'Lukasz Kaiser',
          'Illia Polosukhin',
        ],
        published: '2017-06-12',
        updated: '2023-08-02',
        categories: ['cs.CL', 'cs.LG'],
        tags: [],
        doi: undefined,
        comment: '15 pages, 5 figures',
        journalRef: undefined,
        extra: {},
        source: undefined,
      },
    );
    assert.equal(server.requests.length, 1);
    assert.match(server.requests[0]!.url, /^\/api\/query\?id_list=1706\.03762&max_results=1$/);
    assert.match(String(server.requests[0]!.headers['user-agent']), /paper-shelf/);
  });

  it('batches several ids into one id_list request and keeps the order asked for', async () => {
    const progress: string[] = [];
    const { papers, failures } = await client().fetchPapers(['1706.03762', '1810.04805'], {
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(
      papers.map((p) => p.id),
      ['1706.03762', '1810.04805'],
    );
    assert.equal(papers[1]!.title, 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding');
    assert.equal(server.requests.length, 1);
    assert.deepEqual(server.requests[0]!.ids, ['1706.03762', '1810.04805']);
    assert.deepEqual(progress, ['2/2']);
  });

  it('reads an old-style id with DOI, journal reference and entities', async () => {
    const { papers } = await client().fetchPapers(['hep-th/9711200']);
    const paper = papers[0]!;
    assert.equal(paper.id, 'hep-th/9711200');
    assert.equal(paper.version, 3);
    assert.equal(paper.doi, '10.1023/A:1026654312961');
    assert.equal(paper.journalRef, 'Adv.Theor.Math.Phys.2:231-252,1998');
    assert.deepEqual(paper.authors, ['Juan M. Maldacena']);
    assert.deepEqual(paper.categories, ['hep-th']);
    assert.match(paper.summary, /M\/string theory & then taking/);
    assert.equal(server.requests[0]!.ids[0], 'hep-th/9711200');
  });

  it('reports an unknown id (empty feed) by name', async () => {
    const { papers, failures } = await client().fetchPapers(['2510.99999']);
    assert.deepEqual(papers, []);
    assert.deepEqual(failures, [{ id: '2510.99999', message: 'arXiv has no paper 2510.99999.' }]);
  });

  it('maps a 400 error entry to the id it names', async () => {
    // 2513 reads like an id but month 13 does not exist: arXiv answers HTTP 400 with an error entry.
    const { papers, failures } = await client().fetchPapers(['2513.00001']);
    assert.deepEqual(papers, []);
    assert.deepEqual(failures, [
      { id: '2513.00001', message: 'arXiv rejected 2513.00001: incorrect id format for 2513.00001' },
    ]);
    // And an id that is not one at all never reaches the network.
    const before = server.requests.length;
    const outcome = await client().fetchPapers(['not an id']);
    assert.deepEqual(outcome.failures, [{ id: 'not an id', message: '"not an id" is not an arXiv id.' }]);
    assert.equal(server.requests.length, before);
  });

  it('backs off on 503 and retries, honouring Retry-After', async () => {
    server.enqueue({ status: 503, headers: { 'retry-after': '0' }, body: 'busy' }, { status: 429, body: 'slow down' });
    const { papers } = await client().fetchPapers(['1706.03762']);
    assert.equal(papers[0]?.id, '1706.03762');
    assert.equal(server.requests.length, 3);
    // Second retry waited at least the doubled back-off (10 ms, then 20 ms).
    assert.ok(server.requests[2]!.at - server.requests[1]!.at >= 20);
  });

  it('gives up when the server asks to wait longer than it accepts', async () => {
    server.enqueue({ status: 503, headers: { 'retry-after': '3600' } });
    const err = await rejection(client({ maxBackoffMs: 5000 }).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'rate-limited');
    assert.match(err.message, /asks to wait 3600 s; fetching 1706\.03762 stopped/);
    assert.equal(server.requests.length, 1);
  });

  it('times out when no answer comes', async () => {
    server.enqueue({ kind: 'stall-headers' });
    const err = await rejection(client({ timeoutMs: 300 }).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'timeout');
    assert.equal(err.message, 'The arXiv API did not answer within 0.3 s while fetching 1706.03762.');
  });

  it('times out on a body that stalls half-way', async () => {
    server.enqueue({ kind: 'stall-body' });
    const err = await rejection(client({ timeoutMs: 300 }).fetchPapers(['1706.03762', '1810.04805']));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /1706\.03762, 1810\.04805/);
  });

  it('refuses a body that never ends, and a huge one', async () => {
    server.enqueue({ kind: 'endless-body' });
    const endless = await rejection(client({ maxBodyBytes: 1024 * 1024, timeoutMs: 5000 }).fetchPapers(['1706.03762']));
    assert.equal(endless.kind, 'too-large');
    assert.match(endless.message, /larger than 1 MB/);
    server.enqueue({ body: 'x'.repeat(3 * 1024 * 1024) });
    const huge = await rejection(client({ maxBodyBytes: 2 * 1024 * 1024 }).fetchPapers(['1706.03762']));
    assert.equal(huge.kind, 'too-large');
  });

  it('refuses malformed XML and answers that are not a feed', async () => {
    server.enqueue({ fixture: 'malformed.xml' });
    const err = await rejection(client().fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'malformed');
    assert.match(err.message, /^The arXiv API's answer for 1706\.03762 is not valid XML: .*line \d+/);
    server.enqueue({ body: '<html><body>Service page</body></html>' });
    assert.equal((await rejection(client().fetchPapers(['1706.03762']))).kind, 'malformed');
  });

  it('follows a redirect within the endpoint host and refuses one elsewhere', async () => {
    server.enqueue({ status: 301, headers: { location: '/api/query2?id_list=1706.03762' } });
    const { papers } = await client().fetchPapers(['1706.03762']);
    assert.equal(papers.length, 1);
    assert.equal(server.requests[1]!.url, '/api/query2?id_list=1706.03762');

    server.enqueue({ status: 302, headers: { location: 'http://evil.example/api/query?id_list=1706.03762' } });
    const err = await rejection(client().fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'redirect');
    assert.equal(
      err.message,
      `The arXiv API redirected to evil.example, outside ${new URL(server.origin).host}; refused while fetching 1706.03762.`,
    );
  });

  it('stops a redirect loop', async () => {
    const loop = { status: 302, headers: { location: '/api/query?id_list=1706.03762' } };
    server.enqueue(loop, loop, loop, loop, loop);
    const err = await rejection(client({ maxRedirects: 3 }).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'redirect');
    assert.match(err.message, /more than 3 times/);
    assert.equal(server.requests.length, 4);
  });

  it('ends with a clear message when the connection is refused', async () => {
    const err = await rejection(
      new ArxivClient({ endpoint: await refusedEndpoint(), limiter: new RateLimiter(0) }).fetchPapers(['1706.03762']),
    );
    assert.equal(err.kind, 'network');
    assert.match(
      err.message,
      /^Could not reach the arXiv API at 127\.0\.0\.1:\d+ \(connection refused\) while fetching 1706\.03762\./,
    );
  });

  it('refuses an endpoint that is not http(s)', async () => {
    const err = await rejection(new ArxivClient({ endpoint: 'file:///etc/passwd' }).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'config');
  });

  it('can be cancelled while waiting for an answer', async () => {
    server.enqueue({ kind: 'stall-headers' });
    const controller = new AbortController();
    const pending = client({ timeoutMs: 5000 }).fetchPapers(['1706.03762'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await rejection(pending);
    assert.equal(err.kind, 'cancelled');
  });

  it('sends one request at a time, spaced by the limiter interval', async () => {
    const shared = new RateLimiter(INTERVAL);
    const a = client({ limiter: shared });
    const b = client({ limiter: shared });
    await Promise.all([
      a.fetchPapers(['1706.03762']),
      b.fetchPapers(['hep-th/9711200']),
      a.fetchPapers(['2510.99999']),
    ]);
    assert.equal(server.requests.length, 3);
    for (let i = 1; i < server.requests.length; i++) {
      assert.ok(
        server.requests[i]!.at - server.requests[i - 1]!.at >= INTERVAL,
        `gap ${i}: ${server.requests[i]!.at - server.requests[i - 1]!.at} ms`,
      );
    }
  });

  it('splits a long list into batches and reports progress per batch', async () => {
    const progress: number[] = [];
    await client({ batchSize: 1 }).fetchPapers(['1706.03762', 'hep-th/9711200'], {
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(progress, [1, 2]);
    assert.equal(server.requests.length, 2);
  });
});

describe('arxivApi: helpers', () => {
  it('splits API ids into canonical id and version', () => {
    assert.deepEqual(splitApiId('2510.01152v2'), { id: '2510.01152', version: 2 });
    assert.deepEqual(splitApiId('math.GT/0309136v1'), { id: 'math/0309136', version: 1 });
    assert.deepEqual(splitApiId('hep-th/9901001'), { id: 'hep-th/9901001', version: undefined });
    assert.equal(splitApiId('2510.0115'), undefined);
    assert.equal(splitApiId('../etc/passwd'), undefined);
  });

  it('keeps paragraph breaks of wrapped, indented abstracts', () => {
    assert.equal(
      normalizeSummary('  First line\nwrapped here.\n  Second paragraph\nagain.\n'),
      'First line wrapped here.\n\nSecond paragraph again.',
    );
  });

  it('reads Retry-After as seconds or a date', () => {
    assert.equal(parseRetryAfter('7', 0), 7000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000), 6000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
  });
});
