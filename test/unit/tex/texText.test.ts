import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  escapeHtml,
  shortName,
  texToHtml,
  texToParagraphs,
  texToPlain,
  texToPlainLine,
} from '../../../src/core/tex/texText';
import { mathToText } from '../../../src/core/tex/texMath';
import { parseCollection } from '../../../src/core/collection/collection';
import { REPO_ROOT } from '../../support/paths';

describe('texText', () => {
  it("turns ``quotes'' into typographic quotes", () => {
    assert.equal(texToPlain("the ``conductor'' and the `plan'"), 'the “conductor” and the ‘plan’');
  });

  it('renders **bold** as strong spans and drops the markers in plain text', () => {
    const text = '**T**hinking-**F**ree (**TFPI**)';
    assert.equal(texToPlain(text), 'Thinking-Free (TFPI)');
    assert.deepEqual(texToParagraphs(text)[0], [
      { kind: 'strong', text: 'T' },
      { kind: 'text', text: 'hinking-' },
      { kind: 'strong', text: 'F' },
      { kind: 'text', text: 'ree (' },
      { kind: 'strong', text: 'TFPI' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('rewrites $math$ as readable text and marks it as math', () => {
    assert.equal(
      texToPlain('cost $O(n^{2})$ with $\\alpha \\leq \\frac{1}{2}$ on $\\mathbb{R}^d$'),
      'cost O(n²) with α ≤ 1/2 on ℝ^d',
    );
    assert.deepEqual(texToParagraphs('a $x_i^2$ b')[0], [
      { kind: 'text', text: 'a ' },
      { kind: 'math', text: 'xᵢ²' },
      { kind: 'text', text: ' b' },
    ]);
    assert.equal(mathToText('\\sqrt{x+1} \\times 10^{-3}'), '√(x+1) × 10⁻³');
  });

  it('leaves a lone dollar sign alone', () => {
    assert.equal(texToPlain('costs $5 per month'), 'costs $5 per month');
  });

  it('shows author macros as the paper name, or at least without the backslash', () => {
    const text = 'we built \\mname, and our new \\benchname; \\DisORM beats \\GenPRM.';
    assert.equal(
      texToPlain(text, { name: 'EditReward' }),
      'we built EditReward, and our new benchmark; DisORM beats GenPRM.',
    );
    assert.equal(texToPlain('\\mname{} works'), 'mname works');
    assert.doesNotMatch(texToPlain(text), /\\/);
  });

  it('handles escapes, symbols, dashes, font switches and style macros', () => {
    assert.equal(
      texToPlain('over 99\\% \\& \\textgreater 96\\%, a--b---c, {\\small tiny} \\emph{e} \\textbf{b}'),
      'over 99% & > 96%, a–b—c, tiny e b',
    );
    assert.equal(texToPlain('-p^{10} and 256times256 images'), '-p¹⁰ and 256×256 images');
    assert.equal(
      texToHtml('\\emph{e} \\texttt{x_y} {\\bf b}'),
      '<p><em>e</em> <code>x_y</code> <strong>b</strong></p>',
    );
  });

  it('turns URLs into links, and shows a URL written twice in a row once', () => {
    const text = 'at https://github.com/db-Lee/Multi-RM{\\small\\texttt{https://github.com/db-Lee/Multi-RM}} to help.';
    assert.equal(texToPlain(text), 'at https://github.com/db-Lee/Multi-RM to help.');
    assert.equal(texToHtml('see https://x.org/a_b.'), '<p>see <a href="https://x.org/a_b">https://x.org/a_b</a>.</p>');
    assert.equal(texToHtml('\\href{javascript:alert(1)}{click}'), '<p>click</p>');
  });

  it("keeps paragraphs, from blank lines or the seeds' three spaces", () => {
    assert.equal(texToParagraphs('one.\n\ntwo.').length, 2);
    assert.equal(texToParagraphs('one.   two.').length, 2);
    assert.equal(texToPlain('one.   two.'), 'one.\n\ntwo.');
    assert.equal(texToPlainLine('a\n\nb'), 'a b');
  });

  it('never lets markup through: escaped output holds no raw < or unescaped quotes', () => {
    const hostile =
      '<img src=x onerror="alert(1)"> $<script>$ **<b>** \\textbf{<i>} `x\' https://a.b/"onmouseover=1 \\href{https://ok.org/"><script>}{<b>}';
    const html = texToHtml(hostile);
    const withoutTags = html.replace(/<\/?(p|strong|em|code|span class="math"|span|a|a href="[^"<>]*")>/g, '');
    assert.doesNotMatch(withoutTags, /[<>"]/);
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    assert.equal(escapeHtml(`<a href='x'>&"`), '&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('survives unbalanced and deeply nested input', () => {
    assert.equal(texToPlain('{{{{a'), 'a');
    assert.equal(texToPlain('a}}} b \\'), 'a b');
    const deep = '{'.repeat(500) + 'x' + '}'.repeat(500);
    assert.equal(texToPlain(deep), 'x');
    assert.equal(texToPlain('$$ a^{ $'), '$$ a^ $');
  });

  it('takes the short name from a title', () => {
    assert.equal(shortName('EditReward: A Human-Aligned Reward Model for Image Editing'), 'EditReward');
    assert.equal(shortName('VLM-FO1: Bridging the Gap'), 'VLM-FO1');
    assert.equal(shortName('Making, not Taking, the Best of N'), undefined);
    assert.equal(shortName('we study the following question in depth: why'), undefined);
  });

  it('leaves no TeX in the plain text of any seed summary', () => {
    const seeds = readFileSync(path.join(REPO_ROOT, 'seeds', 'papers.txt'), 'utf8');
    for (const p of parseCollection(seeds, 'seeds/papers.txt').papers) {
      const plain = texToPlain(p.summary, { name: shortName(p.title) });
      assert.doesNotMatch(plain, /\\[a-zA-Z]|``|''|\*\*|\{|\}/, `${p.id}: ${plain.slice(0, 80)}`);
    }
  });
});
