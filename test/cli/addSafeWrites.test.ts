// paper-shelf add when writing fails for real: the target on a small tmpfs that is full or nearly
// full (the kernel answers ENOSPC; test/support/tmpfs.ts, needs root), and a target that another
// program rewrites while the papers are being fetched (the replay server holds its answer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addRunner, snapshot } from '../support/cli';
import type { ReplayServer } from '../support/replayServer';
import { fillDisk, freeBytes, mountTmpfs, unmountTmpfs } from '../support/tmpfs';
import { until } from '../support/wait';

const EXISTING =
  'Title: Existing paper\nID: 2510.01152\nSummary: Written by hand; must survive every failed write.\n---\n';

describe('paper-shelf add: writes that fail half-way', function () {
  this.timeout(120_000);
  let server: ReplayServer;
  let dir: string;
  const add = addRunner(
    (s, d) => ((server = s), (dir = d)),
    (d) => unmountTmpfs(path.join(d, 'disk')),
  );

  /** A 64 KB tmpfs at disk/ holding refs.papers.txt (`text`), filled up but for `leave` bytes. */
  function fullDisk(text: string, leave = 0): { file: string; disk: string } {
    const disk = path.join(dir, 'disk');
    mountTmpfs(disk, '64k');
    const file = path.join(disk, 'refs.papers.txt');
    fs.writeFileSync(file, text);
    fillDisk(disk, leave);
    return { file, disk };
  }

  it('a full disk: exit 1, says the disk is full and the file was left as it was; its bytes unchanged, no temp file', async () => {
    const { disk } = fullDisk(EXISTING);
    assert.equal(freeBytes(disk), 0, 'the tmpfs is full');
    const before = snapshot(disk);
    const r = await add('1706.03762', '--to', 'disk/refs.papers.txt');
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'paper-shelf: cannot write disk/refs.papers.txt: the disk is full (no space left on the device); it was left as it was\n',
    );
    assert.equal(r.status, 1);
    assert.deepEqual(
      server.requests.map((q) => q.ids),
      [['1706.03762']],
      'the paper was fetched: the write itself failed',
    );
    assert.deepEqual(
      snapshot(disk),
      before,
      'refs.papers.txt and the filler are byte for byte as they were; nothing else is there',
    );
  });

  it('a nearly full disk: the temp file fills the last page and fails mid-write; the file is untouched and the partial temp file is gone', async () => {
    // Bigger than the one free page together with the new paper, so the write starts, then fails.
    const existing = `${EXISTING}${'Title: Padding paper\nID: 2510.00967\nSummary: '.padEnd(3500, 'x')}\n---\n`;
    const { disk } = fullDisk(existing, 4096);
    assert.equal(freeBytes(disk), 4096);
    const before = snapshot(disk);
    const r = await add('1706.03762', '--to', 'disk/refs.papers.txt');
    assert.equal(
      r.stderr,
      'paper-shelf: cannot write disk/refs.papers.txt: the disk is full (no space left on the device); it was left as it was\n',
    );
    assert.equal(r.status, 1);
    assert.deepEqual(snapshot(disk), before);
    assert.equal(freeBytes(disk), 4096, 'the space the partial temp file took is given back');
    // With room again, the same command succeeds and appends after the untouched text.
    fs.rmSync(path.join(disk, '.filler'));
    const retry = await add('1706.03762', '--to', 'disk/refs.papers.txt');
    assert.equal(retry.status, 0, retry.stderr);
    const after = fs.readFileSync(path.join(disk, 'refs.papers.txt'), 'utf8');
    assert.ok(after.startsWith(existing) && after.includes('arxiv.org/pdf/1706.03762'), after.slice(-300));
  });

  it("the file rewritten by another program while the papers are fetched: refused, the other program's text kept", async () => {
    const file = path.join(dir, 'refs.papers.txt');
    fs.writeFileSync(file, EXISTING);
    let release!: () => void;
    server.enqueue({ kind: 'hold', until: new Promise<void>((r) => (release = r)) });
    const running = add('1706.03762', '--to', 'refs.papers.txt');
    // The request is in flight: now an editor saves the file (a paper added by hand).
    await until('the request to reach the server', () => server.requests.length === 1);
    const theirs = `${EXISTING}Title: Added by hand meanwhile\nID: 1810.04805\nSummary: S\n---\n`;
    fs.writeFileSync(file, theirs);
    release();
    const r = await running;
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'paper-shelf: refs.papers.txt changed while the papers were being fetched; nothing was written. Run the command again.\n',
    );
    assert.equal(r.status, 1);
    assert.deepEqual(snapshot(dir), new Map([['refs.papers.txt', theirs]]), 'their text, and no temp file');
    // Run again, it adds on top of their text: both kept.
    const again = await add('1706.03762', '--to', 'refs.papers.txt');
    assert.equal(again.status, 0, again.stderr);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.startsWith(theirs) && text.includes('arxiv.org/pdf/1706.03762'));
  });
});
