import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatPaper } from '../../../src/core/collection/collectionFormat';
import { PaperList, parseCollection } from '../../../src/core/collection/collection';
import type { Paper, Problem } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';
import { REPO_ROOT } from '../../support/paths';

const SEEDS = path.join(REPO_ROOT, 'seeds', 'papers.txt');

/** [severity, code, line, column] of every problem, for exact and readable assertions. */
function diagnostics(problems: readonly Problem[]): [string, string, number, number][] {
  return problems.map((p) => [p.severity, p.code, p.location.line, p.location.column]);
}

function parse(lines: string[], file = 'papers.txt') {
  return parseCollection(lines.join('\n'), file);
}

function withoutSource(p: Paper): Omit<Paper, 'source'> {
  const { source: _source, ...rest } = p;
  return rest;
}

describe('collection', () => {
  describe('parseCollection on the shipped seeds', () => {
    const text = readFileSync(SEEDS, 'utf8');
    const result = parseCollection(text, 'seeds/papers.txt');

    it('reads all 50 papers with zero problems', () => {
      assert.deepEqual(result.problems, []);
      assert.equal(result.papers.length, 50);
      assert.equal(new Set(result.papers.map((p) => p.id)).size, 50);
    });

    it('joins wrapped titles, keeps paragraph breaks and records where each block starts', () => {
      const baton = result.papers[1];
      assert.equal(baton.id, '2509.26514');
      assert.equal(
        baton.title,
        'BatonVoice: An Operationalist Framework for Enhancing Controllable Speech Synthesis with Linguistic Intelligence from LLMs',
      );
      assert.deepEqual(baton.source, { file: 'seeds/papers.txt', line: 5, column: 1 });
      assert.equal(baton.pdfUrl, 'https://arxiv.org/pdf/2509.26514');
      assert.equal(baton.version, undefined);
      const mash = result.papers[0];
      assert.ok(mash.summary.includes('pay-per-search reward.\n\nWe run experiments'));
      assert.ok(!/ {2}|\t/.test(mash.summary));
      for (const p of result.papers) {
        assert.ok(p.title && !/\s{2}|\n/.test(p.title), p.id);
        assert.ok(p.summary.length > 100, p.id);
      }
    });

    it('round-trips: parse -> format -> parse gives the same papers', () => {
      const again = parseCollection(result.papers.map((p) => formatPaper(p)).join(''), 'again.txt');
      assert.deepEqual(again.problems, []);
      assert.deepEqual(again.papers.map(withoutSource), result.papers.map(withoutSource));
    });

    it('reads the same papers from CRLF line endings and a BOM', () => {
      const crlf = parseCollection('\ufeff' + text.replace(/\n/g, '\r\n'), 'seeds/papers.txt');
      assert.deepEqual(crlf.problems, []);
      assert.deepEqual(crlf.papers, result.papers);
    });
  });

  describe('parseCollection layout tolerance', () => {
    it('handles trailing spaces, blank lines, tabs and a missing final separator', () => {
      const r = parse([
        '',
        'Title: First   ',
        '\tpaper  ',
        '',
        'PDF:   https://arxiv.org/abs/2510.01152v2   ',
        'Summary: One.',
        '---   ',
        '',
        '',
        'title: Second',
        'pdf: arXiv:hep-th/9901001',
        'SUMMARY: Two',
        '  wrapped.',
        '',
        '  After a blank line.',
      ]);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(
        r.papers.map((p) => [p.id, p.version, p.title, p.summary, p.pdfUrl, p.source.line]),
        [
          ['2510.01152', 2, 'First paper', 'One.', 'https://arxiv.org/pdf/2510.01152v2', 2],
          [
            'hep-th/9901001',
            undefined,
            'Second',
            'Two wrapped.\n\nAfter a blank line.',
            'https://arxiv.org/pdf/hep-th/9901001',
            10,
          ],
        ],
      );
    });

    it('skips a byte-order mark in the middle of the text (files joined with cat), keeping columns true', () => {
      const r = parse([
        'Title: A',
        'PDF: 2510.01152',
        '---',
        '\ufeffTitle: B',
        '\ufeffPDF: 2510.00225',
        '\ufeffVenue: X',
      ]);
      assert.deepEqual(
        r.papers.map((p) => p.title),
        ['A', 'B'],
      );
      assert.deepEqual(diagnostics(r.problems), [['warning', 'unknown-field', 6, 2]]);
      assert.deepEqual(r.problems[0].end, { line: 6, column: 7 });
    });

    it('reads CR-only line endings and an empty or blank file', () => {
      const r = parseCollection('Title: T\rPDF: 2510.01152\r---\r');
      assert.deepEqual(r.problems, []);
      assert.equal(r.papers[0].id, '2510.01152');
      assert.deepEqual(parseCollection(''), { papers: [], problems: [] });
      assert.deepEqual(parseCollection('\n\n---\n---\n  \n'), { papers: [], problems: [] });
    });

    it('keeps a paragraph break that is three spaces or more, and collapses other white space', () => {
      const r = parse(['Title: T', 'PDF: 2510.01152', 'Summary: A  b.    C\td.', '  e   f']);
      assert.equal(r.papers[0].summary, 'A b.\n\nC d. e\n\nf');
    });

    it('reads every optional field', () => {
      const r = parse([
        'Title: Full',
        'ID: arXiv:2510.01152v3',
        'Authors: Ada Lovelace and Alan Turing',
        'Published: 2025-10-01',
        'Updated: 2025-10-09',
        'Categories: cs.CL, cs.AI  stat.ML',
        'Theme: Language models',
        'Key: lovelace2025full',
        'Tags: to read, favourite,to read',
        'DOI: https://doi.org/10.1000/xyz.123',
        'Comment: 12 pages,',
        '  3 figures',
        'Journal-Ref: Proc. ACL 2025',
        'Summary: S.',
      ]);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(withoutSource(r.papers[0]), {
        id: '2510.01152',
        version: 3,
        title: 'Full',
        summary: 'S.',
        pdfUrl: 'https://arxiv.org/pdf/2510.01152v3',
        authors: ['Ada Lovelace', 'Alan Turing'],
        published: '2025-10-01',
        updated: '2025-10-09',
        categories: ['cs.CL', 'cs.AI', 'stat.ML'],
        theme: 'Language models',
        key: 'lovelace2025full',
        tags: ['to read', 'favourite'],
        doi: '10.1000/xyz.123',
        comment: '12 pages, 3 figures',
        journalRef: 'Proc. ACL 2025',
        extra: {},
      });
    });

    it('accepts a PDF hosted elsewhere when ID: names the paper', () => {
      const r = parse(['Title: T', 'PDF: https://openreview.net/pdf?id=abc', 'ID: 2510.01152']);
      assert.deepEqual(r.problems, []);
      assert.equal(r.papers[0].pdfUrl, 'https://openreview.net/pdf?id=abc');
      const again = parseCollection(formatPaper(r.papers[0]));
      assert.deepEqual(again.papers.map(withoutSource), r.papers.map(withoutSource));
    });
  });

  describe('parseCollection diagnostics: one broken block costs only that block', () => {
    const good = ['Title: Good', 'PDF: https://arxiv.org/pdf/2509.26514', 'Summary: Fine.', '---'];

    it('skips a block without a title', () => {
      const r = parse(['PDF: https://arxiv.org/pdf/2510.01152', 'Summary: S', '---', ...good], 'c.txt');
      assert.deepEqual(diagnostics(r.problems), [['error', 'missing-title', 1, 1]]);
      assert.equal(r.problems[0].location.file, 'c.txt');
      assert.match(r.problems[0].message, /2510\.01152/);
      assert.deepEqual(
        r.papers.map((p) => p.id),
        ['2509.26514'],
      );
    });

    it('skips a block whose title is empty, pointing at the field', () => {
      const r = parse([...good, 'Title:   ', 'PDF: 2510.01152']);
      assert.deepEqual(diagnostics(r.problems), [['error', 'missing-title', 5, 10]]);
      assert.deepEqual(
        r.papers.map((p) => p.id),
        ['2509.26514'],
      );
    });

    it('skips a block without PDF or ID', () => {
      const r = parse([...good, 'Title: No link', 'Summary: S', '---', ...good.slice(0, 1), 'PDF: 2510.00225']);
      assert.deepEqual(diagnostics(r.problems), [['error', 'missing-id', 5, 1]]);
      assert.deepEqual(
        r.papers.map((p) => p.id),
        ['2509.26514', '2510.00225'],
      );
    });

    it('skips a block whose PDF is not an arXiv link, pointing at the value', () => {
      const r = parse(['Title: Bad', 'PDF: https://example.org/paper.pdf', '---', ...good]);
      assert.deepEqual(diagnostics(r.problems), [['error', 'invalid-id', 2, 6]]);
      assert.deepEqual(r.problems[0].end, { line: 2, column: 35 });
      assert.deepEqual(
        r.papers.map((p) => p.id),
        ['2509.26514'],
      );
    });

    it('rejects ids with impossible months or digit counts', () => {
      const r = parse(['Title: A', 'PDF: 2513.01152', '---', 'Title: B', 'ID:  1412.12345', '---', ...good]);
      assert.deepEqual(diagnostics(r.problems), [
        ['error', 'invalid-id', 2, 6],
        ['error', 'invalid-id', 5, 6],
      ]);
      assert.equal(r.papers.length, 1);
    });

    it('reports an indented line before any field, keeping the block', () => {
      const r = parse([...good, '  stray continuation', 'Title: Kept', 'PDF: 2510.00225']);
      assert.deepEqual(diagnostics(r.problems), [['error', 'orphan-continuation', 5, 3]]);
      assert.deepEqual(
        r.papers.map((p) => [p.id, p.source.line]),
        [
          ['2509.26514', 1],
          ['2510.00225', 5],
        ],
      );
    });

    it('reports a line that is not "Field: value" and ignores only that line', () => {
      const r = parse([
        'Title: T',
        'PDF: 2510.00225',
        'this line has no field name',
        'https://example.org/x',
        'Summary: S',
        '---',
        ...good,
      ]);
      assert.deepEqual(diagnostics(r.problems), [
        ['error', 'not-a-field', 3, 1],
        ['error', 'not-a-field', 4, 1],
      ]);
      assert.deepEqual(r.problems[0].end, { line: 3, column: 28 });
      assert.deepEqual(
        r.papers.map((p) => [p.id, p.summary]),
        [
          ['2510.00225', 'S'],
          ['2509.26514', 'Fine.'],
        ],
      );
    });

    it('drops only an invalid date field', () => {
      const r = parse([
        'Title: T',
        'PDF: 2510.00225',
        'Published: 2025-02-30',
        'Updated: 10/09/2025',
        'Summary: S',
        '---',
        ...good,
      ]);
      assert.deepEqual(diagnostics(r.problems), [
        ['error', 'invalid-date', 3, 12],
        ['error', 'invalid-date', 4, 10],
      ]);
      assert.equal(r.papers[0].published, undefined);
      assert.equal(r.papers[0].updated, undefined);
      assert.equal(r.papers[0].summary, 'S');
      assert.equal(r.papers.length, 2);
      assert.equal(parse(['Title: T', 'PDF: 2510.00225', 'Published: 2024-02-29']).papers[0].published, '2024-02-29');
    });

    it('drops only an invalid cite key or DOI', () => {
      const r = parse(['Title: T', 'PDF: 2510.00225', 'Key: has space', 'DOI: not-a-doi']);
      assert.deepEqual(diagnostics(r.problems), [
        ['error', 'invalid-key', 3, 6],
        ['error', 'invalid-doi', 4, 6],
      ]);
      assert.equal(r.papers[0].key, undefined);
      assert.equal(r.papers[0].doi, undefined);
    });

    it('keeps unknown fields in extra with a warning', () => {
      const r = parse(['Title: T', 'PDF: 2510.00225', 'Venue: NeurIPS', '  2025', 'Summary: S']);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'unknown-field', 3, 1]]);
      assert.deepEqual(r.papers[0].extra, { Venue: 'NeurIPS 2025' });
    });

    it('warns about a field given twice and uses the later value', () => {
      const r = parse(['Title: T', 'PDF: 2510.00225', 'Summary: first', 'summary: second']);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'duplicate-field', 4, 1]]);
      assert.equal(r.papers[0].summary, 'second');
    });

    it('starts a new entry at a second Title: when the separator is missing', () => {
      const r = parse(['Title: One', 'PDF: 2510.00225', 'Title: Two', 'PDF: 2510.00226']);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'missing-separator', 3, 1]]);
      assert.deepEqual(
        r.papers.map((p) => [p.id, p.title]),
        [
          ['2510.00225', 'One'],
          ['2510.00226', 'Two'],
        ],
      );
    });

    it('warns when ID: and PDF: disagree and uses the PDF link', () => {
      const r = parse(['Title: T', 'PDF: 2510.00225', 'ID: 2510.00226']);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'conflicting-id', 3, 5]]);
      assert.equal(r.papers[0].id, '2510.00225');
    });

    it('uses the arXiv PDF when PDF: is neither arXiv nor https but ID: is valid', () => {
      const r = parse(['Title: T', 'PDF: ftp://x/y.pdf', 'ID: 2510.00226v2']);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'invalid-pdf', 2, 6]]);
      assert.equal(r.papers[0].pdfUrl, 'https://arxiv.org/pdf/2510.00226v2');
    });

    it('merges two blocks with the same id, warning at the second', () => {
      const r = parse([
        'Title: Old title',
        'PDF: https://arxiv.org/pdf/2510.00225v1',
        'Summary: Old summary',
        'Tags: a',
        '---',
        ...good,
        'Title: New title',
        'ID: arXiv:2510.00225',
        'Tags: b',
      ]);
      assert.deepEqual(diagnostics(r.problems), [['warning', 'duplicate-id', 11, 5]]);
      assert.match(r.problems[0].message, /line 1/);
      assert.deepEqual(
        r.papers.map((p) => [p.id, p.title, p.summary, p.tags, p.version, p.pdfUrl, p.source.line]),
        [
          ['2510.00225', 'New title', 'Old summary', ['a', 'b'], 1, 'https://arxiv.org/pdf/2510.00225v1', 1],
          ['2509.26514', 'Good', 'Fine.', [], undefined, 'https://arxiv.org/pdf/2509.26514', 6],
        ],
      );
    });

    it('reports every problem of a badly broken file and still loads the good blocks', () => {
      const r = parse([
        '  orphan',
        'garbage',
        '---',
        ...good,
        'Title: x',
        'PDF: nope',
        'Published: yesterday',
        '---',
        'Title: Fine too',
        'PDF: arxiv.org/abs/2510.00967',
      ]);
      assert.deepEqual(diagnostics(r.problems), [
        ['error', 'orphan-continuation', 1, 3],
        ['error', 'not-a-field', 2, 1],
        ['error', 'invalid-id', 9, 6],
        ['error', 'invalid-date', 10, 12],
      ]);
      assert.deepEqual(
        r.papers.map((p) => p.id),
        ['2509.26514', '2510.00967'],
      );
    });

    it('never throws on odd input', () => {
      for (const text of [
        '\u0000',
        ':',
        'Title:',
        '---',
        'Title: \u202e\ud800',
        '\ufeff\ufeff',
        'a:b\n c\n\n\n---\n:x',
      ]) {
        const r = parseCollection(text);
        assert.ok(Array.isArray(r.papers) && Array.isArray(r.problems));
        assert.ok(!r.problems.some((p) => p.code === 'internal-error'));
      }
      assert.deepEqual(parseCollection(undefined as unknown as string), { papers: [], problems: [] });
    });
  });

  describe('PaperList and continued parses: one way to merge repeated ids', () => {
    it('keeps the first listing in place and merges later ones into it', () => {
      const list = new PaperList();
      const first = makePaper({ id: '2510.01152', title: 'First', tags: ['a'] });
      assert.equal(list.add(first), undefined);
      assert.equal(list.add(makePaper({ id: '2509.26514', title: 'Other' })), undefined);
      const again = makePaper({
        id: '2510.01152',
        title: 'Second',
        tags: ['b'],
        source: { file: 'f', line: 9, column: 1 },
      });
      assert.equal(list.add(again), first);
      assert.deepEqual(
        list.papers.map((p) => [p.id, p.title, p.tags, p.source.line]),
        [
          ['2510.01152', 'Second', ['a', 'b'], first.source.line],
          ['2509.26514', 'Other', [], 1],
        ],
      );
    });

    it('numbers a continued part from its first line and names the first listing in an earlier part', () => {
      const into = new PaperList();
      parseCollection('Title: A\nPDF: https://arxiv.org/pdf/2510.01152\n---\n', 'f', { firstLine: 1, into });
      const { problems } = parseCollection('Title: B\nPDF: 2510.01152\n---\n', 'f', { firstLine: 41, into });
      assert.deepEqual(diagnostics(problems), [['warning', 'duplicate-id', 42, 6]]);
      assert.match(problems[0]!.message, /already listed at line 1;/);
      assert.deepEqual(
        into.papers.map((p) => [p.id, p.title, p.source.line]),
        [['2510.01152', 'B', 1]],
      );
    });
  });
});
