import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TermDictionary } from '../../../src/core/search/termDictionary';

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

const dictionaryOf = (words: string[]) => new TermDictionary([...new Set(words)].sort());

describe('TermDictionary', () => {
  const dict = dictionaryOf([
    'model',
    'models',
    'modeling',
    'mode',
    'reinforce',
    'reinforcement',
    'rein',
    'learning',
    'a',
    'kv',
  ]);

  it('finds exact words by binary search', () => {
    assert.equal(dict.terms[dict.get('models')!], 'models');
    assert.equal(dict.get('modelz'), undefined);
    assert.equal(dict.get(''), undefined);
    assert.equal(dict.terms[dict.get('a')!], 'a');
  });

  it('gives the contiguous range of words a prefix begins', () => {
    const [start, end] = dict.prefixRange('model');
    assert.deepEqual(dict.terms.slice(start, end), ['model', 'modeling', 'models']);
    const [s2, e2] = dict.prefixRange('zzz');
    assert.equal(e2 - s2, 0);
  });

  it('finds words within an edit distance', () => {
    const found = dict.fuzzy('reinforcment', 2).map(({ termId, distance }) => [dict.terms[termId], distance]);
    assert.deepEqual(found, [['reinforcement', 1]]);
    // 'modle' is one deletion from 'mode', a transposition (two edits) from 'model', and
    // two edits from 'models' (insert 'e', 'e' -> 's').
    assert.deepEqual(
      dict.fuzzy('modle', 1).map((f) => dict.terms[f.termId]),
      ['mode'],
    );
    assert.deepEqual(
      dict
        .fuzzy('modle', 2)
        .map((f) => dict.terms[f.termId])
        .sort(),
      ['mode', 'model', 'models'],
    );
  });

  it('keeps the first letters when asked to', () => {
    const d = dictionaryOf(['model', 'yodel', 'modal', 'nodes']);
    assert.deepEqual(
      d.fuzzy('model', 1).map((f) => d.terms[f.termId]),
      ['modal', 'model', 'yodel'],
    );
    assert.deepEqual(
      d.fuzzy('model', 1, 1).map((f) => d.terms[f.termId]),
      ['modal', 'model'],
    );
  });

  it('agrees with a brute-force Levenshtein on random dictionaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[abc]{0,6}$/), { minLength: 1, maxLength: 40 }),
        fc.stringMatching(/^[abc]{0,6}$/),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        (words, query, max, prefixLength) => {
          const d = dictionaryOf(words);
          const got = d.fuzzy(query, max, prefixLength).map((f) => `${d.terms[f.termId]}:${f.distance}`);
          const expected = d.terms
            .filter((w) => levenshtein(w, query) <= max && w.startsWith(query.slice(0, prefixLength)))
            .map((w) => `${w}:${levenshtein(w, query)}`);
          assert.deepEqual(got, expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
