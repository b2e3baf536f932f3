import * as assert from 'node:assert/strict';
import {
  CrossrefClient,
  CrossrefError,
  crossrefCacheName,
  type CrossrefCacheStore,
  type CrossrefClientOptions,
} from '../../../src/core/published/crossref';
import { findPublishedVersion, findPublishedVersions } from '../../../src/core/published/lookup';
import { RateLimiter } from '../../../src/core/net/http';
import { readCrossrefFixture, requestedDoi, startCrossrefServer } from '../../support/crossrefReplay';
import { refusedEndpoint, type ReplayServer } from '../../support/replayServer';

class MemoryStore implements CrossrefCacheStore {
  readonly files = new Map<string, string>();
  reads = 0;
  async read(name: string) {
    this.reads++;
    return this.files.get(name);
  }
  async write(name: string, text: string) {
    this.files.set(name, text);
  }
}

const BERT = 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding';

describe('crossref: the Crossref REST client against the replay server', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  beforeEach(async () => (server = await startCrossrefServer()));
  afterEach(() => server.close());

  const client = (options: CrossrefClientOptions = {}) =>
    new CrossrefClient({
      endpoint: server.origin,
      timeoutMs: 1000,
      backoffMs: 10,
      limiter: new RateLimiter(50),
      ...options,
    });

  it('asks GET /works/{doi} with the polite-pool contact in the query and the User-Agent', async () => {
    const answer = await client({ mailto: 'me@example.org' }).work('10.18653/v1/N19-1423');
    assert.ok(answer.found);
    assert.equal(answer.cached, false);
    assert.deepEqual(answer.record.title, [BERT]);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.url, '/works/10.18653/v1/N19-1423?mailto=me%40example.org');
    assert.match(String(server.requests[0]!.headers['user-agent']), /mailto:me@example\.org/);
    assert.equal(server.requests[0]!.headers['accept'], 'application/json');
  });

  it('leaves out a contact address that is not one, and escapes DOI characters', async () => {
    await client({ mailto: 'not an address' }).work('10.5555/a<b>#c?d');
    assert.equal(server.requests[0]!.url, '/works/10.5555/a%3Cb%3E%23c%3Fd');
    assert.doesNotMatch(String(server.requests[0]!.headers['user-agent']), /mailto/);
  });

  it('caches a record per DOI: a second client with the same store does not ask again', async () => {
    const store = new MemoryStore();
    await client({ cache: store }).work('10.18653/v1/N19-1423');
    assert.deepEqual([...store.files.keys()], ['10.18653%2fv1%2fn19-1423.json']);
    const again = await client({ cache: store }).work('10.18653/V1/n19-1423');
    assert.ok(again.found && again.cached);
    assert.equal(server.requests.length, 1);
  });

  it('caches "not found" for a while, then asks again', async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const clock = { now: () => now, sleep: async () => undefined };
    const c = () => client({ cache: store, clock, notFoundTtlMs: 1000, limiter: new RateLimiter(0, clock) });
    assert.deepEqual(await c().work('10.5555/unknown'), { found: false, cached: false });
    assert.deepEqual(await c().work('10.5555/unknown'), { found: false, cached: true });
    now += 2000;
    assert.deepEqual(await c().work('10.5555/unknown'), { found: false, cached: false });
    assert.equal(server.requests.length, 2);
  });

  it('a damaged cache file is fetched again; a cache that cannot be written costs nothing', async () => {
    const store = new MemoryStore();
    store.files.set(crossrefCacheName('10.18653/v1/N19-1423'), '{"v":1, broken');
    const failing: CrossrefCacheStore = {
      read: store.read.bind(store),
      write: () => Promise.reject(new Error('EROFS')),
    };
    const answer = await client({ cache: failing }).work('10.18653/v1/N19-1423');
    assert.ok(answer.found && !answer.cached);
  });

  it('sends one request at a time, spaced by the limiter', async () => {
    const c = client({ limiter: new RateLimiter(80) });
    await Promise.all(['10.18653/v1/N19-1423', '10.1103/PhysRevLett.116.061102', '10.5555/x'].map((d) => c.work(d)));
    const at = server.requests.map((r) => r.at);
    assert.equal(at.length, 3);
    for (let i = 1; i < at.length; i++) assert.ok(at[i]! - at[i - 1]! >= 70, `requests ${i - 1} and ${i} too close`);
  });

  it('backs off on 429 and then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '0' }, body: 'slow down' });
    const answer = await client().work('10.1103/PhysRevLett.116.061102');
    assert.ok(answer.found);
    assert.equal(server.requests.length, 2);
  });

  it('reports bad answers, timeouts and no network in plain words, and caches none of them', async () => {
    const store = new MemoryStore();
    server.enqueue({ body: '<html>oops</html>' });
    await assert.rejects(client({ cache: store }).work('10.18653/v1/N19-1423'), (err: unknown) => {
      assert.ok(err instanceof CrossrefError);
      assert.equal(err.kind, 'malformed');
      assert.equal(err.message, "The Crossref API's answer for DOI 10.18653/v1/N19-1423 is not JSON.");
      return true;
    });
    server.enqueue({ body: '{"status":"failed","message-type":"validation-failure","message":[]}' });
    await assert.rejects(client({ cache: store }).work('10.18653/v1/N19-1423'), /is not a work record/);
    server.enqueue({ kind: 'stall-headers' });
    await assert.rejects(client({ cache: store, timeoutMs: 200 }).work('10.18653/v1/N19-1423'), (err: unknown) => {
      assert.ok(err instanceof CrossrefError && err.kind === 'timeout');
      assert.match(err.message, /did not answer within 0\.2 s while looking up DOI 10\.18653\/v1\/N19-1423/);
      return true;
    });
    const refused = (await refusedEndpoint()).replace('/api/query', '');
    await assert.rejects(new CrossrefClient({ endpoint: refused, cache: store }).work('10.1/x'), (err: unknown) => {
      assert.ok(err instanceof CrossrefError && err.kind === 'network');
      assert.match(err.message, /^Could not reach the Crossref API at 127\.0\.0\.1:\d+ \(connection refused\)/);
      return true;
    });
    assert.equal(store.files.size, 0);
  });
});

describe('lookup: a paper and its published version', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  beforeEach(async () => (server = await startCrossrefServer()));
  afterEach(() => server.close());
  const client = () => new CrossrefClient({ endpoint: server.origin, limiter: new RateLimiter(0), timeoutMs: 1000 });

  it('accepts a record whose title is the paper', async () => {
    const r = await findPublishedVersion(
      { title: BERT.toLowerCase(), doi: 'https://doi.org/10.18653/v1/N19-1423', year: '2018' },
      client(),
    );
    assert.equal(r.kind, 'published');
  });

  it('keeps the preprint, with a reason, for every other outcome; the arXiv DOI is never looked up', async () => {
    const reasons = await findPublishedVersions(
      [
        { title: 'T', year: '2020' },
        { title: 'T', doi: '10.48550/arXiv.1810.04805', year: '2020' },
        { title: 'T', doi: 'nonsense', year: '2020' },
        { title: 'T', doi: '10.5555/unknown', year: '2020' },
        { title: 'A Paper About Transformers', doi: '10.1016/j.wrong.2021.01.001', year: '2020' },
        { title: 'A Preprint Posted Elsewhere', doi: '10.1101/2020.01.01.000001', year: '2020' },
      ],
      client(),
    );
    assert.deepEqual(
      reasons.map((r) => (r.kind === 'preprint' ? r.reason : r.kind)),
      [
        'no DOI of a published version is known',
        "its DOI 10.48550/arXiv.1810.04805 is arXiv's own, which names the preprint",
        '"nonsense" is not a DOI',
        'Crossref has no record of DOI 10.5555/unknown (not found)',
        'Crossref\'s record of DOI 10.1016/j.wrong.2021.01.001 is titled "An Entirely Different Paper About Soil Moisture", which is not this paper\'s title',
        'the Crossref record of 10.1101/2020.01.01.000001 is a posted content, not a publication',
      ],
    );
    assert.deepEqual(
      server.requests.map((r) => requestedDoi(r)),
      ['10.5555/unknown', '10.1016/j.wrong.2021.01.001', '10.1101/2020.01.01.000001'],
    );
  });

  it('after the first failure to reach Crossref, only the cache answers', async () => {
    const store = new MemoryStore();
    store.files.set(
      crossrefCacheName('10.18653/v1/N19-1423'),
      JSON.stringify({
        v: 1,
        doi: '10.18653/v1/N19-1423',
        at: 0,
        record: JSON.parse(readCrossrefFixture('bert-naacl.json')).message,
      }),
    );
    const refused = (await refusedEndpoint()).replace('/api/query', '');
    const c = new CrossrefClient({ endpoint: refused, cache: store, limiter: new RateLimiter(0) });
    const results = await findPublishedVersions(
      [
        { title: 'X', doi: '10.5555/first', year: '2020' },
        { title: 'Y', doi: '10.5555/second', year: '2020' },
        { title: BERT, doi: '10.18653/v1/N19-1423', year: '2018' },
      ],
      c,
    );
    assert.equal(results[0]!.kind, 'preprint');
    assert.match((results[1] as { reason: string }).reason, /^not looked up: Could not reach the Crossref API/);
    assert.equal(results[2]!.kind, 'published');
  });
});
