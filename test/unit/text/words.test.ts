import * as assert from 'node:assert/strict';
import { foldAccents, tokenize } from '../../../src/core/text/words';

describe('text: words', () => {
  it('tokenize keeps new-scheme ids whole and lower-cases words', () => {
    assert.deepEqual(tokenize('See arXiv:2510.01152v2, KV-Cache!'), [
      'see',
      'arxiv',
      '2510.01152',
      'v2',
      'kv',
      'cache',
    ]);
  });

  it('tokenize folds accents and keeps words of any script', () => {
    assert.deepEqual(tokenize('Schrödinger Übersetzung naïve αβγ-Modell'), [
      'schrodinger',
      'ubersetzung',
      'naive',
      'αβγ',
      'modell',
    ]);
  });

  it('foldAccents drops every combining mark and unfolds compatibility forms', () => {
    assert.equal(foldAccents('Café Erdős Łódź'), 'Cafe Erdos Łodz');
    assert.equal(foldAccents('ﬁne x² ｆｕｌｌ'), 'fine x2 full');
    // Marks outside the basic diacritics block too (U+20D7 combining arrow, U+1DC4 macron-acute).
    assert.equal(foldAccents('a\u20d7b e\u1dc4'), 'ab e');
    assert.equal(foldAccents('plain ASCII, as it is'), 'plain ASCII, as it is');
  });
});
