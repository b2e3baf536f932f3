import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyChange, isByteChange, roomFor } from '../../../src/core/collection/byteChange';
import { readCollectionFile } from '../../../src/collections/readCollectionFile';

// The worker's reads from a real disk (node:fs): a first read into a buffer with room for edits, a
// read after it as a change of the last bytes, an index cache as it is.
describe('readCollectionFile: the collection worker reading a file from disk', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-read-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file whole first, then a saved edit as the changed stretch, applied in place', async () => {
    const file = path.join(dir, 'big.papers.txt');
    const block = (n: number, summary = `About ${n}.`) =>
      `Title: Paper ${n}\nPDF: https://arxiv.org/pdf/2501.${10000 + n}\nSummary: ${summary}\n---\n`;
    const blocks = Array.from({ length: 30_000 }, (_, i) => block(i));
    fs.writeFileSync(file, blocks.join(''));
    const first = await readCollectionFile(file, undefined);
    assert.ok(!(first instanceof Uint8Array) && 'owned' in first, 'a buffer of the reader own');
    const bytes = first.owned;
    assert.deepEqual(Buffer.from(bytes), fs.readFileSync(file));
    assert.equal(bytes.buffer.byteLength, bytes.length + roomFor(bytes.length));

    blocks[20_000] = block(20_000, 'Über changed, and longer than before.');
    fs.writeFileSync(file, blocks.join(''));
    const change = await readCollectionFile(file, bytes);
    assert.ok(isByteChange(change));
    assert.ok(change.middle.length < 100, `only the changed stretch is kept: ${change.middle.length} bytes`);
    const applied = applyChange(change, true);
    assert.equal(applied.buffer, bytes.buffer, 'applied in the same buffer');
    assert.deepEqual(Buffer.from(applied), fs.readFileSync(file));
  });

  it('reads an index cache as its bytes, and a missing file fails with its code', async () => {
    const cache = path.join(dir, 'index.bin');
    fs.writeFileSync(cache, Buffer.from([1, 2, 3]));
    const read = await readCollectionFile(cache, undefined, 'cache');
    assert.ok(read instanceof Uint8Array);
    assert.deepEqual([...read], [1, 2, 3]);
    await assert.rejects(readCollectionFile(path.join(dir, 'gone.papers.txt'), undefined), { code: 'ENOENT' });
  });
});
