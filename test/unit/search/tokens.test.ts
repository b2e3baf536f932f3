import * as assert from 'node:assert/strict';
import { normalizeTitle, titleKey } from '../../../src/core/search/tokens';
import { seedEntries } from '../../support/seedEntries';

describe('titleKey: a number for a normalised title', () => {
  // titleKey of an ASCII title reads it in place; of the normalised text it hashes what normalizeTitle
  // makes. The two agree exactly when the in-place reading splits words as tokenize does.
  const agree = (text: string) =>
    assert.equal(titleKey(text), titleKey(normalizeTitle(text)), `${JSON.stringify(text)} → ${normalizeTitle(text)}`);

  it('agrees with normalizeTitle on the edges of its word rule', () => {
    for (const text of [
      '',
      '...',
      ' A  b ',
      'GPT-4o: Scaling, Again!',
      'v1.0 and 2510.01152',
      'Ids: 2510.011523, 12345.678, a1234.5, 1234.x, 1234.',
      '2510.01152',
      'Tab\tand\nnew line',
      'UPPER lower MiXeD 42',
    ])
      agree(text);
  });

  it('agrees on every shipped title, and on random ASCII', () => {
    for (const e of seedEntries()) agree(e.paper.title);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'aB9.0 -:1234.56789xyZ\t';
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 30); k > 0; k--) text += alphabet[Math.floor(random() * alphabet.length)];
      agree(text);
    }
  });

  it('gives equal titles one key, accents and case folded; different ones different keys here', () => {
    assert.equal(titleKey('Schrödinger Bridges'), titleKey('schrodinger  BRIDGES'));
    assert.equal(titleKey('Attention Is All You Need'), titleKey('attention is all you need.'));
    const keys = new Set(seedEntries().map((e) => titleKey(e.paper.title)));
    assert.equal(keys.size, new Set(seedEntries().map((e) => normalizeTitle(e.paper.title))).size);
    for (const key of keys) assert.ok(Number.isInteger(key) && key >= 0 && key < 2 ** 30);
  });
});
