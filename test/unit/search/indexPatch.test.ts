import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { ShelfSearch } from '../../../src/core/search/search';
import type { ShelfEntry } from '../../../src/core/model/types';
import { seedEntries } from '../../support/seedEntries';
import { makeEntry, makePaper } from '../../support/papers';
import { assertSameSearch } from '../../support/sameSearch';

const seeds = seedEntries();

/** A seed paper with words added to its summary (a new entry object, as the shelf makes on an edit). */
function edited(e: ShelfEntry, words: string): ShelfEntry {
  return { ...e, paper: { ...e.paper, summary: `${words} ${e.paper.summary}` } };
}

function added(n: number, words: string): ShelfEntry {
  const id = `2601.${String(30000 + n)}`;
  return makeEntry(makePaper({ id, title: `Added study ${n} of ${words}`, summary: `We report ${words}.` }), {
    key: `added${n}`,
  });
}

// Exact words, prefixes as typed, misspellings, words only the edits bring, and words they take away.
const QUERIES = [
  'zyxquorp',
  'zyxq',
  'zyxqourp',
  'frobnicated tensors',
  'frobn',
  'language models',
  'reinforc',
  'reinforcment learning',
  'graph neural',
  'added study',
  'agent',
  'tensor',
];

const sameAsBuild = (patched: ShelfSearch, entries: readonly ShelfEntry[]) =>
  assertSameSearch(patched, entries, QUERIES, { limit: 20, related: 8 });

describe('index patch: the built postings stay, edits are kept beside them', () => {
  it('a paper edited again and again, new words coming and going: every answer is a build’s', () => {
    const index = new ShelfSearch();
    index.setEntries(seeds);
    let entries = [...seeds];
    const steps: ((es: ShelfEntry[]) => ShelfEntry[])[] = [
      (es) => es.map((e, i) => (i === 10 ? edited(e, 'Zyxquorp frobnicated tensors.') : e)),
      // The same paper again: its first edit (an added document) goes.
      (es) => es.map((e, i) => (i === 10 ? edited(seeds[10]!, 'Frobnicated graphs.') : e)),
      (es) => [...es.slice(0, 20), added(1, 'zyxquorp agents'), ...es.slice(20)],
      (es) => es.filter((_, i) => i !== 3),
      (es) => es.map((e, i) => (i === 30 ? edited(e, 'language models reinforcement learning tensor') : e)),
      // Everything back as built: the new words answer nothing.
      () => seeds,
    ];
    for (const step of steps) {
      entries = step(entries);
      assert.ok(index.update(entries), 'patched');
      assert.equal(index.compact, false);
      sameAsBuild(index, entries);
    }
    assert.deepEqual(index.search('zyxquorp'), []);
  });

  it('words patches add are completed and corrected in the order a build has them (the capped expansions keep the same ones)', () => {
    const paper = (n: number, word: string) =>
      makeEntry(makePaper({ id: `2602.${String(40000 + n)}`, title: `${word} survey`, summary: 'Plain text.' }));
    // More completions of "qa0" (and near misses of "zqxa") than a query expands to, each in one paper.
    const built = [
      ...Array.from({ length: 45 }, (_, i) => paper(i, `qa0${10 + i}`)),
      ...'bcdefghijkl'.split('').map((c, i) => paper(100 + i, `zqx${c}`)),
    ];
    const index = new ShelfSearch();
    index.setEntries(built);
    const entries = [...built, paper(200, 'qa0205'), paper(201, 'qa0999'), paper(202, 'zqxab'), paper(203, 'zqxz')];
    assert.ok(index.update(entries));
    const full = new ShelfSearch();
    full.setEntries(entries);
    for (const q of ['qa0', 'zqxa']) {
      assert.deepEqual(index.search(q, { limit: 60 }), full.search(q, { limit: 60 }), q);
      assert.ok(full.search(q, { limit: 60 }).length < entries.length / 2 + 40, `${q}: the expansions are capped`);
    }
    const found = (q: string) => new Set(index.search(q, { limit: 60 }).map((r) => r.id));
    assert.ok(found('qa0').has('2602.40200') && !found('qa0').has('2602.40201'));
    assert.ok(found('zqxa').has('2602.40202') && !found('zqxa').has('2602.40203'));
  });

  it('any sequence of changes, additions, removals and moves answers as a build', function () {
    this.timeout(60_000);
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('edit' as const),
        at: fc.nat(),
        words: fc.constantFrom('Zyxquorp.', 'Frobnicated tensors.', 'Agents learn.'),
      }),
      fc.record({ kind: fc.constant('add' as const), at: fc.nat(), n: fc.nat({ max: 20 }) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 6 }), (changes) => {
        const index = new ShelfSearch();
        index.setEntries(seeds);
        let entries = [...seeds];
        for (const c of changes) {
          const next = [...entries];
          const n = next.length;
          if (c.kind === 'edit') next[c.at % n] = edited(next[c.at % n]!, c.words);
          else if (c.kind === 'add' && !next.some((e) => e.paper.id === added(c.n, '').paper.id))
            next.splice(c.at % (n + 1), 0, added(c.n, 'zyxquorp tensors'));
          else if (c.kind === 'remove' && n > 1) next.splice(c.at % n, 1);
          else if (c.kind === 'move') next.splice(c.to % n, 0, next.splice(c.from % n, 1)[0]!);
          entries = next;
          assert.ok(index.update(entries));
          sameAsBuild(index, entries);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('every paper filed again (new entries for all): no patch, given up without looking each paper up', () => {
    const many = Array.from({ length: 6000 }, (_, i) => added(i, i % 2 ? 'graph agents' : 'tensor language'));
    const index = new ShelfSearch();
    index.setEntries(many);
    // Count the lookups by id the patch makes (the index's own map, watched).
    const state = index as unknown as { idToDoc: Map<string, number> };
    let lookups = 0;
    const get = state.idToDoc.get.bind(state.idToDoc);
    state.idToDoc.get = (id: string) => (lookups++, get(id));
    const refiled = many.map((e) => ({ ...e, theme: 'Refiled' }));
    assert.equal(index.update(refiled), false, 'too many new entries for a patch');
    assert.ok(lookups <= 0.05 * many.length + 2, `looked up ${lookups} of ${many.length} papers before giving up`);
    assert.deepEqual(index.search('graph agents', { limit: 3 }).length, 3, 'the index answers as before');
    // A few changed still patch.
    const few = many.map((e, i) => (i % 1000 === 7 ? { ...e, theme: 'Refiled' } : e));
    assert.ok(index.update(few));
  });
});
