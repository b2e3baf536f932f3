import * as assert from 'node:assert/strict';
import { appendPapers, formatPaper } from '../../../src/core/collection/collectionFormat';
import { parseCollection } from '../../../src/core/collection/collection';
import type { Paper } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';

function paper(over: Partial<Paper> & { id: string }): Paper {
  return makePaper({ title: 'A Title', ...over });
}

describe('collection: writing', () => {
  describe('formatPaper', () => {
    it('writes fields in a fixed order, only those with values, and wraps long lines', () => {
      const p = paper({
        id: '2510.01152',
        version: 2,
        title: 'A rather long title that certainly will not fit on one line of eighty characters',
        summary: 'First paragraph.\n\nSecond one.',
        authors: ['Ada Lovelace', 'Alan Turing'],
        published: '2025-10-01',
        categories: ['cs.CL', 'cs.AI'],
        tags: ['x', 'y'],
        key: 'k2025',
        extra: { Venue: 'ACL' },
      });
      assert.equal(
        formatPaper(p),
        [
          'Title: A rather long title that certainly will not fit on one line of eighty',
          '  characters',
          'PDF: https://arxiv.org/pdf/2510.01152v2',
          'Authors: Ada Lovelace and Alan Turing',
          'Published: 2025-10-01',
          'Categories: cs.CL cs.AI',
          'Key: k2025',
          'Tags: x, y',
          'Venue: ACL',
          'Summary: First paragraph.   Second one.',
          '---',
          '',
        ].join('\n'),
      );
      assert.ok(formatPaper(p, '\r\n').endsWith('Second one.\r\n---\r\n'));
      assert.ok(!formatPaper(p, '\r\n').replace(/\r\n/g, '').includes('\n'));
    });

    it('uses semicolons between authors whose names hold commas', () => {
      const text = formatPaper(paper({ id: '2510.01152', authors: ['Lovelace, Ada', 'Turing, Alan'] }));
      assert.match(text, /^Authors: Lovelace, Ada; Turing, Alan$/m);
      assert.deepEqual(parseCollection(text).papers[0].authors, ['Lovelace, Ada', 'Turing, Alan']);
    });
  });

  describe('appendPapers', () => {
    const added = [paper({ id: '2510.00225', title: 'Added' })];

    it('keeps the existing text byte for byte and follows its line endings', () => {
      const existing = 'Title: Old\r\nPDF: 2510.01152  \r\n---\r\n';
      const out = appendPapers(existing, added);
      assert.ok(out.startsWith(existing));
      assert.equal(out.slice(existing.length), 'Title: Added\r\nPDF: https://arxiv.org/pdf/2510.00225\r\n---\r\n');
      assert.deepEqual(
        parseCollection(out).papers.map((p) => p.id),
        ['2510.01152', '2510.00225'],
      );
    });

    it('adds the missing newline and separator', () => {
      assert.equal(
        appendPapers('Title: Old\nPDF: 2510.01152', added),
        'Title: Old\nPDF: 2510.01152\n---\nTitle: Added\nPDF: https://arxiv.org/pdf/2510.00225\n---\n',
      );
      assert.equal(
        appendPapers('Title: Old\nPDF: 2510.01152\n\n', added),
        'Title: Old\nPDF: 2510.01152\n\n---\nTitle: Added\nPDF: https://arxiv.org/pdf/2510.00225\n---\n',
      );
      assert.equal(
        appendPapers('Title: Old\n---', added),
        'Title: Old\n---\nTitle: Added\nPDF: https://arxiv.org/pdf/2510.00225\n---\n',
      );
    });

    it('writes into an empty file and leaves text alone when nothing is added', () => {
      assert.equal(appendPapers('', added), 'Title: Added\nPDF: https://arxiv.org/pdf/2510.00225\n---\n');
      assert.equal(appendPapers('\ufeff', added), '\ufeffTitle: Added\nPDF: https://arxiv.org/pdf/2510.00225\n---\n');
      assert.equal(appendPapers('anything', []), 'anything');
    });
  });
});
