import * as assert from 'node:assert/strict';
import { findArxivIds } from '../../../src/core/arxiv/arxivId';
import { findDocumentLinks, linkTarget, type DocumentLinkOptions } from '../../../src/core/present/documentLinks';

const ABS: DocumentLinkOptions = { target: 'abs' };

/** [linked text, canonical id, version, target] for each link, checking ranges agree with offsets. */
function links(text: string, options: DocumentLinkOptions = ABS): [string, string, number | undefined, string][] {
  const lines = text.split('\n');
  return findDocumentLinks(text, options).map((l) => {
    const lineText = lines[l.line]!.replace(/\r$/, '');
    assert.equal(
      lineText.slice(l.character, l.endCharacter),
      text.slice(l.start, l.end),
      'line/character range matches the offsets',
    );
    return [text.slice(l.start, l.end), l.id, l.version, l.target];
  });
}

describe('documentLinks', () => {
  describe('every form', () => {
    const forms: [string, string, string, number | undefined][] = [
      ['see arXiv:2510.01152.', 'arXiv:2510.01152', '2510.01152', undefined],
      ['see arxiv 2510.01152v2 here', 'arxiv 2510.01152v2', '2510.01152', 2],
      ['bare 2509.26514 id', '2509.26514', '2509.26514', undefined],
      ['new 4-digit era 0704.0001', '0704.0001', '0704.0001', undefined],
      ['old hep-th/9901001 id', 'hep-th/9901001', 'hep-th/9901001', undefined],
      ['old with class math.GT/0309136v1', 'math.GT/0309136v1', 'math/0309136', 1],
      ['<https://arxiv.org/abs/2510.01152v3>', 'https://arxiv.org/abs/2510.01152v3', '2510.01152', 3],
      ['pdf https://arxiv.org/pdf/2510.01152', 'https://arxiv.org/pdf/2510.01152', '2510.01152', undefined],
      ['pdf https://arxiv.org/pdf/2510.01152v1.pdf done', 'https://arxiv.org/pdf/2510.01152v1.pdf', '2510.01152', 1],
      ['html https://arxiv.org/html/2510.01152v2', 'https://arxiv.org/html/2510.01152v2', '2510.01152', 2],
      [
        'export http://export.arxiv.org/abs/2510.01152',
        'http://export.arxiv.org/abs/2510.01152',
        '2510.01152',
        undefined,
      ],
      ['old url https://arxiv.org/abs/hep-th/9901001v2', 'https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
      [
        'doi https://doi.org/10.48550/arXiv.2510.01152',
        'https://doi.org/10.48550/arXiv.2510.01152',
        '2510.01152',
        undefined,
      ],
      ['doi 10.48550/arXiv.2510.01152 bare', '10.48550/arXiv.2510.01152', '2510.01152', undefined],
    ];
    for (const [text, linked, id, version] of forms) {
      it(`links ${JSON.stringify(linked)}`, () => {
        const found = links(text);
        assert.equal(found.length, 1, JSON.stringify(found));
        const [got, gotId, gotVersion, target] = found[0]!;
        assert.equal(got, linked);
        assert.equal(gotId, id);
        assert.equal(gotVersion, version);
        assert.equal(target, `https://arxiv.org/abs/${id}${version ? `v${version}` : ''}`);
      });
    }
  });

  describe('traps', () => {
    const traps = [
      'version 3.2.1 and 10.2.3.4',
      'price 1999.00 and 1508.5 and 12.50',
      'impossible month 2023.12345 and 2400.12345',
      'wrong digits for the era 2401.1234 and 0612.12345 and 1412.12345',
      'before the scheme 0612.1234',
      'ip 192.168.1.1 and 10.0.0.1:8080',
      'glued x2510.01152 and 2510.011520 and 2510.01152.3',
      'not an archive foo/9901001 and hep-th/9913001',
      'phone 2510.0115 and date 2024.10.01',
    ];
    for (const text of traps) {
      it(`finds nothing in ${JSON.stringify(text)}`, () => assert.deepEqual(links(text), []));
    }
  });

  it('finds ids on the right lines of a multi-line document (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        '\\documentclass{article}',
        '% arXiv:2510.01152',
        '',
        'see 3.2.1 and hep-th/9901001 and',
        'https://arxiv.org/abs/2509.26514 end',
      ].join(eol);
      const found = findDocumentLinks(text, ABS);
      assert.deepEqual(
        found.map((l) => [l.line, l.character, l.endCharacter, l.id]),
        [
          [1, 2, 18, '2510.01152'],
          [3, 14, 28, 'hep-th/9901001'],
          [4, 0, 32, '2509.26514'],
        ],
      );
      for (const l of found)
        assert.equal(text.slice(l.start, l.end), text.split(eol)[l.line]!.slice(l.character, l.endCharacter));
    }
  });

  it('finds several ids on one line and ids on the first and last lines', () => {
    const text = '2510.01152 first\nmiddle arXiv:2509.26514, hep-th/9901001; math/0309136\nlast 0704.0001';
    assert.deepEqual(
      findDocumentLinks(text, ABS).map((l) => [l.line, l.id]),
      [
        [0, '2510.01152'],
        [1, '2509.26514'],
        [1, 'hep-th/9901001'],
        [1, 'math/0309136'],
        [2, '0704.0001'],
      ],
    );
  });

  it('returns nothing for empty or id-free text', () => {
    assert.deepEqual(findDocumentLinks('', ABS), []);
    assert.deepEqual(findDocumentLinks('no ids at all\njust words 1.2', ABS), []);
  });

  it('finds exactly what findArxivIds finds in the whole text', () => {
    const pieces = [
      'arXiv:2510.01152',
      'see 3.2.1',
      'hep-th/9901001v3',
      '1999.00',
      'https://arxiv.org/pdf/2509.26514v2.pdf',
      '2023.12345',
      'math.GT/0309136',
      '192.168.1.1',
      '10.48550/arXiv.2401.12345',
      'x2510.01152',
      '0704.0001',
      '',
    ];
    for (const eol of ['\n', '\r\n']) {
      const lines: string[] = [];
      for (let i = 0; i < 200; i++)
        lines.push(
          `${pieces[i % pieces.length]} and ${pieces[(i * 7) % pieces.length]}, ${pieces[(i * 5) % pieces.length]}`,
        );
      const text = lines.join(eol);
      assert.deepEqual(
        findDocumentLinks(text, ABS).map((l) => [l.start, l.end, l.id, l.version]),
        findArxivIds(text).map((m) => [m.start, m.end, m.id, m.version]),
      );
    }
  });

  describe('targets', () => {
    const onShelf = (id: string) => id === '2510.01152';
    it('links to the PDF when asked', () => {
      assert.deepEqual(linkTarget('2510.01152', 2, { target: 'pdf' }), {
        target: 'https://arxiv.org/pdf/2510.01152v2',
        tooltip: 'Open the PDF of arXiv:2510.01152v2',
      });
    });

    it('links shelf papers to the summary command, with the id as a JSON argument', () => {
      const [l] = links('arXiv:2510.01152v2', { target: 'summary', onShelf, summaryCommand: 'paperShelf.openSummary' });
      const target = l![3];
      assert.ok(target.startsWith('command:paperShelf.openSummary?'));
      assert.deepEqual(JSON.parse(decodeURIComponent(target.slice(target.indexOf('?') + 1))), ['2510.01152']);
    });

    it('falls back to the abs page for ids not on the shelf or without the command', () => {
      assert.equal(
        links('2509.26514', { target: 'summary', onShelf, summaryCommand: 'paperShelf.openSummary' })[0]![3],
        'https://arxiv.org/abs/2509.26514',
      );
      assert.equal(links('2510.01152', { target: 'summary', onShelf })[0]![3], 'https://arxiv.org/abs/2510.01152');
    });
  });
});
