import * as assert from 'node:assert/strict';
import { bibliographyReferences, keysByArxivId, planBibliographyAddition } from '../../../src/core/bibtex/bibliography';
import { formatBibtexEntry } from '../../../src/core/bibtex/bibtex';
import { makePaper } from '../../support/papers';

const entry = (key: string, eol: string) => `@misc{${key},${eol}  eprint = {2510.01152},${eol}}`;

describe('bibliography', () => {
  describe('bibliographyReferences', () => {
    it('reads \\bibliography and \\addbibresource, not commented lines', () => {
      const tex =
        '\\addbibresource[datatype=bibtex]{lib/main.bib}\n% \\bibliography{old}\n\\bibliography{refs, more.bib}\n';
      assert.deepEqual(bibliographyReferences(tex, 'latex'), ['refs.bib', 'more.bib', 'lib/main.bib']);
    });

    it('reads a Pandoc front matter string, inline list or block list', () => {
      assert.deepEqual(bibliographyReferences('---\ntitle: x\nbibliography: refs.bib\n---\n# Hi', 'pandoc'), [
        'refs.bib',
      ]);
      assert.deepEqual(bibliographyReferences('---\r\nbibliography: ["a.bib", b.bib]\r\n---\r\n', 'pandoc'), [
        'a.bib',
        'b.bib',
      ]);
      assert.deepEqual(
        bibliographyReferences('---\nbibliography:\n  - a.bib\n  - "b c.bib"\nlang: en\n---\n', 'pandoc'),
        ['a.bib', 'b c.bib'],
      );
      assert.deepEqual(bibliographyReferences('no front matter\nbibliography: x.bib\n', 'pandoc'), []);
    });
  });

  describe('planBibliographyAddition', () => {
    it('appends to an empty file, and after a blank line otherwise', () => {
      assert.deepEqual(planBibliographyAddition('', '2510.01152', 'k', entry), {
        kind: 'append',
        key: 'k',
        text: entry('k', '\n') + '\n',
        at: 0,
      });
      const plan = planBibliographyAddition('@misc{a, title={x}}', '2510.01152', 'k', entry);
      assert.equal(plan.kind === 'append' && plan.text, '\n\n' + entry('k', '\n') + '\n');
      const after = planBibliographyAddition('@misc{a, title={x}}\n', '2510.01152', 'k', entry);
      assert.equal(after.kind === 'append' && after.text, '\n' + entry('k', '\n') + '\n');
    });

    it("follows the file's CRLF line endings", () => {
      const plan = planBibliographyAddition('@misc{a,\r\n  title={x}}\r\n', '2510.01152', 'k', entry);
      assert.equal(plan.kind === 'append' && plan.text, '\r\n' + entry('k', '\r\n') + '\r\n');
    });

    it('cites the key the file already uses for the paper', () => {
      const bib = '@article{mine, url = {https://arxiv.org/abs/2510.01152v2}}\n';
      assert.deepEqual(planBibliographyAddition(bib, '2510.01152', 'k', entry), { kind: 'present', key: 'mine' });
      assert.equal(keysByArxivId(bib).get('2510.01152'), 'mine');
    });

    it('picks a free key when the file uses the key for another work', () => {
      const bib = '@book{k, title={Other}}\n@book{ka, title={Other too}}\n';
      const plan = planBibliographyAddition(bib, '2510.01152', 'k', entry);
      assert.equal(plan.kind, 'append');
      assert.equal(plan.key, 'kb');
    });

    it("an appended entry follows the file's layout: its indentation and aligned = signs", () => {
      const paper = makePaper({ id: '2510.01152', title: 'Pay-Per-Search Models', authors: ['Ann Lee'] });
      const add = (bib: string) =>
        planBibliographyAddition(bib, paper.id, 'lee2025pay', (key, eol, layout) =>
          formatBibtexEntry({ paper, key }, { eol, ...layout }),
        );
      const aligned =
        '@article{smith2020,\n    author  = {Smith, Jo},\n    title   = {A Title},\n    journal = {J},\n}\n';
      const plan = add(aligned);
      assert.equal(plan.kind, 'append');
      const lines = plan.kind === 'append' ? plan.text.split('\n').filter((l) => /=/.test(l)) : [];
      assert.ok(lines.length >= 4, lines.join('\n'));
      for (const line of lines) assert.match(line, /^ {4}\S/, 'four spaces, as the file');
      assert.equal(new Set(lines.map((l) => l.indexOf('='))).size, 1, `aligned:\n${lines.join('\n')}`);
      const tabs = add('@misc{a,\n\tauthor = {X},\n\ttitle = {Y},\n}\n');
      assert.match(tabs.kind === 'append' ? tabs.text : '', /\n\ttitle = \{/, 'a tab, not aligned, as the file');
      const fresh = add('');
      assert.match(fresh.kind === 'append' ? fresh.text : '', /\n {2}title = \{/, 'two spaces in a new file');
    });
  });
});
