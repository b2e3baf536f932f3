import * as assert from 'node:assert/strict';
import { ShelfSearch } from '../../../src/core/search/search';
import {
  cachedFingerprint,
  decodeIndex,
  decodeIndexSteps,
  encodeIndex,
  encodeIndexSteps,
  EntryFingerprint,
  fingerprintEntries,
  fingerprintSteps,
} from '../../../src/core/search/indexCache';
import type { ShelfEntry } from '../../../src/core/model/types';
import { seedEntries } from '../../support/seedEntries';
import { buildSteps, fits, fitsSteps } from '../../../src/core/search/indexFormat';
import { runCounting } from '../../support/steps';
import { runSteps, runStepsInSlices } from '../../../src/core/runtime/yieldToHost';

const entries = seedEntries();

function edited(index: number, change: (e: ShelfEntry) => ShelfEntry): ShelfEntry[] {
  return entries.map((e, i) => (i === index ? change(e) : e));
}

describe('index cache', () => {
  const index = new ShelfSearch();
  index.setEntries(entries);
  const fingerprint = fingerprintEntries(entries);
  const bytes = encodeIndex(index.serialize(), fingerprint);

  it('round-trips an index through bytes', () => {
    const data = decodeIndex(bytes, fingerprint);
    assert.ok(data);
    const restored = new ShelfSearch();
    assert.equal(restored.restore(entries, data), true);
    for (const q of ['reinf', 'kv cache', 'arXiv:2510.01152v2', 'reinforcment learning', entries[5].key]) {
      assert.deepEqual(restored.search(q), index.search(q), q);
    }
    assert.deepEqual(restored.related(entries[9].paper.id), index.related(entries[9].paper.id));
  });

  it('decodes a step at a time what decodeIndex gives, the long word lists split across steps', () => {
    const many = {
      ...index.serialize(),
      terms: Array.from({ length: 40_000 }, (_, i) => `w${i}`),
      groups: [],
    };
    const encoded = encodeIndex(many, 'f');
    const steps = decodeIndexSteps(encoded, 'f');
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    assert.ok(yields >= 3, `${yields} steps`);
    assert.deepEqual(step.value, decodeIndex(encoded, 'f'));
    assert.deepEqual(step.value?.terms, many.terms);
    assert.deepEqual(step.value?.ids, many.ids);
  });

  it('decodes lists of megabytes in pieces, characters of several bytes and empty words across their edges', () => {
    const letters = ['a', 'ö', '数', '🧪', 'ß', 'z9'];
    const terms = Array.from({ length: 150_000 }, (_, i) =>
      i % 9973 === 0 ? '' : letters[i % letters.length]!.repeat(1 + (i % 5)) + i.toString(36),
    );
    const many = { ...index.serialize(), terms, groups: [] };
    const encoded = encodeIndex(many, 'f');
    assert.ok(encoded.length > 4 * 256 * 1024, 'several pieces');
    let yields = 0;
    const steps = decodeIndexSteps(encoded, 'f');
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    assert.ok(yields >= 6, `${yields} steps`);
    assert.deepEqual(step.value?.terms, terms);
    assert.deepEqual(step.value?.ids, many.ids);
  });

  it('encodes the same bytes a step at a time', () => {
    const steps = encodeIndexSteps(index.serialize(), fingerprint);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    assert.ok(yields >= 4, `yielded ${yields} times`);
    assert.deepEqual(step.value, bytes);
  });

  it('reads back the fingerprint it was written with', () => {
    assert.equal(cachedFingerprint(bytes), fingerprint);
  });

  it('is stable for the same entries (a fresh copy of them)', () => {
    assert.equal(fingerprintEntries(seedEntries()), fingerprint);
    // Choices the index does not read (stars) do not invalidate it.
    assert.equal(fingerprintEntries(entries.map((e) => ({ ...e, starred: !e.starred }))), fingerprint);
  });

  it('is invalidated when the collection changes', () => {
    const changes: [string, ShelfEntry[]][] = [
      ['summary edited', edited(3, (e) => ({ ...e, paper: { ...e.paper, summary: e.paper.summary + ' More.' } }))],
      ['title edited', edited(0, (e) => ({ ...e, paper: { ...e.paper, title: e.paper.title + 's' } }))],
      ['key changed', edited(7, (e) => ({ ...e, key: e.key + 'a' }))],
      ['theme moved', edited(7, (e) => ({ ...e, theme: 'Somewhere Else' }))],
      ['tag added', edited(2, (e) => ({ ...e, paper: { ...e.paper, tags: ['new'] } }))],
      ['author added', edited(2, (e) => ({ ...e, paper: { ...e.paper, authors: ['Ada Lovelace'] } }))],
      ['paper removed', entries.slice(1)],
      ['paper added', [...entries, { ...entries[0], paper: { ...entries[0].paper, id: '2511.00001' } }]],
      ['papers reordered', [entries[1], entries[0], ...entries.slice(2)]],
    ];
    const seen = new Set([fingerprint]);
    for (const [what, changed] of changes) {
      const f = fingerprintEntries(changed);
      assert.ok(!seen.has(f), what);
      seen.add(f);
      assert.equal(decodeIndex(bytes, f), undefined, `${what}: the old cache must not load`);
    }
  });

  it('tells apart texts split differently, ending in NULs, in other scripts and longer than its scratch space', () => {
    const base = entries[0];
    const withTexts = (title: string, summary: string): ShelfEntry[] => [
      { ...base, paper: { ...base.paper, title, summary } },
    ];
    const long = 'ü'.repeat(5000);
    const cases: [string, string][] = [
      ['ab', 'c'],
      ['a', 'bc'],
      ['a', 'bc\u0000'],
      ['a\u0000', 'bc'],
      ['abcd', ''],
      ['', 'abcd'],
      ['Ökonometrie', 'x'],
      ['Okonometrie', 'x'],
      ['量子', 'x'],
      ['𝒳 and 𝒴', 'x'],
      [long, 'x'],
      [long + 'ü', 'x'],
    ];
    const digests = cases.map(([t, s]) => fingerprintEntries(withTexts(t, s)));
    assert.equal(new Set(digests).size, cases.length, digests.join(' '));
    // The same texts again (a fresh object), after a long one grew the scratch space.
    const again = new EntryFingerprint();
    again.add(withTexts(long, 'x')[0]!);
    const twice = new EntryFingerprint();
    twice.add(withTexts(long, 'x')[0]!);
    assert.equal(again.digest(), twice.digest());
    assert.equal(fingerprintEntries(withTexts('量子', 'x')), digests[8]);
  });

  it('refuses damaged bytes without throwing', () => {
    assert.equal(decodeIndex(new Uint8Array(0)), undefined);
    assert.equal(decodeIndex(new TextEncoder().encode('not an index at all')), undefined);
    assert.equal(decodeIndex(bytes.subarray(0, bytes.length - 9)), undefined);
    const flipped = bytes.slice();
    flipped[10] ^= 0xff;
    assert.equal(decodeIndex(flipped, fingerprint), undefined);
    assert.equal(cachedFingerprint(new Uint8Array([1, 2, 3])), undefined);
  });

  it('decodes from an unaligned buffer', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const data = decodeIndex(shifted.subarray(1), fingerprint);
    assert.ok(data);
    assert.equal(new ShelfSearch().restore(entries, data), true);
  });

  it('fingerprints and builds in steps that pause, with the same results as at once', async () => {
    const many = Array.from({ length: 12 }, () => entries).flat();
    let pauses = 0;
    const pause = async () => void pauses++;
    const digest = await runStepsInSlices(fingerprintSteps(many), pause, 0);
    assert.equal(digest?.value, fingerprintEntries(many));
    assert.ok(pauses >= 2, `paused ${pauses} times over ${many.length} entries`);

    const sliced = new ShelfSearch();
    let progressed = 0;
    const built = await runStepsInSlices(
      buildSteps(sliced.beginBuild(entries), 0, () => progressed++),
      pause,
      0,
    );
    assert.ok(built);
    assert.ok(progressed > 0, 'a zero budget takes several steps');
    assert.deepEqual(sliced.serialize(), index.serialize());
  });

  it('stops a sliced build when its owner says so', async () => {
    const sliced = new ShelfSearch();
    const built = await runStepsInSlices(
      buildSteps(sliced.beginBuild(entries), 0),
      async () => undefined,
      0,
      () => true,
    );
    assert.equal(built, undefined);
    assert.equal(sliced.size, 0, 'the old (empty) index still answers');
  });
});

describe('fitsSteps: whether a cache fits the shelf, in steps', () => {
  it('answers as fits does, pausing between thousands of entries, and refuses an id out of place', () => {
    const index = new ShelfSearch();
    index.setEntries(entries);
    const data = index.serialize();
    assert.equal(runSteps(fitsSteps(entries, data)), true);
    assert.equal(fits(entries, data), true);
    const moved = [entries[1]!, entries[0]!, ...entries.slice(2)];
    assert.equal(runSteps(fitsSteps(moved, data)), false);
    // A large shelf whose last id differs: every id is compared, a step at a time.
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      ...entries[0]!,
      paper: { ...entries[0]!.paper, id: `x${i}` },
    }));
    const ids = many.map((e) => e.paper.id);
    ids[ids.length - 1] = 'other';
    const counted = runCounting(fitsSteps(many, { ...data, ids }));
    assert.equal(counted.value, false);
    assert.ok(counted.pauses >= 4, `${counted.pauses} pauses`);
  });
});
