// How the collection worker (and the benchmark, which measures it) reads a file from disk, once it
// is no longer being written. A collection file read before is read through a 1 MB window and
// compared with its last bytes as it is read: only the changed stretch is kept, and the reader
// applies it to its own bytes (no second buffer of the file's size, whose fresh pages cost more
// than the reading). A first read goes into a buffer of the reader's own, with room for edits
// that lengthen the file; an index cache is read as it is. Node only (the worker's file system).
import { open, readFile, stat } from 'node:fs/promises';
import { type FileRead, type ReadAt, lengthOfRead, readChange, readOwned } from '../core/collection/byteChange';
import type { ReadPurpose } from '../core/collection/readerProtocol';
import { readWhenStill } from '../core/runtime/stillRead';
import { sameBytes } from './sameBytes';

const WINDOW = 1 << 20;
let scratch: Uint8Array | undefined;

export async function readCollectionFile(
  path: string,
  last: Uint8Array | undefined,
  purpose: ReadPurpose = 'collection',
): Promise<FileRead> {
  if (purpose === 'cache') {
    const bytes = await readFile(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return readWhenStill<FileRead>({
    stat: async () => {
      const s = await stat(path);
      return { size: s.size, mtime: s.mtimeMs };
    },
    read: async (size) => {
      const file = await open(path, 'r');
      try {
        const readAt: ReadAt = async (into, position) => (await file.read(into, 0, into.length, position)).bytesRead;
        if (!last) return await readOwned(readAt, size);
        scratch ??= new Uint8Array(WINDOW);
        return await readChange(last, size, readAt, scratch, sameBytes);
      } finally {
        await file.close();
      }
    },
    lengthOf: lengthOfRead,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
