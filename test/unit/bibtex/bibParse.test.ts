import * as assert from 'node:assert/strict';
import { arxivIdOfBibEntry, isValidBibKey, parseBibtex } from '../../../src/core/bibtex/bibParse';

describe('bibtex: reading .bib files', () => {
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
