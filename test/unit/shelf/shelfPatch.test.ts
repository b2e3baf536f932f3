import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CollectionReader } from '../../../src/core/collection/collectionReader';
import { parseCollection } from '../../../src/core/collection/collection';
import { Shelf } from '../../../src/core/shelf/shelf';
import { shelfOptions } from '../../../src/core/shelf/shelfFactory';
import { ShelfSearch } from '../../../src/core/search/search';
import type { Paper, ShelfEntry } from '../../../src/core/model/types';
import { applyEdit, newBlock, seedBlocks, type Edit } from '../../support/editedShelf';
import { assertSameSearch } from '../../support/sameSearch';

const FILE = 'file:///w/shelf.papers.txt';
/** A theme from the title's first word: any deterministic classifier will do. */
const classify = { classify: (p: Paper) => p.title.split(' ')[0] ?? 'Other' };

function makeShelf(): Shelf {
  return new Shelf(
    shelfOptions(
      () => classify,
      () => undefined,
    ),
  );
}

function view(entries: readonly ShelfEntry[]) {
  return entries.map((e) => ({
    id: e.paper.id,
    key: e.key,
    theme: e.theme,
    source: e.sourceId,
    line: e.paper.source.line,
  }));
}

const QUERIES = [
  'language models',
  'reinforcement learning',
  'graph neural',
  'new study',
  'retrieval',
  'agent',
  'sparse retr',
  'reinforcment',
];

const sameSearch = (incremental: ShelfSearch, entries: readonly ShelfEntry[]) =>
  assertSameSearch(incremental, entries, QUERIES);

describe('incremental shelf and index: a few changed papers, not a rebuild', () => {
  const blocks = seedBlocks();

  function start(initial: readonly string[]) {
    const reader = new CollectionReader(FILE);
    const shelf = makeShelf();
    shelf.setSource('seeds', parseCollection(blocks.slice(0, 3).join(''), 'seeds').papers);
    const first = reader.update(initial.join(''));
    shelf.setSource(FILE, first.papers);
    const index = new ShelfSearch();
    index.setEntries(shelf.entries());
    return { reader, shelf, index };
  }

  function step(s: ReturnType<typeof start>, next: readonly string[]) {
    const update = s.reader.update(next.join(''));
    s.shelf.updateSource(FILE, update.papers, update.changed);
    const patched = s.index.update(s.shelf.entries());
    const full = makeShelf();
    full.setSource('seeds', s.shelf.papersOf('seeds'));
    full.setSource(FILE, parseCollection(next.join(''), FILE).papers);
    assert.deepEqual(view(s.shelf.entries()), view(full.entries()));
    sameSearch(s.index, s.shelf.entries());
    return { update, patched };
  }

  it('adds a block: one paper parsed, its entry new, every other entry the same object, the index patched', () => {
    const s = start(blocks);
    const before = new Map(s.shelf.entries().map((e) => [e.paper.id, e]));
    const { update, patched } = step(s, applyEdit(blocks, { kind: 'add', at: 20, block: newBlock(1) }));
    assert.equal(update.parsed, 1);
    assert.ok(patched);
    const unchanged = s.shelf.entries().filter((e) => before.get(e.paper.id) === e);
    // The new paper, and the three the seeds list too (a merge is made again when its file changes).
    assert.equal(unchanged.length, s.shelf.size - 4);
    assert.deepEqual(s.index.search('new study 1 graph').map((r) => r.id)[0], '2601.20001');
  });

  it('changes a block: the edit is found by search, the old words are not', () => {
    const s = start(blocks);
    const { patched } = step(s, applyEdit(blocks, { kind: 'change', at: 7, text: 'Zyxquorp tensors.' }));
    assert.ok(patched);
    assert.equal(s.index.search('zyxquorp').length, 1);
    step(s, blocks);
    assert.equal(s.index.search('zyxquorp').length, 0);
  });

  it('removes and reorders blocks: the shelf follows the file order, the index answers as a rebuilt one', () => {
    const s = start(blocks);
    const removed = applyEdit(blocks, { kind: 'remove', at: 11 });
    assert.ok(step(s, removed).patched);
    const moved = applyEdit(removed, { kind: 'move', from: 2, to: 40 });
    const { update, patched } = step(s, moved);
    assert.equal(update.parsed, 0);
    assert.ok(patched);
  });

  it('a paper sharing a base key with another takes the suffix a full assignment gives, and gives it back', () => {
    const s = start(blocks);
    const twin = newBlock(7, 'reasoning').replace(
      'Title: A new study 7 of reasoning',
      'Title: A new study of reasoning',
    );
    const other = newBlock(8, 'reasoning').replace(
      'Title: A new study 8 of reasoning',
      'Title: A new study of reasoning',
    );
    step(s, [...blocks, twin]);
    step(s, [...blocks, twin, other]);
    const keys = s.shelf
      .entries()
      .filter((e) => e.paper.id.startsWith('2601.'))
      .map((e) => e.key);
    assert.equal(new Set(keys).size, 2);
    step(s, [...blocks, other]);
  });

  it("a paper changed in place into another paper's key group: the keys a full assignment gives, the order kept", () => {
    const twin = newBlock(7, 'reasoning').replace(
      'Title: A new study 7 of reasoning',
      'Title: A new study of reasoning',
    );
    const other = newBlock(8, 'reasoning');
    const s = start([...blocks.slice(0, 20), twin, ...blocks.slice(20, 30), other]);
    const order = () => s.shelf.entries().map((e) => e.paper.id);
    const before = order();
    const same = other.replace('Title: A new study 8 of reasoning', 'Title: A new study of reasoning');
    const { update, patched } = step(s, [...blocks.slice(0, 20), twin, ...blocks.slice(20, 30), same]);
    assert.equal(update.parsed, 1);
    assert.ok(patched);
    assert.deepEqual(order(), before, 'every paper kept its place');
    const keys = ['2601.20007', '2601.20008'].map((id) => s.shelf.get(id)!.key);
    assert.equal(new Set(keys).size, 2);
    assert.ok(keys[1]!.startsWith(keys[0]!), `the later id takes the suffix: ${keys.join(', ')}`);
    step(s, [...blocks.slice(0, 20), twin, ...blocks.slice(20, 30), other]);
    assert.deepEqual(order(), before);
  });

  it('an edit of a paper with common words: the postings it leaves and joins answer as a rebuild', () => {
    const s = start(blocks);
    const common = 'language models learning the of and a for with';
    const edited = applyEdit(blocks, { kind: 'change', at: 3, text: `${common} Zyxquorp.` });
    assert.ok(step(s, edited).patched);
    assert.ok(step(s, applyEdit(edited, { kind: 'change', at: 9, text: common })).patched);
    assert.ok(step(s, blocks).patched);
  });

  it('any sequence of edits leaves shelf and index as a rebuild makes them', function () {
    this.timeout(60_000);
    const edit: fc.Arbitrary<Edit> = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        at: fc.nat(),
        block: fc.nat({ max: 30 }).map((n) => newBlock(n)),
      }),
      fc.record({
        kind: fc.constant('change' as const),
        at: fc.nat(),
        text: fc.constantFrom('Quantum.', 'Sparse retrieval.', 'Agents.'),
      }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        const initial = blocks.slice(0, 30);
        const s = start(initial);
        let current = initial;
        for (const e of edits) {
          current = applyEdit(current, e);
          step(s, current);
        }
      }),
      { numRuns: 15 },
    );
  });
});
