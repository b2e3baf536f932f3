import * as assert from 'node:assert/strict';
import { HASH_START, WordTable, copyOfRange, hashStep, hashWord } from '../../../src/core/text/wordTable';

describe('WordTable', () => {
  it('finds words where they stand in a text, by their hash', () => {
    const table = new WordTable();
    const text = 'the cache and the kv cache';
    assert.equal(table.find(text, 4, 9, hashWord('cache')), -1);
    const cache = table.add('cache', hashWord('cache'));
    const the = table.add('the', hashWord('the'));
    assert.deepEqual([cache, the], [0, 1]);
    assert.equal(table.find(text, 21, 26, hashWord('cache')), cache);
    assert.equal(table.find(text, 14, 17, hashWord('the')), the);
    assert.equal(table.find(text, 18, 20, hashWord('kv')), -1);
  });

  it('tells apart words whose hashes collide', () => {
    const table = new WordTable();
    table.add('alpha', 7);
    table.add('beta', 7);
    table.add('gamma', 7 + 4096);
    assert.equal(table.find('beta', 0, 4, 7), 1);
    assert.equal(table.find('alpha', 0, 5, 7), 0);
    assert.equal(table.find('gamma', 0, 5, 7 + 4096), 2);
    assert.equal(table.find('delta', 0, 5, 7), -1);
  });

  it('keeps every word findable as it grows', () => {
    const table = new WordTable();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    for (const w of words) table.add(w, hashWord(w));
    assert.equal(table.size, words.length);
    words.forEach((w, i) => assert.equal(table.find(` ${w} `, 1, w.length + 1, hashWord(w)), i));
  });

  it('hashes a word the same whole or a character at a time', () => {
    let h = HASH_START;
    for (const c of 'reasoning') h = hashStep(h, c.charCodeAt(0));
    assert.equal(h, hashWord('reasoning'));
  });

  it('copies a range without keeping the text', () => {
    assert.equal(copyOfRange('a kv cache', 2, 4), 'kv');
    assert.equal(copyOfRange('cache', 0, 5), 'cache');
  });
});
