import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseCollection } from '../../../src/core/collection/collection';
import { CollectionReader } from '../../../src/core/collection/collectionReader';

function block(n: number, extra = ''): string {
  const id = `2501.${String(10000 + n)}`;
  return `Title: Paper number ${n}\n  on two lines\nPDF: https://arxiv.org/pdf/${id}\nSummary: About ${n}.${extra}\n---\n`;
}

function shelfText(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += block(i);
  return text;
}

/** The reader's answer for `text` after `before`, checked against a fresh parse of `text`. */
function readAfter(before: string, text: string) {
  const reader = new CollectionReader('f.papers.txt');
  const first = reader.update(before);
  const update = reader.update(text);
  const full = parseCollection(text, 'f.papers.txt');
  assert.deepEqual(update.papers, full.papers);
  const order = (ps: typeof full.problems) =>
    [...ps].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
  assert.deepEqual(update.problems, order(full.problems));
  return { first, update };
}

describe('collectionReader: only changed blocks are parsed again', () => {
  const base = shelfText(40);

  it('parses everything on the first read and reports every id as changed', () => {
    const first = new CollectionReader('f.papers.txt').update(base);
    assert.deepEqual(first.papers, parseCollection(base, 'f.papers.txt').papers);
    assert.equal(first.parsed, 40);
    assert.equal(first.changed.size, 40);
  });

  it('a changed block: one block parsed, one id changed, the other papers are the same objects', () => {
    const reader = new CollectionReader('f.papers.txt');
    const before = reader.update(base);
    const edited = base.replace('About 7.', 'About seven, now longer.');
    const after = reader.update(edited);
    assert.equal(after.parsed, 1);
    assert.deepEqual([...after.changed], ['2501.10007']);
    assert.equal(after.papers[6], before.papers[6]);
    assert.equal(after.papers[8], before.papers[8]);
    assert.notEqual(after.papers[7], before.papers[7]);
    assert.deepEqual(after.papers, parseCollection(edited, 'f.papers.txt').papers);
  });

  it('an added block in the middle: one parsed, later papers keep their objects with their new lines', () => {
    const reader = new CollectionReader('f.papers.txt');
    const before = reader.update(base);
    const added = base.replace(block(10), block(10) + block(100));
    const after = reader.update(added);
    assert.equal(after.parsed, 1);
    assert.deepEqual([...after.changed], ['2501.10100']);
    assert.equal(after.papers[12], before.papers[11]);
    assert.equal(after.papers[12]!.source.line, parseCollection(added).papers[12]!.source.line);
    assert.deepEqual(after.papers, parseCollection(added, 'f.papers.txt').papers);
  });

  it('a removed block: nothing parsed, its id changed', () => {
    const { update } = readAfter(base, base.replace(block(3), ''));
    assert.equal(update.parsed, 0);
    assert.deepEqual([...update.changed], ['2501.10003']);
  });

  it('reordered blocks are reused, not parsed, and no paper changed', () => {
    const moved = block(0) + base.replace(block(0), '').replace(block(30), '') + block(30);
    const reordered = moved.replace(block(0), '') + block(0);
    const { update } = readAfter(base, reordered);
    assert.equal(update.parsed, 0);
    assert.equal(update.changed.size, 0);
  });

  it('a removed separator merges two blocks (a missing-separator warning), as a full parse does', () => {
    const broken = base.replace(`About 5.\n---\n`, 'About 5.\n');
    const { update } = readAfter(base, broken);
    assert.ok(update.parsed <= 2);
    assert.ok(update.problems.some((p) => p.code === 'missing-separator'));
  });

  it('a repeated id added later merges into the first listing with a warning', () => {
    const { update } = readAfter(base, base + block(4, ' Again.'));
    assert.ok(update.problems.some((p) => p.code === 'duplicate-id'));
    assert.ok(update.changed.has('2501.10004'));
  });

  it('handles CRLF files, an emptied file, and a file without a final separator', () => {
    readAfter(base.replace(/\n/g, '\r\n'), base.replace(/\n/g, '\r\n').replace('About 2.', 'About two.'));
    readAfter(base, '');
    readAfter('', base.slice(0, -4));
    readAfter(base.slice(0, -4), base.slice(0, -4) + 'Tags: x\n');
  });

  it('any sequence of edits gives what a full parse of the final text gives', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 120 }),
      insert: fc.constantFrom(
        '',
        '---\n',
        block(200),
        'Title: Stray\n',
        '  continued\n',
        'x',
        '\n',
        'PDF: 2501.10001\n',
        block(5),
        'Summary: new words\n---\n',
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const reader = new CollectionReader('f.papers.txt');
        let text = shelfText(12);
        reader.update(text);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          const next = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          const update = reader.update(next);
          const full = parseCollection(next, 'f.papers.txt');
          assert.deepEqual(update.papers, full.papers);
          assert.equal(update.problems.length, full.problems.length);
          text = next;
        }
      }),
      { numRuns: 150 },
    );
  });
});
