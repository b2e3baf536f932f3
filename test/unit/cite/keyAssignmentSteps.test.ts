// The sliced cite-key assignment (what a large source goes through on the extension host) gives
// exactly the keys of the one-step one, and of the rules written out plainly here.
import * as assert from 'node:assert/strict';
import { assignKeySteps, assignKeys, baseKey, clashSuffix } from '../../../src/core/cite/keys';
import { KeyAssignment } from '../../../src/core/cite/keyAssignment';
import { runStepsInSlices } from '../../../src/core/runtime/yieldToHost';
import { shelfOptions } from '../../../src/core/shelf/shelfFactory';
import { Shelf } from '../../../src/core/shelf/shelf';
import type { Paper } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';

/** A deterministic pseudo-random sequence (no flaky shelves). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * `count` papers in shuffled order whose keys collide a lot: few titles and authors, so groups of
 * dozens share a base key; titles like "Deep Netsa" whose base key is another group's suffixed
 * key; old-scheme ids among new ones; and pinned keys, some shared by two papers, some equal to
 * base or suffixed keys of others.
 */
function collidingShelf(count: number, seed = 7): { papers: Paper[]; pinned: Map<string, string> } {
  const next = random(seed);
  const titles = ['Deep Nets', 'Deep Netsa', 'Deep Netsb', 'Graph Flows', 'Same Title', 'Über Straße', '$x$ 42'];
  const authors = [[], ['Ana García'], ['Bo Li'], ['Li, Bo'], ['C. Müller Jr.']];
  const papers: Paper[] = [];
  const ids = new Set<string>();
  while (papers.length < count) {
    const old = next() < 0.1;
    const id = old
      ? `hep-th/${String(9100 + Math.floor(next() * 9)).padStart(4, '0')}${String(Math.floor(next() * 1000)).padStart(3, '0')}`
      : `${2401 + Math.floor(next() * 3)}.${String(Math.floor(next() * 100000)).padStart(5, '0')}`;
    if (ids.has(id)) continue;
    ids.add(id);
    const title = titles[Math.floor(next() * titles.length)]!;
    papers.push(makePaper({ id, title, authors: authors[Math.floor(next() * authors.length)]! }));
  }
  const pinned = new Map<string, string>();
  for (let i = 0; i < count; i += 97) {
    const p = papers[i]!;
    const other = papers[(i * 31 + 5) % count]!;
    const choice = i % 4;
    if (choice === 0)
      pinned.set(p.id, 'sharedPin'); // several papers pinned to one key
    else if (choice === 1)
      pinned.set(p.id, baseKey(other)); // a key another paper has as base
    else if (choice === 2)
      pinned.set(p.id, baseKey(other) + 'a'); // a key a suffix would give
    else pinned.set(p.id, `own${i}`);
  }
  return { papers, pinned };
}

/** The rules as the docs say them, with no shortcuts (quadratic in a group's size). */
function plainRules(papers: readonly Paper[], pinned: ReadonlyMap<string, string>): Map<string, string> {
  const sorted = [...papers].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of sorted) {
    const key = pinned.get(p.id);
    if (!key || taken.has(key)) continue;
    result.set(p.id, key);
    taken.add(key);
  }
  const unpinned = sorted.filter((p) => !result.has(p.id));
  const base = new Map(unpinned.map((p) => [p.id, baseKey(p)]));
  const bases = new Set(base.values());
  const later: Paper[] = [];
  for (const p of unpinned) {
    const b = base.get(p.id)!;
    if (taken.has(b)) {
      later.push(p);
      continue;
    }
    result.set(p.id, b);
    taken.add(b);
  }
  for (const p of later) {
    const b = base.get(p.id)!;
    let n = 0;
    while (taken.has(b + clashSuffix(n)) || bases.has(b + clashSuffix(n))) n++;
    result.set(p.id, b + clashSuffix(n));
    taken.add(b + clashSuffix(n));
  }
  return result;
}

const noClassifier = () => undefined;
const defaultPattern = () => undefined;

describe('cite keys in slices', () => {
  it('gives the keys of the one-step assignment and of the plain rules on a shelf full of clashes', async () => {
    const { papers, pinned } = collidingShelf(6000);
    const oneStep = assignKeys(papers, pinned);
    let pauses = 0;
    const sliced = await runStepsInSlices(
      assignKeySteps(papers, pinned),
      async () => void pauses++,
      0, // a pause at every step
    );
    assert.ok(pauses > 1, `paused ${pauses} times`);
    assert.deepEqual([...sliced!.value], [...oneStep], 'same keys, same order');
    assert.deepEqual(new Map([...oneStep].sort()), new Map([...plainRules(papers, pinned)].sort()));
    assert.equal(new Set(oneStep.values()).size, papers.length, 'every key distinct');
    // The clashes the shelf was made for did happen.
    const byId = new Map(papers.map((p) => [p.id, p]));
    const suffixed = [...oneStep].filter(([id, key]) => key !== baseKey(byId.get(id)!));
    assert.ok(suffixed.length > papers.length / 2, `${suffixed.length} suffixed keys`);
    assert.deepEqual(assignKeys([...papers].reverse(), pinned), oneStep, 'the order papers arrive in does not matter');
  });

  it('yields many times on a large shelf and gives the keys assign gives', () => {
    const { papers, pinned } = collidingShelf(30000, 11);
    const keys = new KeyAssignment();
    const steps = keys.assignSteps(papers, pinned);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    assert.ok(yields >= 30000 / 1024, `yielded ${yields} times`);
    assert.deepEqual(step.value, assignKeys(papers, pinned));
  });

  it('a large source put on the shelf in slices gets the keys setSource gives', async () => {
    const { papers, pinned } = collidingShelf(5000, 3);
    const choices = { themeOverrides: {}, starred: [], hidden: [], pinnedKeys: Object.fromEntries(pinned) };
    /** A shelf as the extension makes it, holding the first ten papers. */
    const startedShelf = () => {
      const shelf = new Shelf(shelfOptions(noClassifier, defaultPattern));
      shelf.setChoices(choices);
      shelf.setSource('seeds', papers.slice(0, 10));
      return shelf;
    };
    const keysOf = (shelf: Shelf) =>
      shelf
        .entries()
        .map((e) => e.key)
        .join();
    const sliced = startedShelf();
    const before = keysOf(sliced);
    const seen = new Set<string>();
    await sliced.setSourceInSlices('big', papers, async () => void seen.add(keysOf(sliced)), 0);
    assert.deepEqual([...seen], [before], 'the old keys answer until the new shelf is in');
    const whole = startedShelf();
    whole.setSource('big', papers);
    assert.deepEqual(
      sliced.entries().map((e) => [e.paper.id, e.key]),
      whole.entries().map((e) => [e.paper.id, e.key]),
    );
  });
});
