import * as assert from 'node:assert/strict';
import {
  findArxivIdAt,
  findArxivIds,
  firstArxivId,
  formatArxivId,
  isNewScheme,
  normalizeArxivId,
  parseArxivId,
  submissionMonth,
} from '../../../src/core/arxiv/arxivId';

/** [text, id, version, form] of every match, for compact assertions. */
function found(text: string): [string, string, number | undefined, string][] {
  return findArxivIds(text).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text, 'match text slices back from the input');
    return [m.text, m.id, m.version, m.form];
  });
}

describe('arxivId', () => {
  describe('parseArxivId', () => {
    const cases: [string, string, number | undefined, 'new' | 'old'][] = [
      ['2510.01152', '2510.01152', undefined, 'new'],
      ['2510.01152v2', '2510.01152', 2, 'new'],
      ['0704.0001', '0704.0001', undefined, 'new'],
      ['1412.7999v12', '1412.7999', 12, 'new'],
      ['1501.00001', '1501.00001', undefined, 'new'],
      ['arXiv:2510.01152', '2510.01152', undefined, 'new'],
      ['arxiv:2510.01152v3', '2510.01152', 3, 'new'],
      ['ARXIV:2510.01152', '2510.01152', undefined, 'new'],
      ['arXiv 2510.01152', '2510.01152', undefined, 'new'],
      ['arxiv 2510.01152', '2510.01152', undefined, 'new'],
      ['arXiv: 2510.01152', '2510.01152', undefined, 'new'],
      ['  2510.01152  ', '2510.01152', undefined, 'new'],
      ['https://arxiv.org/abs/2510.01152', '2510.01152', undefined, 'new'],
      ['http://arxiv.org/abs/2510.01152v1', '2510.01152', 1, 'new'],
      ['https://www.arxiv.org/pdf/2510.01152', '2510.01152', undefined, 'new'],
      ['https://arxiv.org/pdf/2510.01152v2.pdf', '2510.01152', 2, 'new'],
      ['https://arxiv.org/pdf/2510.01152.pdf', '2510.01152', undefined, 'new'],
      ['https://export.arxiv.org/abs/2510.01152', '2510.01152', undefined, 'new'],
      ['https://arxiv.org/html/2510.01152v1', '2510.01152', 1, 'new'],
      ['arxiv.org/abs/2510.01152', '2510.01152', undefined, 'new'],
      ['HTTPS://ARXIV.ORG/ABS/2510.01152', '2510.01152', undefined, 'new'],
      ['10.48550/arXiv.2510.01152', '2510.01152', undefined, 'new'],
      ['https://doi.org/10.48550/arXiv.2510.01152', '2510.01152', undefined, 'new'],
      ['doi:10.48550/arXiv.2510.01152', '2510.01152', undefined, 'new'],
      ['hep-th/9901001', 'hep-th/9901001', undefined, 'old'],
      ['math.GT/0309136', 'math/0309136', undefined, 'old'],
      ['math.CA/0611800v2', 'math/0611800', 2, 'old'],
      ['cond-mat/0102536v1', 'cond-mat/0102536', 1, 'old'],
      ['cond-mat.mes-hall/0102536', 'cond-mat/0102536', undefined, 'old'],
      ['physics.acc-ph/0703001', 'physics/0703001', undefined, 'old'],
      ['alg-geom/9108001', 'alg-geom/9108001', undefined, 'old'],
      ['arXiv:hep-th/9901001', 'hep-th/9901001', undefined, 'old'],
      ['arXiv:math.GT/0309136v1', 'math/0309136', 1, 'old'],
      ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', undefined, 'old'],
      ['https://arxiv.org/pdf/hep-th/9901001v3.pdf', 'hep-th/9901001', 3, 'old'],
      ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136', undefined, 'old'],
      ['https://doi.org/10.48550/arXiv.hep-th/9901001', 'hep-th/9901001', undefined, 'old'],
      ['10.48550/arXiv.quant-ph/0703001', 'quant-ph/0703001', undefined, 'old'],
    ];
    for (const [text, id, version, scheme] of cases) {
      it(`reads ${JSON.stringify(text)}`, () => {
        const expected = version === undefined ? { id, scheme } : { id, version, scheme };
        assert.deepEqual(parseArxivId(text), expected);
        assert.equal(normalizeArxivId(text), id);
      });
    }

    const rejected = [
      '',
      'arXiv:',
      '2510.1152', // 4 digits after 1501
      '1412.12345', // 5 digits before 1501
      '0612.12345', // new scheme did not exist yet
      '0703.1234', // new scheme starts in 0704
      '2513.01234', // month 13
      '2500.01234', // month 00
      '2510.01152v0', // versions start at 1
      '2510.01152v', // dangling v
      '2510.011523', // one digit too many
      'x2510.01152',
      '2510.01152x',
      'foo/9901001', // not an archive
      'hep-th/9113001', // month 13
      'hep-th/9107001', // before August 1991
      'hep-th/0704001', // old scheme ended in March 2007
      'hep-th/990100', // six digits
      'hep-th/99010011', // eight digits
      'arXiv:2510.01152 and more',
      '2510.01152 2510.01153',
      'https://example.org/abs/2510.01152',
      'https://arxiv.org/list/2510.01152',
      'https://myarxiv.org/abs/2510.01152',
      '10.48551/arXiv.2510.01152',
    ];
    for (const text of rejected) {
      it(`rejects ${JSON.stringify(text)}`, () => {
        assert.equal(parseArxivId(text), undefined);
        assert.equal(normalizeArxivId(text), undefined);
      });
    }
  });

  describe('findArxivIds', () => {
    it('finds bare, prefixed, URL and DOI forms left to right with exact offsets', () => {
      const text =
        'See arXiv:2510.01152v2, https://arxiv.org/pdf/2509.26514.pdf and (2509.25162); ' +
        'also https://doi.org/10.48550/arXiv.2510.00225 and hep-th/9901001.';
      assert.deepEqual(found(text), [
        ['arXiv:2510.01152v2', '2510.01152', 2, 'prefixed'],
        ['https://arxiv.org/pdf/2509.26514.pdf', '2509.26514', undefined, 'url'],
        ['2509.25162', '2509.25162', undefined, 'bare'],
        ['https://doi.org/10.48550/arXiv.2510.00225', '2510.00225', undefined, 'doi'],
        ['hep-th/9901001', 'hep-th/9901001', undefined, 'bare'],
      ]);
      const [first] = findArxivIds(text);
      assert.equal(first.start, 4);
      assert.equal(first.end, 22);
    });

    it('takes each URL and DOI as one match', () => {
      assert.deepEqual(found('<https://export.arxiv.org/abs/math.GT/0309136v1>'), [
        ['https://export.arxiv.org/abs/math.GT/0309136v1', 'math/0309136', 1, 'url'],
      ]);
      assert.deepEqual(found('[paper](arxiv.org/abs/2510.01152)'), [
        ['arxiv.org/abs/2510.01152', '2510.01152', undefined, 'url'],
      ]);
      assert.deepEqual(found('doi = {10.48550/arXiv.2510.01152},'), [
        ['10.48550/arXiv.2510.01152', '2510.01152', undefined, 'doi'],
      ]);
    });

    it('accepts ids at the start and end of the text and before punctuation', () => {
      assert.deepEqual(found('2510.01152'), [['2510.01152', '2510.01152', undefined, 'bare']]);
      assert.deepEqual(found('ids: 2510.01152, 2510.01153; 2510.01154.'), [
        ['2510.01152', '2510.01152', undefined, 'bare'],
        ['2510.01153', '2510.01153', undefined, 'bare'],
        ['2510.01154', '2510.01154', undefined, 'bare'],
      ]);
      assert.deepEqual(found('file 2510.01152.pdf'), [['2510.01152', '2510.01152', undefined, 'bare']]);
    });

    const traps: [string, string][] = [
      ['version strings', 'version 3.2.1 and 1.2.3.4 and 2.10.1234'],
      ['decimals and prices', 'costs 1999.00, 1508.5 units, $2510.01 or $2510.01152'],
      ['impossible months', '2023.12345 and 2413.01234 and 2500.12345'],
      ['wrong digit count for the era', '2401.1234 and 0612.12345 and 1412.12345'],
      ['IP addresses', 'host 192.168.1.10 or 10.1501.12345.3'],
      ['ids glued to longer numbers and words', 'x2510.01152 2510.011523 12510.01152 2510.01152a _2510.01152'],
      ['ids inside dotted numbers', '1.2510.01152 and 2510.01152.3'],
      [
        'paths and foreign hosts',
        'src/2510.01152 https://example.org/abs/2510.01152 https://notarxiv.org/abs/2510.01152',
      ],
      [
        'old-scheme look-alikes',
        'foo/9901001 hep-th/9913001 hep-th/0704001 xhep-th/9901001 x-hep-th/9901001 hep-th/99010011',
      ],
      ['unicode letters glued on', 'é2510.01152 2510.01152é'],
      ['invalid versions', '2510.01152v0 2510.01152vx'],
    ];
    for (const [what, text] of traps) {
      it(`ignores ${what}`, () => assert.deepEqual(found(text), []));
    }

    it('finds ids next to Chinese and Japanese characters (no spaces between words there)', () => {
      assert.deepEqual(found('論文2510.01152を参照。arXiv:hep-th/9901001でも'), [
        ['2510.01152', '2510.01152', undefined, 'bare'],
        ['arXiv:hep-th/9901001', 'hep-th/9901001', undefined, 'prefixed'],
      ]);
      assert.deepEqual(found('见2509.26514v2。'), [['2509.26514v2', '2509.26514', 2, 'bare']]);
    });

    it('finds nothing in text without ids', () => {
      assert.deepEqual(findArxivIds(''), []);
      assert.deepEqual(findArxivIds('plain words only'), []);
    });

    it('finds the id under an offset', () => {
      const line = 'cite arXiv:2510.01152 here';
      assert.equal(findArxivIdAt(line, 5)?.id, '2510.01152');
      assert.equal(findArxivIdAt(line, 21)?.id, '2510.01152');
      assert.equal(findArxivIdAt(line, 2), undefined);
      assert.equal(findArxivIdAt(line, 23), undefined);
    });

    it('stays linear on long adversarial input', () => {
      const nasty = 'hep-th.'.repeat(2000) + '1234.'.repeat(5000) + 'a'.repeat(20000) + '/1234567'.repeat(2000);
      assert.deepEqual(findArxivIds(nasty), []);
    });
  });

  describe('helpers', () => {
    it('submissionMonth reads the month from new and old ids', () => {
      assert.equal(submissionMonth('2510.01152'), '2025-10');
      assert.equal(submissionMonth('0704.0001'), '2007-04');
      assert.equal(submissionMonth('arXiv:1501.00001v3'), '2015-01');
      assert.equal(submissionMonth('hep-th/9901001'), '1999-01');
      assert.equal(submissionMonth('alg-geom/9108001'), '1991-08');
      assert.equal(submissionMonth('math.GT/0309136'), '2003-09');
      assert.equal(submissionMonth('cs/0703001'), '2007-03');
      assert.equal(submissionMonth('not an id'), undefined);
      assert.equal(submissionMonth('2513.01152'), undefined);
    });

    it('formatArxivId appends the version only when there is one', () => {
      assert.equal(formatArxivId('2510.01152'), '2510.01152');
      assert.equal(formatArxivId('2510.01152', 2), '2510.01152v2');
      assert.equal(formatArxivId('hep-th/9901001', 1), 'hep-th/9901001v1');
    });

    it('isNewScheme tells the schemes apart', () => {
      assert.equal(isNewScheme('2510.01152'), true);
      assert.equal(isNewScheme('hep-th/9901001'), false);
      assert.equal(isNewScheme('garbage'), false);
    });
  });

  it('firstArxivId reads every id form (a search query naming a paper)', () => {
    assert.equal(firstArxivId('2510.01152'), '2510.01152');
    assert.equal(firstArxivId('arXiv:2510.01152v3'), '2510.01152');
    assert.equal(firstArxivId('https://arxiv.org/pdf/2510.01152v1.pdf'), '2510.01152');
    assert.equal(firstArxivId('math.GT/0309136'), 'math/0309136');
    assert.equal(firstArxivId('kv cache'), undefined);
    assert.equal(firstArxivId('12510.011523'), undefined);
  });

  it('firstArxivId checks the month and the number length, as every other reader does', () => {
    assert.equal(firstArxivId('2513.01152'), undefined, 'no 13th month');
    assert.equal(firstArxivId('2510.0115'), undefined, 'five digits since 2015');
    assert.equal(firstArxivId('1412.12345'), undefined, 'four digits until 2014');
    assert.equal(firstArxivId('foo/0309136'), undefined, 'an archive arXiv never had');
    assert.equal(firstArxivId('see 1706.03762 and 2510.01152'), '1706.03762');
  });
});
