import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ShelfSearch } from '../../../src/core/search/search';
import type { Paper, ShelfEntry } from '../../../src/core/model/types';
import { seedEntries } from '../../support/seedEntries';
import { makeEntry, makePaper } from '../../support/papers';
import { REPO_ROOT } from '../../support/paths';

const entries = seedEntries();
const byId = new Map(entries.map((e) => [e.paper.id, e]));
const index = new ShelfSearch();
index.setEntries(entries);

function ids(query: string, limit = 10): string[] {
  return index.search(query, { limit }).map((r) => r.id);
}
function titles(query: string, limit = 10): string[] {
  return ids(query, limit).map((id) => byId.get(id)!.paper.title);
}

function entry(id: string, title: string, summary: string, extra: Partial<Paper> = {}, key = id): ShelfEntry {
  return makeEntry(makePaper({ id, title, summary, ...extra }), { key });
}

describe('ShelfSearch on the 50 shipped papers', () => {
  it('indexes every seed paper', () => {
    assert.equal(entries.length, 50);
    assert.equal(index.size, 50);
  });

  it('finds papers by a word prefix as the user types', () => {
    const found = titles('reinf');
    assert.ok(found.length >= 5, `only ${found.length} results`);
    // Papers with "Reinforcement" in the title come before those that only mention it.
    const titleHits = found.filter((t) => /reinforc/i.test(t)).length;
    assert.ok(titleHits >= 5);
    for (let i = 0; i < titleHits; i++) assert.match(found[i], /reinforc/i, `result ${i} is "${found[i]}"`);
  });

  it('tolerates a misspelling', () => {
    const found = titles('reinforcment learning');
    assert.ok(found.length >= 5);
    assert.match(found[0], /reinforcement learning/i);
    assert.deepEqual(titles('reinforcment learning', 5), titles('reinforcement learning', 5));
  });

  it('puts the exact arXiv id first, in any form', () => {
    for (const q of [
      '2510.01152',
      'arXiv:2510.01152v2',
      'https://arxiv.org/abs/2510.01152v1',
      'arxiv.org/pdf/2510.01152',
    ]) {
      assert.equal(ids(q)[0], '2510.01152', q);
    }
  });

  it('completes a partly typed id', () => {
    assert.equal(ids('2510.0115')[0], '2510.01152');
  });

  it('finds "kv cache" papers, title matches first', () => {
    const found = titles('kv cache');
    assert.ok(found.length >= 2);
    assert.ok(
      found.slice(0, 2).every((t) => /KV Cache/i.test(t)),
      found.slice(0, 2).join(' | '),
    );
    assert.ok(found.includes('The Pitfalls of KV Cache Compression'));
  });

  it('ranks an exact title first even when its words are common', () => {
    assert.equal(titles('It Takes Two: Your GRPO Is Secretly DPO')[0], 'It Takes Two: Your GRPO Is Secretly DPO');
    assert.equal(titles('convolutional set transformer')[0], 'Convolutional Set Transformer');
  });

  it('ranks every paper of an exact title first, as papers sharing it come and go', () => {
    // Filler papers that mention the words a lot, and three that share one title.
    const filler = Array.from({ length: 30 }, (_, i) =>
      entry(
        `2601.${String(10000 + i)}`,
        `Sparse attention kernels study ${i}`,
        'Sparse attention kernels. '.repeat(20),
      ),
    );
    const twins = ['2601.20001', '2601.20002', '2601.20003'].map((id) =>
      entry(id, 'Sparse Attention Kernels', 'A short note.'),
    );
    const search = new ShelfSearch();
    search.setEntries([...filler, ...twins]);
    const top = (n: number) => search.search('sparse attention kernels', { limit: n }).map((r) => r.id);
    assert.deepEqual(new Set(top(3)), new Set(twins.map((t) => t.paper.id)));
    // One leaves, then a second: the others keep their exact-title rank (the index patched, as after an edit).
    assert.equal(search.update([...filler, twins[0]!, twins[2]!]), true);
    assert.deepEqual(new Set(top(2)), new Set([twins[0]!.paper.id, twins[2]!.paper.id]));
    assert.equal(search.update([...filler, twins[2]!]), true);
    assert.deepEqual(top(1), [twins[2]!.paper.id]);
    assert.equal(search.update([...filler, twins[2]!, twins[1]!]), true);
    assert.deepEqual(new Set(top(2)), new Set([twins[2]!.paper.id, twins[1]!.paper.id]));
  });

  it('ranks title words above summary words', () => {
    // "quantization" is in SINQ's title and only in other papers' summaries.
    const found = titles('quantization');
    assert.match(found[0], /Quantization/);
  });

  it('finds a paper by its cite key, exactly and case-insensitively', () => {
    const target = entries[7];
    assert.equal(ids(target.key)[0], target.paper.id);
    assert.equal(ids(target.key.toUpperCase())[0], target.paper.id);
  });

  it('finds papers by theme name', () => {
    const theme = entries[3].theme;
    const found = ids(theme, 50);
    assert.ok(found.includes(entries[3].paper.id));
  });

  it('returns nothing for an empty query or a word no paper has', () => {
    assert.deepEqual(ids(''), []);
    assert.deepEqual(ids('   '), []);
    assert.deepEqual(ids('zzyzxqvw'), []);
  });

  it('respects the limit and returns scores in decreasing order', () => {
    const results = index.search('language models', { limit: 7 });
    assert.equal(results.length, 7);
    for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score >= results[i].score);
    assert.equal(new Set(results.map((r) => r.id)).size, results.length);
  });

  it('ignores stop words but still answers a query made only of them', () => {
    assert.deepEqual(titles('the kv cache', 2), titles('kv cache', 2));
    assert.doesNotThrow(() => index.search('the of and'));
  });

  it('does not choke on hostile input', () => {
    for (const q of ['(((', '\\mname', '$x^2$', '"quoted"', '*', 'a'.repeat(5000), '🙂 emoji', 'ä ö ü']) {
      assert.doesNotThrow(() => index.search(q), q);
    }
  });

  it('related() gives five similar papers, not the paper itself', () => {
    const related = index.related('2510.00231', 5); // The Pitfalls of KV Cache Compression
    assert.equal(related.length, 5);
    assert.ok(!related.some((r) => r.id === '2510.00231'));
    assert.equal(byId.get(related[0].id)!.paper.title.includes('GUI-KV'), true, byId.get(related[0].id)!.paper.title);
  });

  it('related() of an RL paper is mostly RL papers', () => {
    const related = index.related('2510.01180', 5).map((r) => byId.get(r.id)!.paper);
    const rl = related.filter((p) => /reinforcement|\bRL\b/i.test(p.title + p.summary));
    assert.ok(rl.length >= 4, related.map((p) => p.title).join(' | '));
  });

  it('related() of an unknown id is empty', () => {
    assert.deepEqual(index.related('9999.99999'), []);
  });
});

describe('ShelfSearch behaviour', () => {
  it('replaces its entries on setEntries', () => {
    const s = new ShelfSearch();
    s.setEntries([entry('2501.00001', 'Alpha particles', 'About alpha.')]);
    assert.deepEqual(
      s.search('alpha').map((r) => r.id),
      ['2501.00001'],
    );
    s.setEntries([entry('2501.00002', 'Beta decay', 'About beta.')]);
    assert.deepEqual(s.search('alpha'), []);
    assert.deepEqual(
      s.search('beta').map((r) => r.id),
      ['2501.00002'],
    );
  });

  it('searches authors, tags and old-scheme ids', () => {
    const s = new ShelfSearch();
    s.setEntries([
      entry('hep-th/9901001', 'Strings', 'Text.', { authors: ['Edward Witten'], tags: ['classic'] }),
      entry('2501.00002', 'Other', 'Mentions witten only here.'),
    ]);
    assert.equal(s.search('witten')[0].id, 'hep-th/9901001');
    assert.equal(s.search('classic')[0].id, 'hep-th/9901001');
    assert.equal(s.search('arXiv:hep-th/9901001v2')[0].id, 'hep-th/9901001');
  });

  it('folds accents', () => {
    const s = new ShelfSearch();
    s.setEntries([entry('2501.00001', 'Schrödinger bridges', 'x')]);
    assert.equal(s.search('schrodinger')[0]?.id, '2501.00001');
    assert.equal(s.search('Schrödinger')[0]?.id, '2501.00001');
  });

  it('answers the old index while a sliced build runs, then the new one', () => {
    const s = new ShelfSearch();
    s.setEntries([entry('2501.00001', 'Alpha', 'x')]);
    const build = s.beginBuild(entries);
    assert.equal(build.total, 50);
    assert.equal(s.search('alpha')[0]?.id, '2501.00001');
    let steps = 0;
    while (!build.step(0)) steps++;
    assert.ok(steps > 0);
    assert.equal(build.indexed, 50);
    assert.equal(s.size, 50);
    assert.deepEqual(
      s.search('kv cache').map((r) => r.id),
      ids('kv cache'),
    );
  });

  it('restores a serialised index for the same entries and refuses one for others', () => {
    const data = index.serialize();
    const s = new ShelfSearch();
    assert.equal(s.restore(entries, data), true);
    for (const q of ['reinf', 'kv cache', 'reinforcment learning', '2510.01152']) {
      assert.deepEqual(s.search(q), index.search(q), q);
    }
    assert.deepEqual(s.related('2510.00231'), index.related('2510.00231'));
    const other = new ShelfSearch();
    assert.equal(other.restore(entries.slice(1), data), false);
    assert.equal(other.restore([...entries].reverse(), data), false);
    assert.equal(other.size, 0);
  });
});

// Keep the seeds file where the tests expect it (guards against moving it silently).
it('the seeds file exists', () => {
  assert.ok(fs.existsSync(path.join(REPO_ROOT, 'seeds', 'papers.txt')));
});
