import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { citeKeyProblem, isSafeCiteKey, MAX_CITE_KEY_LENGTH, shapeCiteKey } from '../../../src/core/cite/keyRules';
import { SAFE_KEY } from '../../support/hostileCorpus';

describe('cite/keyRules: keys LaTeX, BibTeX, biber and Pandoc read alike', () => {
  it('accepts ordinary keys of every common style', () => {
    for (const key of [
      'smith2025models',
      'Maldacena:1997re',
      'arxiv2510_01152',
      'hep-th/9901001',
      'Smith+2020',
      '2019ApJ.882',
      '_x',
    ])
      assert.equal(citeKeyProblem(key), undefined, key);
  });

  it('refuses what breaks a citation, and says why', () => {
    const cases: [string, RegExp][] = [
      ['nul\u0000key', /control character \(U\+0000\)/],
      ['x];@y', /"\]"/],
      ['$x^2$&y', /"\$"/],
      ['rtl\u200bkey', /invisible format character \(U\+200B\)/],
      ['\u202eyek', /U\+202E/],
      ['a b', /white space/],
      ['garcía', /non-ASCII/],
      ['a..b', /punctuation/],
      ['trailing.', /punctuation/],
      ['k'.repeat(MAX_CITE_KEY_LENGTH + 1), /65 characters long/],
      ['', /empty/],
    ];
    for (const [key, why] of cases) {
      assert.equal(isSafeCiteKey(key), false, key);
      assert.match(citeKeyProblem(key)!, why, key);
    }
  });

  it('shapeCiteKey makes a safe key (or nothing) out of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const key = shapeCiteKey(raw);
        assert.ok(key === '' || (SAFE_KEY.test(key) && key.length <= MAX_CITE_KEY_LENGTH), JSON.stringify(key));
      }),
    );
    assert.equal(shapeCiteKey('smith--2025::models..'), 'smith-2025:models');
    assert.equal(shapeCiteKey('a'.repeat(100), 60).length, 60);
  });
});
