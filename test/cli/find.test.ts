// paper-shelf find against a local stand-in for the arXiv API (test/support/replayServer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, cliAsync, snapshot, tempDir } from '../support/cli';
import { readArxivFixture, refusedEndpoint, startReplayServer, type ReplayServer } from '../support/replayServer';
import { readFeed } from '../../src/core/arxiv/arxivFeed';
import { appendPapers } from '../../src/core/collection/collectionFormat';
import { parseCollection } from '../../src/core/collection/collection';

const ALL_FIVE = [
  '2212.09748  2022  Scalable Diffusion Models with Transformers',
  '2509.25162  2025  Aligning Visual Foundation Encoders to Tokenizers for Diffusion Models',
  '2310.00426  2023  PixArt-α: Fast Training of Diffusion Transformer for Photorealistic Text-to-Image Synthesis',
  '2403.03206  2024  Scaling Rectified Flow Transformers for High-Resolution Image Synthesis',
  '2401.08740  2024  SiT: Exploring Flow and Diffusion-based Generative Models with Scalable Interpolant Transformers',
];

describe('paper-shelf find', function () {
  this.timeout(120_000);
  let server: ReplayServer;
  let dir: string;
  beforeEach(async () => {
    server = await startReplayServer({ lifetimeMs: 110_000 });
    dir = tempDir();
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const find = (...args: string[]) => cliAsync(['find', ...args, '--api-url', server.endpoint], { cwd: dir });

  it('one page: "ID  YEAR  TITLE" per paper in arXiv\'s order, the plain words as an all-fields AND query', async () => {
    const r = await find('diffusion', 'transformers', '--limit', '3');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${ALL_FIVE.slice(0, 3).join('\n')}\n`);
    assert.deepEqual(
      server.requests.map((q) => q.search),
      [{ query: 'all:diffusion AND all:transformers', start: 0, maxResults: 3, sortBy: 'relevance' }],
    );
    assert.deepEqual([...snapshot(dir).keys()], [], 'nothing written');
  });

  it('a limit beyond what one answer gives: the next pages are fetched in turn, 3 s apart, and joined in order', async () => {
    const r = await find('diffusion transformers', '--limit', '20', '--sort', 'submitted');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${ALL_FIVE.join('\n')}\n`);
    assert.deepEqual(
      server.requests.map((q) => [q.search!.start, q.search!.maxResults, q.search!.sortBy]),
      [
        [0, 20, 'submittedDate'],
        [3, 17, 'submittedDate'],
      ],
    );
    assert.ok(server.requests[1]!.at - server.requests[0]!.at >= 2900, 'arXiv asks for 3 s between requests');
  });

  it('--json: the total arXiv counts and each result, marked when it is on the shelf', async () => {
    const r = await find('diffusion', 'transformers', '--limit', '2', '--json');
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout);
    assert.equal(out.total, 5);
    assert.deepEqual(out.results[0], {
      id: '2212.09748',
      title: 'Scalable Diffusion Models with Transformers',
      authors: ['William Peebles', 'Saining Xie'],
      published: '2022-12-19',
      categories: ['cs.CV', 'cs.LG'],
      onShelf: false,
    });
    // 2509.25162 is one of the shipped papers.
    assert.deepEqual(
      out.results.map((x: { id: string; onShelf: boolean }) => [x.id, x.onShelf]),
      [
        ['2212.09748', false],
        ['2509.25162', true],
      ],
    );
    const noSeeds = await cliAsync(
      ['--no-seeds', 'find', 'diffusion transformers', '--limit', '2', '--json', '--api-url', server.endpoint],
      { cwd: dir },
    );
    assert.equal(JSON.parse(noSeeds.stdout).results[1].onShelf, false);
  });

  it('--add --to FILE writes every printed paper once, as `add` would; a second run skips them all', async () => {
    const r = await find('diffusion transformers', '--limit', '3', '--add', '--to', 'found.papers.txt');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${ALL_FIVE.slice(0, 3).join('\n')}\n`);
    assert.equal(r.stderr, 'paper-shelf: added 3 papers to found.papers.txt\n');
    const text = fs.readFileSync(path.join(dir, 'found.papers.txt'), 'utf8');
    const { papers } = readFeed(readArxivFixture('search-page1.xml'), []);
    assert.equal(text, appendPapers('', papers));
    const parsed = parseCollection(text, 'found.papers.txt');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.papers.map((p) => p.id),
      ['2212.09748', '2509.25162', '2310.00426'],
    );
    assert.equal(cli(['check', 'found.papers.txt'], { cwd: dir }).status, 0);

    const again = await find('diffusion transformers', '--limit', '5', '--add', '--to', 'found.papers.txt');
    assert.equal(again.status, 0);
    assert.equal(
      again.stderr,
      [
        'paper-shelf: 2212.09748 is already in found.papers.txt; skipped',
        'paper-shelf: 2509.25162 is already in found.papers.txt; skipped',
        'paper-shelf: 2310.00426 is already in found.papers.txt; skipped',
        'paper-shelf: added 2 papers to found.papers.txt',
        '',
      ].join('\n'),
    );
    const ids = parseCollection(fs.readFileSync(path.join(dir, 'found.papers.txt'), 'utf8'), 'f').papers.map(
      (p) => p.id,
    );
    assert.deepEqual(ids, ['2212.09748', '2509.25162', '2310.00426', '2403.03206', '2401.08740']);
  });

  it('nothing found: exit status 1, nothing on stdout, a message on stderr, nothing written', async () => {
    const r = await find('qwzxv', 'plokm', '--add', '--to', 'found.papers.txt');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: arXiv found no paper for "qwzxv plokm"\n');
    assert.deepEqual([...snapshot(dir).keys()], []);
    const asJson = await find('qwzxv', '--json');
    assert.equal(asJson.status, 1);
    assert.equal(asJson.stdout, '');
  });

  it('a refused query, no network: exit status 1 with the reason; the file is left as it was', async () => {
    fs.writeFileSync(path.join(dir, 'found.papers.txt'), 'Title: T\nID: 1706.03762\nSummary: S\n---\n');
    const before = snapshot(dir);
    server.enqueue({ status: 400, fixture: 'search-error.xml' });
    const refused = await find('ti:"x"', '--add', '--to', 'found.papers.txt');
    assert.equal(refused.status, 1);
    assert.equal(refused.stdout, '');
    assert.match(
      refused.stderr,
      /arXiv refused the search “ti:"x"”: malformed search_query\. found\.papers\.txt was left as it was\./,
    );
    const offline = await cliAsync(['find', 'diffusion', '--api-url', await refusedEndpoint()], { cwd: dir });
    assert.equal(offline.status, 1);
    assert.match(offline.stderr, /Could not reach the arXiv API at 127\.0\.0\.1:\d+ \(connection refused\)/);
    assert.deepEqual(snapshot(dir), before);
  });

  it('usage errors: exit status 2', () => {
    for (const args of [
      ['find', 'x', '--limit', '0'],
      ['find', 'x', '--limit', '1001'],
      ['find', 'x', '--sort', 'date'],
      ['find', 'x', '--add'],
      ['find', 'x', '--to', 'f.txt'],
      ['find', '  '],
      ['find', 'x', '--timeout', '0'],
      ['find', 'x', '--timeout', 'soon'],
    ]) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});
