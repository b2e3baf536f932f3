import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyChange, changedSlice, readChange, readOwned, roomFor } from '../../../src/core/collection/byteChange';
import { ShortRead, readWhenStill } from '../../../src/core/runtime/stillRead';
import { memoryFile } from '../../support/memoryFile';

const sameLoop = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A byte array with one edit: `remove` bytes at `at` replaced by `insert`. */
function edited(base: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(base.length - remove + insert.length);
  out.set(base.subarray(0, at), 0);
  out.set(insert, at);
  out.set(base.subarray(at + remove), at + insert.length);
  return out;
}

describe('byteChange: a file read again as a change of its last bytes', () => {
  it('reads the common start and end through the window and keeps only the bytes between', async () => {
    const base = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);
    const next = edited(base, 60_000, 3, bytes('an edit'));
    const file = memoryFile(next, 3000);
    const change = await readChange(base, next.length, file, new Uint8Array(8192), sameLoop);
    assert.equal(change.prefix, 60_000);
    assert.equal(change.suffix, base.length - 60_003);
    assert.deepEqual(change.middle, bytes('an edit'));
    // Every byte once, and at most a window more in each direction.
    assert.ok(file.bytesRead <= next.length + 2 * 8192, `${file.bytesRead} bytes read`);
  });

  it('applies a change in its base when the buffer is the reader own and has room; else in a new buffer', async () => {
    const text = bytes('Title: A\n---\nTitle: B\n---\n');
    const { owned } = await readOwned(memoryFile(text), text.length);
    assert.deepEqual(owned, text);
    assert.equal(owned.buffer.byteLength, text.length + roomFor(text.length));
    const next = bytes('Title: A, longer\n---\nTitle: B\n---\n');
    const change = await readChange(owned, next.length, memoryFile(next), new Uint8Array(4), sameLoop);
    const inPlace = applyChange(change, true);
    assert.equal(inPlace.buffer, owned.buffer, 'the same buffer');
    assert.deepEqual(inPlace, next);

    const shared = bytes('Title: A\n---\n');
    const copy = shared.slice();
    const grown = bytes('Title: A\n---\nTitle: C\n---\n');
    const onShared = applyChange(
      await readChange(shared, grown.length, memoryFile(grown), new Uint8Array(4), sameLoop),
      false,
    );
    assert.notEqual(onShared.buffer, shared.buffer, 'a buffer not the reader own is not written into');
    assert.deepEqual(shared, copy);
    assert.deepEqual(onShared, grown);
  });

  it('a file that ends before its length is a short read, and readWhenStill reads it again', async () => {
    const base = bytes('Title: A\n---\nTitle: B\n---\n');
    const shorter = base.subarray(0, 10);
    await assert.rejects(readChange(base, base.length, memoryFile(shorter), new Uint8Array(4), sameLoop), ShortRead);
    await assert.rejects(readOwned(memoryFile(shorter), base.length), ShortRead);
    // Written again while it was read: the second read sees it whole.
    let content = shorter;
    let waits = 0;
    let reads = 0;
    const read = await readWhenStill({
      stat: async () => ({ size: base.length, mtime: 1 }),
      read: (size) => {
        reads++;
        return readOwned(memoryFile(content), size);
      },
      wait: async () => {
        waits++;
        content = base;
      },
      lengthOf: (r) => r.owned.length,
    });
    assert.deepEqual(read.owned, base);
    assert.equal(reads, 2);
    assert.equal(waits, 1);
  });

  it('any edits, windows and read sizes: the change gives the new bytes, in slices and whole', async () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 300 }),
      insert: fc.uint8Array({ maxLength: 300 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
        async (start, edits, window, most, owned, slices) => {
          const { owned: base } = await readOwned(memoryFile(start), start.length);
          let next: Uint8Array = base.slice();
          for (const e of edits) {
            const at = e.at % (next.length + 1);
            next = edited(next, at, Math.min(e.remove, next.length - at), e.insert);
          }
          const change = await readChange(base, next.length, memoryFile(next, most), new Uint8Array(window), sameLoop);
          // The common start and end are as long as they are (the end not overlapping the start).
          let prefix = 0;
          while (prefix < Math.min(base.length, next.length) && base[prefix] === next[prefix]) prefix++;
          let suffix = 0;
          while (
            suffix < Math.min(base.length, next.length) - prefix &&
            base[base.length - 1 - suffix] === next[next.length - 1 - suffix]
          )
            suffix++;
          assert.equal(change.prefix, prefix);
          assert.equal(change.suffix, suffix);
          for (const [a, b] of slices) {
            const from = a % (next.length + 1);
            const to = from + (b % (next.length - from + 1));
            assert.deepEqual(changedSlice(change, from, to), next.subarray(from, to));
          }
          assert.deepEqual(applyChange(change, owned), next);
        },
      ),
      { numRuns: 400 },
    );
  });
});
