import * as assert from 'node:assert/strict';
import { formatBibtexEntry } from '../../../src/core/bibtex/bibtex';
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
    it('writes the portable form by default: the locator in howpublished, eprint fields kept, biblatex told to print it once', () => {
      assert.equal(
        formatBibtexEntry({ paper, key: 'paypersearch2025models' }),
        [
          '@misc{paypersearch2025models,',
          '  title = {Pay-Per-Search Models are Abstention Models},',
          '  key = {Pay-Per-Search Models are Abstention Models},',
          '  howpublished = {arXiv:2510.01152},',
          '  year = {2025},',
          '  eprint = {2510.01152},',
          '  archivePrefix = {arXiv},',
          '  options = {eprint=false},',
          '}',
        ].join('\n'),
      );
    });

    it("writes arXiv's own export in the arxiv form, Google Scholar's in the scholar form, eprint fields alone in the eprint form", () => {
      const full = { ...paper, authors: ['Ada Lovelace'], categories: ['cs.CL'] };
      const lines = (form: 'arxiv' | 'scholar' | 'eprint') =>
        formatBibtexEntry({ paper: full, key: 'k' }, { form }).split('\n').slice(0, -1);
      assert.deepEqual(lines('arxiv'), [
        '@misc{k,',
        '  title = {Pay-Per-Search Models are Abstention Models},',
        '  author = {Ada Lovelace},',
        '  year = {2025},',
        '  eprint = {2510.01152},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '  url = {https://arxiv.org/abs/2510.01152},',
      ]);
      assert.deepEqual(lines('scholar').slice(0, 4), [
        '@article{k,',
        '  title = {Pay-Per-Search Models are Abstention Models},',
        '  author = {Ada Lovelace},',
        '  journal = {arXiv preprint arXiv:2510.01152},',
      ]);
      assert.ok(lines('scholar').includes('  options = {eprint=false},'));
      assert.ok(!lines('eprint').some((l) => /howpublished|journal|url|options/.test(l)));
      assert.ok(lines('eprint').includes('  eprint = {2510.01152},'));
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
        /^@misc\{k,\r\n {2}title = \{.*\},\r\n {2}author = \{Ada Lovelace and Alan Turing\},\r\n {2}howpublished = \{arXiv:2510\.01152 \[cs\.CL\]\},\r\n {2}year = \{2026\},\r\n/,
      );
      assert.match(text, /primaryClass = \{cs\.CL\},\r\n {2}doi = \{10\.1000\/xyz\},\r\n/);
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
});
