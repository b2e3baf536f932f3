import * as assert from 'node:assert/strict';
import {
  arxivIdOfBibEntry,
  encodeBibtexAuthors,
  encodeBibtexText,
  formatBibtexEntry,
  isValidBibKey,
  latexToText,
  parseBibtex,
} from '../../../src/core/bibtex/bibtex';
import type { Paper } from '../../../src/core/model/types';

const paper: Paper = {
  id: '2510.01152',
  title: 'Pay-Per-Search Models are Abstention Models',
  summary: '',
  pdfUrl: 'https://arxiv.org/pdf/2510.01152',
  authors: [],
  categories: [],
  tags: [],
  extra: {},
  source: { file: '', line: 1, column: 1 },
};

describe('bibtex', () => {
  describe('formatBibtexEntry', () => {
    it("writes arXiv's @misc fields in arXiv's order, with a key field when there are no authors", () => {
      assert.equal(
        formatBibtexEntry({ paper, key: 'paypersearch2025models' }),
        [
          '@misc{paypersearch2025models,',
          '  title = {Pay-Per-Search Models are Abstention Models},',
          '  key = {Pay-Per-Search Models are Abstention Models},',
          '  year = {2025},',
          '  eprint = {2510.01152},',
          '  archivePrefix = {arXiv},',
          '  url = {https://arxiv.org/abs/2510.01152},',
          '}',
        ].join('\n'),
      );
    });

    it('writes authors, the primary class, a journal DOI and the latest version year; follows the line ending', () => {
      const text = formatBibtexEntry(
        {
          paper: {
            ...paper,
            authors: ['Ada Lovelace', 'Alan Turing'],
            categories: ['cs.CL', 'cs.AI'],
            doi: '10.1000/xyz',
            updated: '2026-01-02',
          },
          key: 'k',
        },
        { eol: '\r\n' },
      );
      assert.match(
        text,
        /^@misc\{k,\r\n {2}title = \{.*\},\r\n {2}author = \{Ada Lovelace and Alan Turing\},\r\n {2}year = \{2026\},\r\n/,
      );
      assert.match(text, /primaryClass = \{cs\.CL\},\r\n {2}doi = \{10\.1000\/xyz\},\r\n {2}url = /);
      assert.doesNotMatch(text, /key = /);
      assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/);
    });

    it("leaves out arXiv's own DOI and DOIs that would break the file", () => {
      assert.doesNotMatch(
        formatBibtexEntry({ paper: { ...paper, doi: '10.48550/arXiv.2510.01152' }, key: 'k' }),
        /doi/,
      );
      assert.doesNotMatch(formatBibtexEntry({ paper: { ...paper, doi: '10.1/a}b' }, key: 'k' }), /doi/);
    });
  });

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
      assert.equal(encodeBibtexText('深度学习 model'), '{深度学习} model');
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

  describe('latexToText', () => {
    it('turns a field back into plain text', () => {
      assert.equal(latexToText("{BERT}: Caf{\\'e} \\& {\\textbackslash} \\emph{x}"), 'BERT: Café & \\ x');
      const hostile = '100% & x_1 } { Łódź #2 ^ <b> \\';
      assert.equal(latexToText(encodeBibtexText(hostile, { protectCase: true })), hostile);
    });
  });

  describe('parseBibtex', () => {
    const text = [
      '% a comment with @misc{not, an entry}',
      '@String{ acl = "Proc. of ACL" }',
      '@Article{vaswani2017,',
      '  title = {Attention Is {All} You Need},',
      '  journal = acl # " 2017",',
      '  month = jun, year = 2017,',
      '  note = {arXiv preprint arXiv:1706.03762}',
      '}',
      '@misc(paren, eprint = "2510.01152v2", archivePrefix = {arXiv})',
      '@comment{ @misc{hidden, title={x}} }',
      '@misc{broken, title = {never closed',
      '@misc{after, url = {https://arxiv.org/abs/hep-th/9901001}}',
    ].join('\n');
    const result = parseBibtex(text, 'refs.bib');

    it('reads entries, keys, fields, macros and concatenations', () => {
      assert.deepEqual(
        result.entries.map((e) => e.key),
        ['vaswani2017', 'paren', 'broken', 'after'],
      );
      const first = result.entries[0]!;
      assert.equal(first.type, 'article');
      assert.equal(first.fields['title'], 'Attention Is {All} You Need');
      assert.equal(first.fields['journal'], 'Proc. of ACL 2017');
      assert.equal(first.fields['month'], 'June');
      assert.equal(first.fields['year'], '2017');
      assert.equal(text.slice(first.start, first.end), text.split('\n').slice(2, 8).join('\n'));
      assert.equal(text.slice(first.keyStart, first.keyEnd), 'vaswani2017');
      assert.deepEqual(first.location, { line: 3, column: 1 });
    });

    it('reports a broken entry and carries on with the next one', () => {
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0]!.severity, 'error');
      assert.equal(result.problems[0]!.location.file, 'refs.bib');
      assert.equal(result.entries[3]!.fields['url'], 'https://arxiv.org/abs/hep-th/9901001');
    });

    it('warns about duplicate keys and unknown macros', () => {
      const r = parseBibtex('@misc{a, x = nope}\n@misc{a, y = 1}');
      assert.deepEqual(
        r.problems.map((p) => p.code),
        ['bib-unknown-macro', 'bib-duplicate-key'],
      );
    });

    it('never throws on hostile input', () => {
      for (const s of [
        '@',
        '@misc',
        '@misc{',
        '@misc{k,',
        '@misc{k, t = ',
        '@misc{k, t = {',
        '@misc{k, t = "',
        '@string{',
        '}}}{{{@@@',
        '@misc{k, = x}',
      ]) {
        assert.doesNotThrow(() => parseBibtex(s), s);
      }
    });
  });

  describe('arxivIdOfBibEntry', () => {
    const id = (fields: Record<string, string>) => arxivIdOfBibEntry({ fields });
    it('finds the id in eprint, arxivid, url, doi and note fields', () => {
      assert.equal(id({ eprint: '2510.01152v2', archiveprefix: 'arXiv' }), '2510.01152');
      assert.equal(id({ eprint: 'hep-th/9901001' }), 'hep-th/9901001');
      assert.equal(id({ arxivid: 'arXiv:1706.03762' }), '1706.03762');
      assert.equal(id({ url: 'https://arxiv.org/pdf/1706.03762v5.pdf' }), '1706.03762');
      assert.equal(id({ doi: '10.48550/arXiv.2509.26514' }), '2509.26514');
      assert.equal(id({ journal: 'arXiv preprint arXiv:1706.03762' }), '1706.03762');
    });
    it('ignores other archives and entries without an arXiv reference', () => {
      assert.equal(id({ eprint: '2510.01152', archiveprefix: 'HAL' }), undefined);
      assert.equal(id({ title: 'x', doi: '10.1000/182', note: 'page 2510.01152' }), undefined);
    });
  });

  it('isValidBibKey', () => {
    assert.ok(isValidBibKey('paypersearch2025models'));
    assert.ok(isValidBibKey('Wang:2025-x.y'));
    for (const bad of ['a b', 'a,b', 'a{b', 'a}b', 'a#b', 'a%b']) assert.ok(!isValidBibKey(bad), bad);
    assert.ok(!isValidBibKey(''));
  });
});
