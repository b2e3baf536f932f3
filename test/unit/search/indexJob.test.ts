import * as assert from 'node:assert/strict';
import { STALE } from '../../../src/core/collection/readerProtocol';
import { describeEntries, holdsMost, holdsMostSteps } from '../../../src/core/search/indexJob';
import { decodeIndex, encodeIndex, fingerprintEntries, indexCacheName } from '../../../src/core/search/indexCache';
import { ShelfSearch } from '../../../src/core/search/search';
import { Shelf } from '../../../src/core/shelf/shelf';
import { shelfOptions } from '../../../src/core/shelf/shelfFactory';
import { parseCollection } from '../../../src/core/collection/collection';
import type { Paper } from '../../../src/core/model/types';
import { applyEdit, newBlock, seedBlocks } from '../../support/editedShelf';
import { CACHE, KEY, workerChannel as channel } from '../../support/workerChannel';
import { runCounting } from '../../support/steps';

const classify = { classify: (p: Paper) => p.title.split(' ')[0] ?? 'Other' };
const QUERIES = ['language models', 'reinforcement learning', 'new study', 'sparse retr', 'reinforcment', 'graph'];

/** A shelf of the seeds' first blocks (their own source), the big file, and one paper both list (a merge). */
function shelfOf(seeds: readonly string[], file: readonly Paper[]): Shelf {
  const shelf = new Shelf(
    shelfOptions(
      () => classify,
      () => undefined,
    ),
  );
  shelf.setSource('seeds', parseCollection(seeds.join(''), 'seeds').papers);
  shelf.setSource(KEY, file);
  return shelf;
}

describe('indexJob: the search index built in the collection worker', () => {
  const blocks = seedBlocks();
  const text = [...blocks, ...Array.from({ length: 40 }, (_, i) => newBlock(i))];

  it('the worker builds from the papers it holds what the host would build; the bytes are transferred', async () => {
    const c = channel();
    const read = (await c.read(text.join(''))).assembled;
    // The seeds' source lists the file's first paper too: that entry is a merge, sent whole.
    const shelf = shelfOf([...blocks.slice(0, 3), newBlock(900)], read.papers);
    const entries = shelf.entries();
    const table = describeEntries(entries, c.held, 2000)!;
    assert.deepEqual(
      table.inline.map((p) => p.id),
      entries
        .filter((e) => e.sourceId === 'seeds' || blocks.slice(0, 3).some((b) => b.includes(e.paper.id)))
        .map((e) => e.paper.id),
    );
    assert.ok(table.inline.length < entries.length / 2);

    const { reply, transfer } = await c.index(entries);
    assert.equal(reply.kind, 'index');
    if (reply.kind !== 'index') return;
    assert.equal(transfer?.length, 1, 'one buffer moves');
    assert.equal(reply.fromCache, false);
    assert.equal(reply.fingerprint, fingerprintEntries(entries));
    const host = new ShelfSearch();
    host.setEntries(entries);
    assert.deepEqual(reply.bytes, encodeIndex(host.serialize(), reply.fingerprint), 'byte for byte the host build');
    const restored = new ShelfSearch();
    assert.ok(restored.restore(entries, decodeIndex(reply.bytes, reply.fingerprint)!));
    for (const q of QUERIES) assert.deepEqual(restored.search(q), host.search(q), q);
  });

  it('after an edit the changed paper is described whole and the rest by their file', async () => {
    const c = channel();
    await c.read(text.join(''));
    const edited = (await c.read(applyEdit(text, { kind: 'change', at: 12, text: 'zqxj edited' }).join(''))).assembled;
    const shelf = shelfOf([], edited.papers);
    const { reply } = await c.index(shelf.entries());
    assert.equal(reply.kind, 'index');
    if (reply.kind !== 'index') return;
    const restored = new ShelfSearch();
    assert.ok(restored.restore(shelf.entries(), decodeIndex(reply.bytes, reply.fingerprint)!));
    assert.equal(restored.search('zqxj')[0]?.id, edited.papers[12]!.id);
  });

  it('a cache file for the fingerprint is sent as it is; a damaged one is replaced by a build', async () => {
    const c = channel();
    const read = (await c.read(text.join(''))).assembled;
    const entries = shelfOf([], read.papers).entries();
    const host = new ShelfSearch();
    host.setEntries(entries);
    const fingerprint = fingerprintEntries(entries);
    const cached = encodeIndex(host.serialize(), fingerprint);
    // (A copy: the answer's buffer is transferred, as the worker's read of the file is.)
    c.files.set(`${CACHE}/${indexCacheName(fingerprint)}`, cached.slice());
    const hit = (await c.index(entries)).reply;
    assert.ok(hit.kind === 'index' && hit.fromCache);
    assert.deepEqual(hit.bytes, cached);
    c.files.set(`${CACHE}/${indexCacheName(fingerprint)}`, cached.subarray(0, cached.length - 8));
    const rebuilt = (await c.index(entries)).reply;
    assert.ok(rebuilt.kind === 'index' && !rebuilt.fromCache);
    assert.deepEqual(rebuilt.bytes, cached);
  });

  it('a request described from an older read is refused as stale; a shelf the worker hardly holds is not described', async () => {
    const c = channel();
    const first = (await c.read(text.join(''))).assembled;
    const entries = shelfOf(blocks.slice(0, 10), first.papers).entries();
    assert.equal(describeEntries(entries, c.held, 5), undefined, 'more than 5 papers would cross');
    assert.equal(holdsMost(entries, c.held, 5), false);
    assert.equal(holdsMost(entries, c.held, 2000), true);
    const none = shelfOf(blocks.slice(0, 10), []).entries();
    assert.equal(describeEntries(none, c.held, 2000), undefined, 'none of the papers is the worker’s');
    assert.equal(holdsMost(none, c.held, 2000), false);
    const table = describeEntries(entries, c.held, 2000)!;
    // The file changed and the worker read it before the index request came.
    await c.read(applyEdit(text, { kind: 'remove', at: 3 }).join(''));
    const { reply } = await c.indexTable(table);
    assert.deepEqual(reply, { kind: 'failed', id: reply.id, message: 'a newer read replaced the papers', code: STALE });
  });

  it('a request described from an older read is answered when the reads since changed no paper', async () => {
    const c = channel();
    const first = (await c.read(text.join(''))).assembled;
    const entries = shelfOf(blocks.slice(0, 3), first.papers).entries();
    const table = describeEntries(entries, c.held, 2000)!;
    const later = describeEntries(entries, c.held, 2000)!;
    // The watcher reported the save twice: the same text read again, nothing parsed.
    const again = await c.read(text.join(''));
    assert.equal(again.done.parsed, 0);
    const { reply } = await c.indexTable(table);
    assert.equal(reply.kind, 'index', `answered ${reply.kind === 'failed' ? reply.code : reply.kind}`);
    if (reply.kind !== 'index') return;
    const here = new ShelfSearch();
    here.setEntries(entries);
    assert.deepEqual(reply.bytes, encodeIndex(here.serialize(), fingerprintEntries(entries)));
    // Removing a block changes the file's papers: a table from the first read is stale.
    await c.read(applyEdit(text, { kind: 'remove', at: 3 }).join(''));
    const stale = (await c.indexTable(later)).reply;
    assert.equal(stale.kind === 'failed' && stale.code, STALE);
  });

  it('on a large shelf, whether the worker holds most of it is looked at in steps, with the same answer', async () => {
    const c = channel();
    const read = (await c.read(Array.from({ length: 9000 }, (_, i) => newBlock(i)).join(''))).assembled;
    const entries = shelfOf(blocks.slice(0, 5), read.papers).entries();
    const sliced = runCounting(holdsMostSteps(entries, c.held, 2000));
    assert.equal(sliced.value, true);
    assert.equal(sliced.value, holdsMost(entries, c.held, 2000));
    assert.ok(sliced.pauses >= 2, `paused ${sliced.pauses} times`);
    assert.equal(runCounting(holdsMostSteps(entries, () => undefined, 2000)).value, false);
  });
});
