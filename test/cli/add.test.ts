// paper-shelf add against a local stand-in for the arXiv API (test/support/replayServer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addRunner, cli, cliAsync, snapshot } from '../support/cli';
import { readArxivFixture, refusedEndpoint, type ReplayServer } from '../support/replayServer';
import { readFeed } from '../../src/core/arxiv/arxivFeed';
import { appendPapers } from '../../src/core/collection/collectionFormat';
import { parseCollection } from '../../src/core/collection/collection';

/** The papers of a recorded answer, as the client reads them, in the order they were asked for. */
function papersOf(fixture: string, ids: string[]) {
  const { papers } = readFeed(readArxivFixture(fixture), ids);
  return ids.map((id) => papers.find((p) => p.id === id)!);
}

describe('paper-shelf add', function () {
  this.timeout(120_000);
  let server: ReplayServer;
  let dir: string;
  const add = addRunner((s, d) => ((server = s), (dir = d)));

  it('creates the file: one batched request, the papers in the collection format, "ID  TITLE" per paper', async () => {
    const r = await add('https://arxiv.org/abs/1706.03762', 'arXiv:1810.04805', '--to', 'refs.papers.txt');
    assert.equal(
      r.stdout,
      '1706.03762  Attention Is All You Need\n1810.04805  BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding\n',
    );
    assert.equal(r.stderr, 'paper-shelf: added 2 papers to refs.papers.txt\n');
    assert.equal(r.status, 0);
    assert.deepEqual(
      server.requests.map((q) => q.ids),
      [['1706.03762', '1810.04805']],
    );
    const text = fs.readFileSync(path.join(dir, 'refs.papers.txt'), 'utf8');
    assert.equal(text, appendPapers('', papersOf('batch.xml', ['1706.03762', '1810.04805'])));
    // What was written reads back as the same papers, with no problem, and `check` agrees.
    const parsed = parseCollection(text, 'refs.papers.txt');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.papers.map((p) => [p.id, p.authors[0]]),
      [
        ['1706.03762', 'Ashish Vaswani'],
        ['1810.04805', 'Jacob Devlin'],
      ],
    );
    assert.equal(cli(['check', 'refs.papers.txt'], { cwd: dir }).status, 0);
    assert.deepEqual([...snapshot(dir).keys()], ['refs.papers.txt']);
  });

  it('appends to an existing file byte for byte, skips ids already there, names unknown and malformed ids (exit 1)', async () => {
    const existing =
      'Title: Attention Is All You Need\r\nPDF: https://arxiv.org/pdf/1706.03762\r\nSummary: Kept as written.\r\n---\r\n';
    fs.writeFileSync(path.join(dir, 'refs.papers.txt'), existing);
    server.enqueue({ fixture: 'old-style.xml' });
    const r = await add('1706.03762v2', 'not-an-id', 'hep-th/9711200', '2510.99999', '--to', 'refs.papers.txt');
    assert.equal(r.stdout, 'hep-th/9711200  The Large N Limit of Superconformal Field Theories and Supergravity\n');
    assert.equal(
      r.stderr,
      [
        'paper-shelf: "not-an-id" is not an arXiv id or link; skipped',
        'paper-shelf: 1706.03762 is already in refs.papers.txt; skipped',
        'paper-shelf: arXiv has no paper 2510.99999.',
        'paper-shelf: added 1 paper to refs.papers.txt',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
    assert.deepEqual(
      server.requests.map((q) => q.ids),
      [['hep-th/9711200', '2510.99999']],
    );
    const text = fs.readFileSync(path.join(dir, 'refs.papers.txt'), 'utf8');
    assert.ok(text.startsWith(existing));
    assert.equal(text, appendPapers(existing, papersOf('old-style.xml', ['hep-th/9711200'])));
    assert.ok(!/[^\r]\n/.test(text), 'the file keeps its CRLF line endings');
  });

  it('every id already in the file: nothing fetched, nothing written, exit status 0', async () => {
    fs.writeFileSync(path.join(dir, 'refs.papers.txt'), 'Title: T\nID: 1706.03762\nSummary: S\n---\n');
    const r = await add('1706.03762', '--to', 'refs.papers.txt');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: 1706.03762 is already in refs.papers.txt; skipped\n');
    assert.equal(r.status, 0);
    assert.equal(server.requests.length, 0);
  });

  for (const [what, answer, message] of [
    [
      'a malformed answer',
      { fixture: 'malformed.xml' },
      /^paper-shelf: .*1706\.03762.* refs\.papers\.txt was left as it was\.\n$/,
    ],
    [
      'an HTTP error',
      { status: 500, body: 'oops' },
      /^paper-shelf: The arXiv API answered HTTP 500 while fetching 1706\.03762\. refs\.papers\.txt was left as it was\.\n$/,
    ],
    [
      'a redirect to another host',
      { status: 302, headers: { location: 'http://example.invalid/api/query' } },
      /^paper-shelf: The arXiv API redirected to example\.invalid.* refs\.papers\.txt was left as it was\.\n$/,
    ],
  ] as const) {
    it(`${what}: a message, exit status 1, the file left exactly as it was`, async () => {
      fs.writeFileSync(path.join(dir, 'refs.papers.txt'), 'Title: Old\nID: 2510.01152\nSummary: S\n---\n');
      const before = snapshot(dir);
      server.enqueue(answer);
      const r = await add('1706.03762', '--to', 'refs.papers.txt');
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.status, 1);
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('a stalled server: gives up after --timeout, the file is not created', async () => {
    server.enqueue({ kind: 'stall-headers' });
    const r = await add('1706.03762', '--to', 'refs.papers.txt', '--timeout', '1');
    assert.equal(
      r.stderr,
      'paper-shelf: The arXiv API did not answer within 1 s while fetching 1706.03762. refs.papers.txt was left as it was.\n',
    );
    assert.equal(r.status, 1);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('no network (connection refused): a message naming the ids, exit status 1', async () => {
    const endpoint = await refusedEndpoint();
    const r = await cliAsync(['add', '1706.03762', '--to', 'refs.papers.txt', '--api-url', endpoint], { cwd: dir });
    assert.match(
      r.stderr,
      /^paper-shelf: Could not reach the arXiv API at 127\.0\.0\.1:\d+ \(connection refused\) while fetching 1706\.03762\./,
    );
    assert.equal(r.status, 1);
    assert.deepEqual([...snapshot(dir).keys()], []);
  });

  it('usage errors: no --to, a bad --timeout; a folder as --to is a failure', async () => {
    const noTo = await add('1706.03762');
    assert.equal(noTo.status, 2);
    assert.match(noTo.stderr, /^paper-shelf: --to FILE is required/);
    const badTimeout = await add('1706.03762', '--to', 'x.txt', '--timeout', 'soon');
    assert.equal(badTimeout.status, 2);
    fs.mkdirSync(path.join(dir, 'folder'));
    const folder = await add('1706.03762', '--to', 'folder');
    assert.equal(folder.stderr, 'paper-shelf: cannot add to folder: it is a directory\n');
    assert.equal(folder.status, 1);
    assert.equal(server.requests.length, 0);
  });
});
