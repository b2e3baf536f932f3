import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseCollection } from '../../../src/core/collection/collection';
import { CollectionReader } from '../../../src/core/collection/collectionReader';
import { readChange, readOwned } from '../../../src/core/collection/byteChange';
import { memoryFile } from '../../support/memoryFile';

const sameLoop = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function block(n: number, extra = ''): string {
  const id = `2501.${String(10000 + n)}`;
  return `Title: Paper number ${n}\n  on two lines\nPDF: https://arxiv.org/pdf/${id}\nSummary: About ${n}.${extra}\n---\n`;
}

function shelfText(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += block(i);
  return text;
}

/** An edit of a text: at a place, some characters removed and one of `inserts` put there. */
function editOf(...inserts: string[]) {
  return fc.record({ at: fc.nat(), remove: fc.nat({ max: 120 }), insert: fc.constantFrom(...inserts) });
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
    const edit = editOf(
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
    );
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

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('collectionReader: bytes, decoded only where they changed', () => {
  const base = shelfText(40);
  const accented = shelfText(12).replace(/About (\d+)\./g, 'Über $1, naïve ∑ 𝔼 “quotes”.');

  it('an edit in the middle decodes and parses one block; the other papers are the same objects', () => {
    const reader = new CollectionReader('f.papers.txt');
    const before = reader.readBytes(utf8(accented)).update!;
    const edited = accented.replace('Über 7,', 'Über sieben, 𝔼 now longer,');
    const after = reader.readBytes(utf8(edited)).update!;
    assert.equal(after.parsed, 1);
    assert.deepEqual([...after.changed], ['2501.10007']);
    assert.equal(after.papers[6], before.papers[6]);
    assert.equal(after.papers[8], before.papers[8]);
    assert.deepEqual(after.papers, parseCollection(edited, 'f.papers.txt').papers);
  });

  it('bytes that turn binary or invalid are read whole, with the problem; clean again, as a full parse', () => {
    const reader = new CollectionReader('f.papers.txt');
    reader.readBytes(utf8(base));
    const bad = utf8(base);
    bad[500] = 0xff;
    const invalid = reader.readBytes(bad);
    assert.deepEqual(
      invalid.encoding.map((p) => p.code),
      ['invalid-utf8'],
    );
    const clean = reader.readBytes(utf8(base));
    assert.deepEqual(clean.encoding, []);
    assert.deepEqual(clean.update!.papers, parseCollection(base, 'f.papers.txt').papers);
    const binary = utf8(base);
    binary.fill(0, 10, 1500);
    const notText = reader.readBytes(binary);
    assert.equal(notText.update, undefined);
    assert.deepEqual(
      notText.encoding.map((p) => p.code),
      ['not-text'],
    );
    assert.deepEqual(reader.readBytes(utf8(base)).update!.papers, parseCollection(base, 'f.papers.txt').papers);
  });

  it('edits within lines, after and before each other: each update is a full parse, only the edited block parsed', () => {
    const reader = new CollectionReader('f.papers.txt');
    let text = accented;
    reader.readBytes(utf8(text));
    for (const [was, now] of [
      // A long insertion, then an edit at the start of a later block: found by its moved offsets.
      ['Über 2,', `Über 2, ${'and a much longer summary '.repeat(12)}`],
      ['Title: Paper number 4\n', 'Title: Paper number four\n'],
      ['Title: Paper number 1\n', 'Title: Paper number one\n'],
      ['Über 3,', 'Über 3Ä,'],
      ['Über 9,', 'Über 9bb,'],
      ['Über 1,', 'Über 1𝔼,'],
      ['Über 11,', 'Über 11,'],
      ['Über 9bb,', 'Über 9,'],
      ['Über 10,', 'Über 10 and more,'],
    ]) {
      text = text.replace(was, now);
      const update = reader.readBytes(utf8(text)).update!;
      assert.deepEqual(update.papers, parseCollection(text, 'f.papers.txt').papers, `after ${now}`);
      assert.equal(update.parsed, was === now ? 0 : 1);
    }
    // Then a text read, which compares texts: the offsets it starts from are right too.
    const more = text.replace('Über 5,', 'Über five,');
    assert.deepEqual(reader.update(more).papers, parseCollection(more, 'f.papers.txt').papers);
  });

  it('a change read against the last bytes that makes them invalid or binary is read whole, with the problem', async () => {
    const reader = new CollectionReader('f.papers.txt');
    const first = utf8(base);
    reader.readBytes(await readOwned(memoryFile(first), first.length));
    const changeTo = (bytes: Uint8Array) =>
      readChange(reader.cleanBytes!, bytes.length, memoryFile(bytes), new Uint8Array(64), sameLoop);
    const bad = utf8(base);
    bad[500] = 0xff;
    const invalid = reader.readBytes(await changeTo(bad));
    assert.deepEqual(
      invalid.encoding.map((p) => p.code),
      ['invalid-utf8'],
    );
    assert.deepEqual(invalid.update!.papers, parseCollection(new TextDecoder().decode(bad), 'f.papers.txt').papers);
    // Not clean: the next read is whole, and clean again it is kept for changes.
    assert.equal(reader.cleanBytes, undefined);
    reader.readBytes(utf8(base));
    assert.deepEqual(reader.cleanBytes, utf8(base));
    const binary = utf8(base);
    binary.fill(0, 10, 1500);
    const notText = reader.readBytes(await changeTo(binary));
    assert.equal(notText.update, undefined);
    assert.deepEqual(
      notText.encoding.map((p) => p.code),
      ['not-text'],
    );
    assert.throws(
      () => reader.readBytes({ base: utf8(base), length: 1, prefix: 0, suffix: 0, middle: utf8('x') }),
      /does not hold/,
    );
  });

  it('any sequence of byte edits (accents, CRLF, separators) gives what a full parse of the final text gives', async () => {
    const edit = editOf(
      '',
      '---\n',
      '---\r\n',
      block(200),
      'Title: Stray ü\n',
      'é',
      '\n',
      '\r\n',
      '𝔼',
      block(5),
      'Summary: n∑w\n---\n',
      '-',
    );
    // Read as whole bytes (the host), or as the worker reads: into a buffer of the reader's own,
    // then each save as a change of the last bytes read through a small window, applied in place.
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        async (crlf, asChange, edits) => {
          const reader = new CollectionReader('f.papers.txt');
          let text = crlf ? accented.replace(/\n/g, '\r\n') : accented;
          const first = utf8(text);
          reader.readBytes(asChange ? await readOwned(memoryFile(first), first.length) : first);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            const next = text.slice(0, at) + e.insert + text.slice(at + e.remove);
            // Cutting a surrogate pair leaves a text that is not UTF-8; the property is about texts.
            if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(next)) continue;
            const nextBytes = utf8(next);
            const last = reader.cleanBytes;
            const read = reader.readBytes(
              asChange && last
                ? await readChange(last, nextBytes.length, memoryFile(nextBytes, 97), new Uint8Array(61), sameLoop)
                : nextBytes,
            );
            assert.deepEqual(reader.cleanBytes, nextBytes);
            const full = parseCollection(next, 'f.papers.txt');
            assert.deepEqual(read.update!.papers, full.papers);
            // The same problems at the same places (the order of two at one place may differ).
            const places = (ps: typeof full.problems) =>
              ps.map((p) => `${p.location.line}:${p.location.column}:${p.code}`).sort();
            assert.deepEqual(places(read.update!.problems), places(full.problems));
            text = next;
          }
          // Text reads and byte reads mix: the reader still only parses what changed.
          const last = reader.update(text + block(300));
          assert.deepEqual(last.papers, parseCollection(text + block(300), 'f.papers.txt').papers);
        },
      ),
      { numRuns: 300 },
    );
  });
});
