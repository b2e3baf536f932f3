import * as assert from 'node:assert/strict';
import { ArxivClient } from '../../../src/core/arxiv/arxivApi';
import { RateLimiter } from '../../../src/core/net/http';
import { arxivUnavailableMessage, browserTransport } from '../../../src/core/arxiv/browserTransport';
import { rejection } from '../../support/rejection';
import { type ReplayServer, startReplayServer } from '../../support/replayServer';

function client(endpoint: string, transport = browserTransport(endpoint)): ArxivClient {
  return new ArxivClient({ endpoint, transport, limiter: new RateLimiter(0), timeoutMs: 2000, backoffMs: 10 });
}

describe('browserTransport: the arXiv client in VS Code for the Web', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer({ lifetimeMs: 20_000 });
  });
  afterEach(() => server.close());

  it('answers at once, without a request, that arXiv itself cannot be called from a browser', async () => {
    let called = 0;
    for (const endpoint of ['https://export.arxiv.org/api/query', 'http://arxiv.org/api/query']) {
      const transport = browserTransport(endpoint, async () => {
        called++;
        throw new Error('must not be called');
      });
      const err = await rejection(client(endpoint, transport).fetchPapers(['2510.01152']));
      assert.equal(err.kind, 'unavailable');
      assert.equal(err.message, arxivUnavailableMessage(new URL(endpoint).host));
      assert.match(err.message, /does not allow requests from a web browser \(it sends no CORS headers\)/);
    }
    assert.equal(called, 0);
  });

  it("fetches through another endpoint with the browser's fetch, following redirects, without a User-Agent", async () => {
    let seen: RequestInit | undefined;
    const transport = browserTransport(server.endpoint, (url, init) => {
      seen = init;
      return fetch(url, init);
    });
    const outcome = await client(server.endpoint, transport).fetchPapers(['1706.03762']);
    assert.equal(outcome.papers[0]?.title, 'Attention Is All You Need');
    assert.equal(seen?.redirect, 'follow', "a browser's manual redirect is opaque");
    assert.equal((seen?.headers as Record<string, string>)['user-agent'], undefined);
    assert.equal(server.requests.length, 1);
  });

  it('refuses an answer that a redirect brought from another host, as the client does in Node', async () => {
    const endpoint = 'https://mirror.example/api/query';
    const transport = browserTransport(endpoint, async () => {
      const response = new Response('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', { status: 200 });
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: 'https://elsewhere.example/feed' });
      return response;
    });
    const err = await rejection(client(endpoint, transport).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'redirect');
    assert.match(err.message, /redirected to elsewhere\.example, outside mirror\.example; refused/);
  });

  it('names CORS when the browser refuses a request (fetch gives only "Failed to fetch")', async () => {
    const endpoint = 'https://mirror.example/api/query';
    const transport = browserTransport(endpoint, async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await rejection(client(endpoint, transport).fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /Could not reach mirror\.example from the browser \(Failed to fetch\)/);
    assert.match(err.message, /cross-origin requests \(CORS\)/);
  });

  it('still times out a request that never answers', async () => {
    server.enqueue({ kind: 'stall-headers' });
    const transport = browserTransport(server.endpoint, (url, init) => fetch(url, init));
    const slow = new ArxivClient({
      endpoint: server.endpoint,
      transport,
      limiter: new RateLimiter(0),
      timeoutMs: 300,
      maxRetries: 0,
    });
    const err = await rejection(slow.fetchPapers(['1706.03762']));
    assert.equal(err.kind, 'timeout');
  });
});
