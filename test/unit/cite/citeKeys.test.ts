import * as assert from 'node:assert/strict';
import { findCiteKeyAt, findCiteKeys } from '../../../src/core/cite/citeKeys';

function keys(text: string): [string, string][] {
  return findCiteKeys(text).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.key, 'offsets slice back to the key');
    return [m.key, m.style];
  });
}

describe('citeKeys', () => {
  describe('LaTeX', () => {
    it('finds keys in \\cite and its natbib/biblatex relatives', () => {
      assert.deepEqual(keys('as in \\cite{smith2020deep}.'), [['smith2020deep', 'latex']]);
      assert.deepEqual(keys('\\citep[see][p.~3]{a2020, b2021}'), [
        ['a2020', 'latex'],
        ['b2021', 'latex'],
      ]);
      assert.deepEqual(keys('\\citet*{x:y-z_1}'), [['x:y-z_1', 'latex']]);
      assert.deepEqual(
        keys(
          '\\parencite[12]{k1} \\textcite{k2} \\autocite{k3} \\footcite{k4} \\nocite{k5} \\citeauthor{k6} \\Cite{k7}',
        ).map((k) => k[0]),
        ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'],
      );
    });

    it('reads every key group of a biblatex multi-cite but only one group of \\cite', () => {
      assert.deepEqual(
        keys('\\cites(pre)(post)[a][b]{one}[c]{two,three}').map((k) => k[0]),
        ['one', 'two', 'three'],
      );
      assert.deepEqual(
        keys('\\cite{one}{not-a-key}').map((k) => k[0]),
        ['one'],
      );
    });

    it('takes the keys typed so far in an unclosed group', () => {
      assert.deepEqual(
        keys('\\cite{a2020, b20').map((k) => k[0]),
        ['a2020', 'b20'],
      );
    });

    it('ignores braces that are not a citation', () => {
      assert.deepEqual(keys('\\section{Intro} \\ref{fig:one} \\emph{x}'), []);
    });
  });

  describe('Pandoc', () => {
    it('finds bracketed, suppressed-author and in-text citations', () => {
      assert.deepEqual(keys('[@smith2020; -@doe99, p. 4] and @lee2021 says'), [
        ['smith2020', 'pandoc'],
        ['doe99', 'pandoc'],
        ['lee2021', 'pandoc'],
      ]);
    });

    it('keeps an in-text citation followed by a parenthesis', () => {
      assert.deepEqual(keys('as @lee2021 (p. 3) shows'), [['lee2021', 'pandoc']]);
    });

    it('drops trailing punctuation but keeps internal punctuation', () => {
      assert.deepEqual(keys('as @smith:2020.deep. shows'), [['smith:2020.deep', 'pandoc']]);
      assert.deepEqual(keys('@{odd key 1}'), [['odd key 1', 'pandoc']]);
    });

    it('does not take e-mail addresses for citations', () => {
      assert.deepEqual(keys('mail me@example.org or a@b'), []);
    });
  });

  describe('BibTeX', () => {
    it('finds the key of an entry head, not the entry type', () => {
      assert.deepEqual(keys('@misc{batonvoice2025,'), [['batonvoice2025', 'bibtex']]);
      assert.deepEqual(keys('  @Article( smith:2020-x ,  title = {A}'), [['smith:2020-x', 'bibtex']]);
      assert.deepEqual(keys('@article {k1,'), [['k1', 'bibtex']]);
    });

    it('ignores @string, @preamble and @comment', () => {
      assert.deepEqual(keys('@string{jmlr = "JMLR"}'), []);
      assert.deepEqual(keys('@comment{x, y}'), []);
    });
  });

  it('finds the key under an offset, end included', () => {
    const line = 'see \\cite{alpha,beta} and [@gamma]';
    assert.equal(findCiteKeyAt(line, line.indexOf('alpha'))?.key, 'alpha');
    assert.equal(findCiteKeyAt(line, line.indexOf('beta') + 4)?.key, 'beta');
    assert.equal(findCiteKeyAt(line, line.indexOf('gamma') + 2)?.key, 'gamma');
    assert.equal(findCiteKeyAt(line, 1), undefined);
  });
});
