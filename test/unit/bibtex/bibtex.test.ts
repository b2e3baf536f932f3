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
});
