import * as assert from 'node:assert/strict';
import {
  citationEdit,
  citeCompletionContext,
  citeDialect,
  formatLink,
  latexCiteGroupAt,
  linkDialect,
  normalizeCiteCommand,
  pandocCiteGroupAt,
} from '../../../src/core/cite/citeFormat';

/** Applies an edit to the line, with '|' marking the cursor (or two '|' a selection). */
function cite(dialect: 'latex' | 'pandoc', marked: string, keys: string[], command = 'cite'): string {
  const start = marked.indexOf('|');
  const second = marked.indexOf('|', start + 1);
  const line = marked.replace(/\|/g, '');
  const end = second < 0 ? start : second - 1;
  const edit = citationEdit(dialect, line, start, end, keys, command);
  return line.slice(0, edit.start) + edit.text + line.slice(edit.end);
}

describe('citeFormat', () => {
  it('knows each language family', () => {
    assert.equal(citeDialect('latex'), 'latex');
    assert.equal(citeDialect('markdown'), 'pandoc');
    assert.equal(citeDialect('quarto'), 'pandoc');
    assert.equal(citeDialect('rmd'), 'pandoc');
    assert.equal(citeDialect('bibtex'), 'bibtex');
    assert.equal(citeDialect('plaintext', '/x/refs.bib'), 'bibtex');
    assert.equal(citeDialect('python'), 'link');
    assert.equal(linkDialect('restructuredtext'), 'rst');
    assert.equal(linkDialect('typescript'), 'bare');
    assert.equal(linkDialect('plaintext'), 'plain');
  });

  describe('LaTeX', () => {
    it('inserts a new \\cite with the configured command, replacing a selection', () => {
      assert.equal(cite('latex', 'As shown |here|.', ['a2025x']), 'As shown \\cite{a2025x}.');
      assert.equal(cite('latex', 'See |.', ['a', 'b'], 'citep'), 'See \\citep{a,b}.');
      assert.equal(cite('latex', 'See |.', ['a'], '\\autocite'), 'See \\autocite{a}.');
      assert.equal(normalizeCiteCommand('bad command{'), 'cite');
      assert.equal(normalizeCiteCommand('citet*'), 'citet*');
    });

    it('adds the key after a comma inside an existing citation', () => {
      assert.equal(cite('latex', 'x \\cite{a|} y', ['b']), 'x \\cite{a,b} y');
      assert.equal(cite('latex', 'x \\citep[p.~3]{a|} y', ['b']), 'x \\citep[p.~3]{a,b} y');
      assert.equal(cite('latex', 'x \\cite{|} y', ['b']), 'x \\cite{b} y');
      assert.equal(cite('latex', 'x \\cite{a|, c} y', ['b']), 'x \\cite{a,b, c} y');
      assert.equal(cite('latex', 'x \\cite{ab|cd,e}', ['b']), 'x \\cite{abcd,b,e}');
      assert.equal(cite('latex', 'x \\textcite{a,|', ['b']), 'x \\textcite{a,b');
    });

    it('does not repeat a key the citation already has', () => {
      assert.equal(cite('latex', '\\cite{a,b|}', ['b']), '\\cite{a,b}');
      assert.equal(cite('latex', '\\cite{a|}', ['a', 'c']), '\\cite{a,c}');
    });

    it('replaces a selected key inside a citation', () => {
      assert.equal(cite('latex', '\\cite{a,|old|}', ['new']), '\\cite{a,new}');
    });

    it('is not fooled by a closed citation before the cursor', () => {
      assert.equal(cite('latex', '\\cite{a} and |', ['b']), '\\cite{a} and \\cite{b}');
      assert.equal(latexCiteGroupAt('\\cite{a} x', 9), undefined);
    });
  });

  describe('Pandoc', () => {
    it('inserts [@key] and [@a; @b]', () => {
      assert.equal(cite('pandoc', 'As shown |.', ['a']), 'As shown [@a].');
      assert.equal(cite('pandoc', '|old|', ['a', 'b']), '[@a; @b]');
    });

    it('adds "; @key" inside an existing citation', () => {
      assert.equal(cite('pandoc', 'x [@a|] y', ['b']), 'x [@a; @b] y');
      assert.equal(cite('pandoc', 'x [see @a, p. 3|; @c] y', ['b']), 'x [see @a, p. 3; @b; @c] y');
      assert.equal(cite('pandoc', 'x [@a |]', ['b']), 'x [@a; @b ]');
      assert.equal(cite('pandoc', 'x [@a|]', ['a']), 'x [@a]');
    });

    it('does not treat links or e-mail brackets as citations', () => {
      assert.equal(pandocCiteGroupAt('[a link](x) |', 13), undefined);
      assert.equal(cite('pandoc', '[text |here]', ['k']), '[text [@k]here]');
    });
  });

  describe('links', () => {
    const url = 'https://arxiv.org/abs/2510.01152';
    it("writes each markup's idiom and escapes the title", () => {
      assert.equal(formatLink('markdown', 'A [b] *c*', url), `[A \\[b\\] \\*c\\*](${url})`);
      assert.equal(formatLink('latex', '100% & more', url), `\\href{${url}}{100\\% \\& more}`);
      assert.equal(formatLink('rst', 'A <b>', url), `\`A \\<b\\> <${url}>\`__`);
      assert.equal(formatLink('asciidoc', 'A [b]', url), `${url}[A [b\\]]`);
      assert.equal(formatLink('org', 'A [b]', url), `[[${url}][A (b)]]`);
      assert.equal(formatLink('html', 'A <b> & "c"', url), `<a href="${url}">A &lt;b&gt; &amp; &quot;c&quot;</a>`);
      assert.equal(formatLink('plain', 'Title', url), `Title <${url}>`);
      assert.equal(formatLink('bare', 'Title', url), url);
      assert.equal(formatLink('typst', 'A #b', url), `#link("${url}")[A \\#b]`);
    });

    it('keeps a URL from ending early', () => {
      assert.equal(formatLink('markdown', 't', 'https://x.org/a b)'), '[t](https://x.org/a%20b%29)');
    });
  });

  describe('completion context', () => {
    it('finds the partial key inside \\cite{', () => {
      assert.deepEqual(citeCompletionContext('latex', '\\citep{abc,pa', 13), {
        dialect: 'latex',
        start: 11,
        prefix: 'pa',
        existing: ['abc', 'pa'],
      });
      assert.deepEqual(citeCompletionContext('latex', '\\cite{', 6)?.prefix, '');
      assert.equal(citeCompletionContext('latex', 'no cite here', 5), undefined);
    });

    it('finds the key after @ in Pandoc, but not in e-mail addresses', () => {
      assert.equal(citeCompletionContext('pandoc', 'see [@pay', 9)?.prefix, 'pay');
      assert.equal(citeCompletionContext('pandoc', 'see @', 5)?.prefix, '');
      assert.equal(citeCompletionContext('pandoc', '[-@x', 4)?.prefix, 'x');
      assert.equal(citeCompletionContext('pandoc', 'mail me@example', 15), undefined);
      assert.equal(citeCompletionContext('link', '@x', 2), undefined);
    });
  });
});
