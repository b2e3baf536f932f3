import * as assert from 'node:assert/strict';
import { parseCollection } from '../../../src/core/collection/collection';
import { hasLentSummary } from '../../../src/core/model/paper';
import {
  BATCH,
  ReaderPool,
  STALE,
  WINDOW,
  askWhileStale,
  assembleReadSteps,
  type ReaderReply,
} from '../../../src/core/collection/readerProtocol';
import { applyEdit, newBlock, seedBlocks } from '../../support/editedShelf';
import { KEY, workerChannel as channel } from '../../support/workerChannel';
import { runCounting } from '../../support/steps';

describe('readerProtocol: collection files read in a worker', () => {
  const blocks = seedBlocks();

  it('a first read sends every paper in batches, each with its line, and no list of lines', async () => {
    const c = channel();
    const many = Array.from({ length: 2 * BATCH + 5 }, (_, i) => newBlock(i));
    const { assembled, done, batches, transfers } = await c.read(many.join(''));
    assert.equal(batches.length, 3);
    assert.ok(batches.every((b) => b.length <= BATCH));
    assert.equal(done.first, true);
    assert.equal(done.lines, undefined);
    assert.equal(done.at, undefined);
    assert.equal(assembled.changed, undefined);
    assert.deepEqual(assembled.papers, parseCollection(many.join(''), KEY).papers);
    assert.deepEqual(transfers, []);
    // The summaries crossed packed (each batch's two buffers moved, not copied), and are read from them.
    assert.ok(assembled.papers.every(hasLentSummary));
    const sent = c.replies.filter((r) => r.reply.kind === 'papers');
    assert.equal(sent.length, 3);
    assert.ok(sent.every((r) => r.transfer?.length === 2));
  });

  it('an edit within lines sends the changed paper and its place, no lines; the host lays it over its map', async () => {
    const c = channel();
    const first = await c.read(blocks.join(''));
    const edited = applyEdit(blocks, { kind: 'change', at: 10, text: 'Edited.' });
    const { assembled, done, transfers } = await c.read(edited.join(''));
    assert.equal(done.lines, undefined, 'no paper moved: no lines');
    assert.deepEqual([...done.at!], [10]);
    assert.equal(transfers?.length, 1, 'the places are transferred, not copied');
    assert.deepEqual(assembled.papers, parseCollection(edited.join(''), KEY).papers);
    assert.ok(!(assembled.byId instanceof Map), 'the map by id is the last one with the edit laid over it');
    assert.equal(assembled.byId.get(assembled.papers[10]!.id), assembled.papers[10]);
    assert.equal(assembled.byId.get(first.assembled.papers[3]!.id), first.assembled.papers[3]);
    assert.equal(
      first.assembled.byId.get(first.assembled.papers[10]!.id),
      first.assembled.papers[10],
      'the last map is unchanged',
    );
    assert.notEqual(assembled.papers, first.assembled.papers, 'a new list, the last one unchanged');
    assert.equal(first.assembled.papers[10]!.summary.startsWith('Edited.'), false);
  });

  it('an edit that adds a line sends every line: the papers after it move, the host objects kept', async () => {
    const c = channel();
    const first = await c.read(blocks.join(''));
    const wrapped = [...blocks];
    wrapped[5] = wrapped[5]!.replace(/\nPDF: /, '\n  and a title wrapped onto another line\nPDF: ');
    const { assembled, done } = await c.read(wrapped.join(''));
    assert.ok(done.lines, 'lines moved: every line sent');
    assert.deepEqual([...done.at!], [5]);
    assert.deepEqual(assembled.papers, parseCollection(wrapped.join(''), KEY).papers);
    assert.equal(assembled.papers[20], first.assembled.papers[20], 'a paper after the edit is the host object');
    assert.equal(assembled.papers[20]!.source.line, parseCollection(wrapped.join(''), KEY).papers[20]!.source.line);
    // Back to one line: only the lines move back, no paper is sent but the edited one.
    const back = await c.read(blocks.join(''));
    assert.ok(back.done.lines);
    assert.deepEqual(back.assembled.papers, parseCollection(blocks.join(''), KEY).papers);
  });

  it('edit after edit stays a full parse: overlays folded while small, a flat map once many papers changed', async () => {
    const c = channel();
    const many = Array.from({ length: 5000 }, (_, i) => newBlock(i));
    await c.read(many.join(''));
    let text = many;
    for (const at of [7, 4000, 7, 123]) {
      text = applyEdit(text, { kind: 'change', at, text: `Edit at ${at}.` });
      const { assembled } = await c.read(text.join(''));
      assert.deepEqual(assembled.papers, parseCollection(text.join(''), KEY).papers);
      assert.deepEqual([...assembled.byId.values()], assembled.papers);
    }
    // Every paper changed (a search and replace over the file): more than an overlay holds.
    text = text.map((b) => b.replace('We study', 'We examine'));
    const all = await c.read(text.join(''));
    assert.equal(all.done.at!.length, 5000);
    assert.ok(all.assembled.byId instanceof Map, 'made flat again');
    assert.deepEqual([...all.assembled.byId.values()], all.assembled.papers);
    assert.deepEqual(all.assembled.papers, parseCollection(text.join(''), KEY).papers);
  });

  it('the host refuses places that do not match its last read (the read is then done again)', () => {
    const papers = parseCollection(blocks.join(''), KEY).papers;
    const previous = { papers, byId: new Map(papers.map((p) => [p.id, p])) };
    const done = {
      kind: 'done' as const,
      id: 2,
      first: false,
      changed: [papers[3]!.id],
      at: Int32Array.of(4),
      problems: [],
      text: true,
      bytes: 1,
      parsed: 1,
      workerMs: 1,
      parseMs: 1,
    };
    assert.throws(() => runCounting(assembleReadSteps([[papers[3]!]], done, previous)), /placed a paper where/);
    assert.throws(
      () => runCounting(assembleReadSteps([[papers[3]!]], { ...done, at: Int32Array.of() }, previous)),
      /different number/,
    );
  });

  it('after an edit only the changed paper crosses; the host keeps its own objects for the rest', async () => {
    const c = channel();
    const first = await c.read(blocks.join(''));
    const edited = applyEdit(blocks, { kind: 'change', at: 10, text: 'Edited.' });
    const { assembled, batches, done } = await c.read(edited.join(''));
    assert.deepEqual(
      batches.flat().map((p) => p.id),
      [first.assembled.papers[10]!.id],
    );
    assert.deepEqual([...assembled.changed!], [first.assembled.papers[10]!.id]);
    assert.equal(done.order, undefined, 'no order sent when it did not change');
    assert.equal(assembled.papers[3], first.assembled.papers[3]);
    assert.notEqual(assembled.papers[10], first.assembled.papers[10]);
    assert.deepEqual(assembled.papers, parseCollection(edited.join(''), KEY).papers);
  });

  it('added, removed and moved blocks: the order crosses, lines follow, the result is a full parse', async () => {
    const c = channel();
    const first = await c.read(blocks.join(''));
    let next = applyEdit(blocks, { kind: 'add', at: 0, block: newBlock(3) });
    next = applyEdit(next, { kind: 'remove', at: 20 });
    next = applyEdit(next, { kind: 'move', from: 5, to: 30 });
    const { assembled, done } = await c.read(next.join(''));
    assert.ok(done.order);
    assert.deepEqual(assembled.papers, parseCollection(next.join(''), KEY).papers);
    const moved = assembled.papers.find((p) => p.id === first.assembled.papers[7]!.id);
    assert.equal(moved, first.assembled.papers[7], 'an unchanged paper is the host object, its line moved');
  });

  it('the host puts a large read together in steps: a full parse, the host objects kept, pausing as it goes', async () => {
    const c = channel();
    const many = Array.from({ length: 3 * BATCH }, (_, i) => newBlock(i));
    const first = await c.read(many.join(''));
    const sliced = runCounting(assembleReadSteps(first.batches, first.done, undefined));
    assert.ok(sliced.pauses >= 3, `paused ${sliced.pauses} times`);
    assert.deepEqual(sliced.value.papers, parseCollection(many.join(''), KEY).papers);
    assert.equal(sliced.value.byId.size, many.length);
    let next = applyEdit(many, { kind: 'move', from: 5, to: 2500 });
    next = applyEdit(next, { kind: 'change', at: 100, text: 'Edited.' });
    const edit = await c.read(next.join(''));
    const again = runCounting(assembleReadSteps(edit.batches, edit.done, first.assembled));
    assert.ok(again.pauses >= 3, `paused ${again.pauses} times`);
    assert.deepEqual(again.value.papers, parseCollection(next.join(''), KEY).papers);
    assert.deepEqual(again.value.changed, edit.assembled.changed);
    const kept = again.value.byId.get(first.assembled.papers[7]!.id);
    assert.equal(kept, first.assembled.papers[7], 'an unchanged paper is the host object');
  });

  it('a missing file fails with its code; a binary file gives one problem and no papers', async () => {
    const c = channel();
    await c.pool.handle({ kind: 'read', id: 9, key: KEY, path: '/nowhere' });
    const failed = c.replies.at(-1)!.reply;
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.kind === 'failed' && failed.code, 'ENOENT');
    c.files.set('/bin', new Uint8Array(4096));
    c.replies.length = 0;
    await c.pool.handle({ kind: 'read', id: 10, key: KEY, path: '/bin' });
    const done = c.replies.at(-1)!.reply;
    assert.ok(done.kind === 'done' && !done.text && done.problems[0]?.code === 'not-text');
  });

  it('paced, the worker sends at most WINDOW batches ahead of the host, the next after each acknowledgement', async () => {
    const sent: ReaderReply[] = [];
    const text = Array.from({ length: 5 * BATCH }, (_, i) => newBlock(i)).join('');
    const pool = new ReaderPool(
      async () => new TextEncoder().encode(text),
      (reply) => sent.push(reply),
      undefined,
      true,
    );
    const reading = pool.handle({ kind: 'read', id: 1, key: KEY, path: '/w/paced' });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    assert.equal(sent.length, WINDOW, 'no more than the window before an acknowledgement');
    for (let acked = 1; acked <= 5; acked++) {
      await pool.handle({ kind: 'ack' });
      await settle();
      assert.equal(sent.filter((r) => r.kind === 'papers').length, Math.min(5, WINDOW + acked));
    }
    await reading;
    assert.equal(sent.at(-1)!.kind, 'done');
    assert.equal(
      sent.filter((r) => r.kind === 'papers').flatMap((r) => (r.kind === 'papers' ? r.papers : [])).length,
      5 * BATCH,
    );
  });

  it('forget drops the worker copy: the next read is a first read again', async () => {
    const c = channel();
    await c.read(blocks.join(''));
    await c.pool.handle({ kind: 'forget', key: KEY });
    const { done } = await c.read(blocks.join(''));
    assert.equal(done.first, true);
  });

  describe('askWhileStale: a request the worker found stale is asked again about the shelf as it is', () => {
    /** A shelf that is a version number; the worker answers STALE for versions before `current`. */
    function fixture(current: number, moves: boolean[]) {
      let shelf = 1;
      const asked: number[] = [];
      const waited: number[] = [];
      return {
        asked,
        waited,
        describe: async () => shelf,
        ask: async (version: number) => (asked.push(version), version < current ? STALE : { themesOf: version }),
        moved: async (from: number) => {
          waited.push(from);
          const moved = moves.shift() ?? false;
          if (moved) shelf++;
          return moved;
        },
      };
    }

    it('answered at once: asked once, no wait', async () => {
      const f = fixture(1, []);
      const r = await askWhileStale(f.describe, f.ask, f.moved);
      assert.deepEqual(r, { shelf: 1, answer: { themesOf: 1 }, asked: 1 });
      assert.deepEqual(f.waited, []);
    });

    it('stale, then the shelf takes in the newer read: asked again about the new shelf, and answered', async () => {
      const f = fixture(3, [true, true]);
      const r = await askWhileStale(f.describe, f.ask, f.moved);
      assert.deepEqual(r, { shelf: 3, answer: { themesOf: 3 }, asked: 3 });
      assert.deepEqual(f.asked, [1, 2, 3]);
      assert.deepEqual(f.waited, [1, 2]);
    });

    it('stale and the shelf does not move, or stale every time: no answer, with the shelf last described', async () => {
      const still = fixture(2, [false]);
      assert.deepEqual(await askWhileStale(still.describe, still.ask, still.moved), {
        shelf: 1,
        answer: undefined,
        asked: 1,
      });
      const always = fixture(99, [true, true, true, true]);
      const r = await askWhileStale(always.describe, always.ask, always.moved, 3);
      assert.deepEqual(r, { shelf: 3, answer: undefined, asked: 3 });
      assert.deepEqual(always.waited, [1, 2], 'no wait after the last attempt');
    });

    it('the worker cannot help (undefined): no second request', async () => {
      let asked = 0;
      const r = await askWhileStale(
        async () => 'shelf',
        async () => (asked++, undefined),
        async () => true,
      );
      assert.deepEqual(r, { shelf: 'shelf', answer: undefined, asked: 1 });
      assert.equal(asked, 1);
    });
  });
});
