import type { ReadAt } from '../../src/core/collection/byteChange';

/** A file in memory, read as a file system does: a read gives at most `most` bytes; counts the bytes read. */
export function memoryFile(bytes: Uint8Array, most = Infinity): ReadAt & { bytesRead: number } {
  const readAt = async (into: Uint8Array, position: number) => {
    const n = Math.max(0, Math.min(into.length, most, bytes.length - position));
    into.set(bytes.subarray(position, position + n));
    readAt.bytesRead += n;
    return n;
  };
  readAt.bytesRead = 0;
  return readAt;
}
