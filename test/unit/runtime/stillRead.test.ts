import * as assert from 'node:assert/strict';
import { readWhenStill, type StillReadPort } from '../../../src/core/runtime/stillRead';

/** A file written in `parts`, one more part each time the reader waits. */
function growingFile(parts: string[]): StillReadPort & { reads: number; waits: number } {
  let written = 1;
  let mtime = 1000;
  const text = () => parts.slice(0, written).join('');
  const port = {
    reads: 0,
    waits: 0,
    stat: async () => ({ size: new TextEncoder().encode(text()).byteLength, mtime }),
    read: async () => {
      port.reads++;
      const bytes = new TextEncoder().encode(text());
      // The writer goes on while the file is read, until its last part.
      if (written < parts.length) {
        written++;
        mtime++;
      }
      return bytes;
    },
    wait: async () => void port.waits++,
  };
  return port;
}

describe('readWhenStill: a file still being written is read once it is whole', () => {
  it('reads again while the file grows during the read, and gives the whole file', async () => {
    const file = growingFile(['Title: A\n', 'PDF: 2401.00001\n', '---\nTitle: B\n']);
    const bytes = await readWhenStill(file);
    assert.equal(new TextDecoder().decode(bytes), 'Title: A\nPDF: 2401.00001\n---\nTitle: B\n');
    assert.equal(file.reads, 3);
    assert.equal(file.waits, 2);
  });

  it('reads a file nobody writes once', async () => {
    const file = growingFile(['Title: A\n']);
    await readWhenStill(file);
    assert.equal(file.reads, 1);
    assert.equal(file.waits, 0);
  });

  it('reads again when fewer bytes came than the file holds', async () => {
    let reads = 0;
    const bytes = await readWhenStill({
      stat: async () => ({ size: 4, mtime: 1 }),
      read: async () => new Uint8Array(++reads === 1 ? 2 : 4),
      wait: async () => undefined,
    });
    assert.equal(bytes.byteLength, 4);
    assert.equal(reads, 2);
  });

  it('gives the last read after so many attempts at a file that never stops changing', async () => {
    let mtime = 0;
    let reads = 0;
    const bytes = await readWhenStill(
      {
        stat: async () => ({ size: 1, mtime: mtime++ }),
        read: async () => new Uint8Array([++reads]),
        wait: async () => undefined,
      },
      5,
    );
    assert.equal(reads, 5);
    assert.deepEqual([...bytes], [5]);
  });
});
