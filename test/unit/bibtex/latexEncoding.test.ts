import * as assert from 'node:assert/strict';
import { encodeBibtexAuthors, encodeBibtexText } from '../../../src/core/bibtex/latexEncoding';

describe('bibtex: LaTeX encoding', () => {
  describe('encodeBibtexText', () => {
    it('escapes the characters LaTeX and bibtex treat specially', () => {
      assert.equal(encodeBibtexText('100% & #1 _x_ $5 a^b'), '100\\% \\& \\#1 \\_x\\_ \\$5 a{\\textasciicircum}b');
      assert.equal(encodeBibtexText('ends with \\'), 'ends with {\\textbackslash}');
      assert.equal(encodeBibtexText('only { opens'), 'only {\\textbraceleft} opens');
      assert.equal(encodeBibtexText('{grouped} but } closes'), 'grouped but {\\textbraceright} closes');
    });

    it('keeps braces balanced whatever the input', () => {
      for (const s of ['{', '}', '}{', '{{}', '\\{', '$\\frac{a}{$', "\\'{", 'x\\']) {
        let depth = 0;
        for (const c of encodeBibtexText(s, { protectCase: true })) {
          depth += c === '{' ? 1 : c === '}' ? -1 : 0;
          assert.ok(depth >= 0, s);
        }
        assert.equal(depth, 0, s);
      }
    });

    it('protects acronyms and CamelCase, not ordinary capitalised words', () => {
      assert.equal(
        encodeBibtexText('BatonVoice: Steering LLMs with GPT-4 in 3D', { protectCase: true }),
        '{BatonVoice:} Steering {LLMs} with {GPT-4} in {3D}',
      );
      assert.equal(encodeBibtexText('A Part B Study', { protectCase: true }), 'A Part {B} Study');
    });

    it('writes accents as TeX commands, Greek as math and other scripts as braced UTF-8', () => {
      assert.equal(encodeBibtexText('Café Łódź naïve'), "Caf{\\'{e}} {\\L}{\\'{o}}d{\\'{z}} na{\\\"{i}}ve");
      assert.equal(encodeBibtexText('αβ-nets'), '{$\\alpha$}{$\\beta$}-nets');
      assert.equal(encodeBibtexText('深度学习 model'), '{\\relax 深度学习} model');
    });

    it('understands TeX already in the title and keeps ordinary math', () => {
      assert.equal(encodeBibtexText('Schr\\"odinger \\& $O(n\\log n)$'), 'Schr{\\"{o}}dinger \\& {$O(n\\log n)$}');
      assert.equal(encodeBibtexText('with $\\mname$ inside'), 'with \\${\\textbackslash}mname\\$ inside');
    });

    it('braces a collaboration name so "and" does not split it', () => {
      assert.equal(
        encodeBibtexAuthors(['José Núñez', 'Research and Development Team']),
        "Jos{\\'{e}} N{\\'{u}}{\\~{n}}ez and {Research and Development Team}",
      );
    });
  });
});
