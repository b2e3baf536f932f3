import * as assert from 'node:assert/strict';
import {
  asciiWord,
  assignKeys,
  baseKey,
  clashSuffix,
  DEFAULT_KEY_PATTERN,
  significantTitleWords,
  surnameOf,
  validateKeyPattern,
} from '../../../src/core/cite/keys';
import type { Paper } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';

function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return makePaper({ id, title, ...extra });
}

describe('cite keys', () => {
  describe('baseKey', () => {
    it('uses the first significant title word in place of a missing author', () => {
      assert.equal(
        baseKey(paper('2510.01152', 'Pay-Per-Search Models are Abstention Models')),
        'paypersearch2025models',
      );
    });

    it("uses the first author's surname, the year and two title words when authors are known", () => {
      const p = paper('2510.01152', 'Pay-Per-Search Models are Abstention Models', {
        authors: ['Mustafa Omer Gul', 'Claire Cardie'],
      });
      assert.equal(baseKey(p), 'gul2025paypersearchmodels');
    });

    it('folds accents and handles "Last, First", particles and suffixes', () => {
      assert.equal(surnameOf('Gabriel García Márquez'), 'marquez');
      assert.equal(surnameOf('García Márquez, Gabriel'), 'garciamarquez');
      assert.equal(surnameOf('van der Berg, Jan'), 'berg');
      assert.equal(surnameOf('Martin Luther King Jr.'), 'king');
      assert.equal(surnameOf('Łukasz Kaiser'), 'kaiser');
      assert.equal(surnameOf('Jürgen Schmidhuber'), 'schmidhuber');
      assert.equal(surnameOf('Paweł Łęcki'), 'lecki');
    });

    it('skips stop words, numbers, math and TeX macros in titles', () => {
      assert.deepEqual(significantTitleWords('On the $O(n)$ Limits of \\mname for 3 Tasks'), ['limits', 'tasks']);
      assert.deepEqual(significantTitleWords('Schrödinger Bridges'), ['schrodinger', 'bridges']);
    });

    it('takes the year from the id, else from the published date', () => {
      assert.equal(baseKey(paper('hep-th/9901001', 'Strings', { authors: ['E. Witten'] })), 'witten1999strings');
      assert.equal(baseKey(paper('2509.25162', 'Aligning Visual Foundation Encoders'), '[auth][yy]'), 'aligning25');
    });

    it('follows a pattern with literal text and capitalised tokens', () => {
      const p = paper('2509.26514', 'BatonVoice: An Operationalist Framework', { authors: ['Yue Wang'] });
      assert.equal(baseKey(p, '[Auth]:[Title3]-[year]'), 'Wang:BatonvoiceOperationalistFramework-2025');
      assert.equal(baseKey(p, '[id]'), 'arxiv2509_26514');
      assert.equal(baseKey(p, 'x[title]!'), 'xbatonvoice');
    });

    it('falls back to the id when a title yields no ASCII word', () => {
      assert.equal(baseKey(paper('2501.00001', '深度学习 Ωμέγα')), 'arxiv2501_00001');
      assert.equal(baseKey(paper('2501.00001', '深度学习'), '[title]'), 'arxiv2501_00001');
    });

    it('the default pattern is documented as [auth][year][title2]', () => {
      assert.equal(DEFAULT_KEY_PATTERN, '[auth][year][title2]');
    });
  });

  describe('validateKeyPattern', () => {
    it('accepts the documented tokens and reports others', () => {
      assert.deepEqual(validateKeyPattern('[auth][year][title2][Title3][yy][id][Auth]'), []);
      assert.equal(validateKeyPattern('[author][year]').length, 1);
      assert.equal(validateKeyPattern('[auth').length, 1);
    });
  });

  describe('assignKeys', () => {
    const a = paper('2501.00002', 'Deep Nets Work');
    const b = paper('2501.00001', 'Deep Nets Fail');
    const c = paper('2501.00003', 'Deep Nets Again');

    it('gives unique keys with a, b suffixes in id order, independent of input order', () => {
      const one = assignKeys([a, b, c]);
      const two = assignKeys([c, a, b]);
      assert.deepEqual([...one.entries()].sort(), [...two.entries()].sort());
      assert.equal(one.get('2501.00001'), 'deep2025nets');
      assert.equal(one.get('2501.00002'), 'deep2025netsa');
      assert.equal(one.get('2501.00003'), 'deep2025netsb');
    });

    it('keeps pinned keys even when another paper would take them', () => {
      const keys = assignKeys([a, b], new Map([['2501.00002', 'deep2025nets']]));
      assert.equal(keys.get('2501.00002'), 'deep2025nets');
      assert.equal(keys.get('2501.00001'), 'deep2025netsa');
    });

    it('never hands a suffixed key to a paper whose base key it is', () => {
      const x = paper('2501.00010', 'Deep Nets');
      const y = paper('2501.00011', 'Deep Nets');
      const z = paper('2501.00012', 'Deep Netsa'); // base key deep2025netsa
      const keys = assignKeys([x, y, z]);
      assert.equal(keys.get('2501.00012'), 'deep2025netsa');
      assert.equal(keys.get('2501.00011'), 'deep2025netsb');
      assert.equal(new Set(keys.values()).size, 3);
    });

    it('gives 30 identical titles 30 distinct keys', () => {
      const many = Array.from({ length: 30 }, (_, i) => paper(`2501.${String(i).padStart(5, '0')}`, 'Same Title'));
      const keys = assignKeys(many);
      assert.equal(new Set(keys.values()).size, 30);
      assert.equal(keys.get('2501.00029'), `same2025title${clashSuffix(28)}`);
    });

    it('keys thousands of clashing papers, all distinct, suffixes in id order', () => {
      const many = Array.from({ length: 3000 }, (_, i) => paper(`2501.${String(i).padStart(5, '0')}`, 'Same Title'));
      const keys = assignKeys([...many].reverse());
      assert.equal(new Set(keys.values()).size, 3000);
      assert.equal(keys.get('2501.00000'), 'same2025title');
      assert.equal(keys.get('2501.02999'), `same2025title${clashSuffix(2998)}`);
    });

    it('keeps the first of two papers pinned to the same key and re-keys the other', () => {
      const keys = assignKeys(
        [a, b],
        new Map([
          ['2501.00001', 'mine'],
          ['2501.00002', 'mine'],
        ]),
      );
      assert.equal(keys.get('2501.00001'), 'mine');
      assert.equal(keys.get('2501.00002'), 'deep2025nets');
    });

    it('counts suffixes a..z, aa, ab', () => {
      assert.deepEqual([0, 1, 25, 26, 27].map(clashSuffix), ['a', 'b', 'z', 'aa', 'ab']);
    });
  });

  it('folds accents with the shared rule: ligatures and compatibility forms keep their letters', () => {
    assert.equal(asciiWord('Schrödinger'), 'Schrodinger');
    assert.equal(asciiWord('Łódź'), 'Lodz');
    assert.equal(asciiWord('ﬁne-tuning'), 'finetuning');
    assert.equal(asciiWord('ｆｕｌｌ²'), 'full2');
  });
});
