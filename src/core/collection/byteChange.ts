// How a file's new bytes differ from the bytes read last time, found while reading it through a
// small window: the common start and end are compared window by window as they are read, and only
// the stretch between them is kept. An edit to a 160 MB collection file is then read without a
// second 160 MB buffer (its fresh pages cost more than the reading), and the collection reader
// applies the change to its own bytes in place (CollectionReader.readBytesSteps).
import { ShortRead } from '../runtime/stillRead';

/** Reads the file's bytes at `position` into `into`, from its start; resolves to how many were read (0 at the end). */
export type ReadAt = (into: Uint8Array, position: number) => Promise<number>;

/** Whether two byte arrays hold the same bytes (the platform's memcmp where there is one). */
export type SameBytes = (a: Uint8Array, b: Uint8Array) => boolean;

/** A file's new bytes as a change of `base`, the bytes of the last read. */
export interface ByteChange {
  /** The bytes the change applies to (the reader's own last bytes). */
  readonly base: Uint8Array;
  /** The new length of the file. */
  readonly length: number;
  /** Bytes at the start the same as base's. */
  readonly prefix: number;
  /** Bytes at the end the same as base's (not overlapping the prefix in either). */
  readonly suffix: number;
  /** The new bytes between them: length - prefix - suffix of them. */
  readonly middle: Uint8Array;
}

/** A file's bytes as a read gives them to the collection reader. */
export type FileRead =
  /** The bytes, not to be written into (a buffer of the platform's, or shared). */
  | Uint8Array
  /** The bytes in a buffer of the reader's own, to keep and to write into (also past their end). */
  | { readonly owned: Uint8Array }
  | ByteChange;

export function isByteChange(read: FileRead): read is ByteChange {
  return 'base' in read;
}

/** The whole bytes of a file read. */
export function bytesOf(read: Uint8Array | { readonly owned: Uint8Array }): Uint8Array {
  return read instanceof Uint8Array ? read : read.owned;
}

/** How many bytes the file has, as a read gives them. */
export function lengthOfRead(read: FileRead): number {
  return isByteChange(read) ? read.length : bytesOf(read).byteLength;
}

/** Room past the end of a collection's bytes for edits that lengthen it: about 1.5%, 4 KB to 16 MB. */
export function roomFor(length: number): number {
  return Math.min(16 << 20, Math.max(4096, length >> 6));
}

/** Fills `into` from `position` (several reads where one gives fewer bytes). */
async function readFully(readAt: ReadAt, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const n = await readAt(into.subarray(done), position + done);
    if (n <= 0) throw new ShortRead();
    done += n;
  }
}

/** Reads `length` bytes (a whole file) into a buffer of the reader's own, with room for edits. */
export async function readOwned(readAt: ReadAt, length: number): Promise<{ owned: Uint8Array }> {
  const owned = new Uint8Array(new ArrayBuffer(length + roomFor(length)), 0, length);
  await readFully(readAt, owned, 0);
  return { owned };
}

/** Bytes compared at a time when looking for the common start and end of two byte arrays. */
const COMPARE = 1 << 16;

/** Length of the longest common start of two byte arrays. */
export function commonBytePrefix(a: Uint8Array, b: Uint8Array, same: SameBytes): number {
  if (a.length === b.length && same(a, b)) return a.length;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARE <= n && same(a.subarray(i, i + COMPARE), b.subarray(i, i + COMPARE))) i += COMPARE;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Length of the longest common end of two byte arrays that does not overlap their common start. */
export function commonByteSuffix(a: Uint8Array, b: Uint8Array, prefix: number, same: SameBytes): number {
  if (!prefix && a.length === b.length && same(a, b)) return a.length;
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (
    i + COMPARE <= n &&
    same(a.subarray(a.length - i - COMPARE, a.length - i), b.subarray(b.length - i - COMPARE, b.length - i))
  )
    i += COMPARE;
  while (i < n && a[a.length - i - 1] === b[b.length - i - 1]) i++;
  return i;
}

/**
 * Reads a file of `length` bytes through `scratch` and tells how it differs from `base`: its common
 * start is compared window by window from the front, its common end from the back, then the bytes
 * between are read. Every byte of the file is read once, at most a window more; throws ShortRead
 * when the file ended early.
 */
export async function readChange(
  base: Uint8Array,
  length: number,
  readAt: ReadAt,
  scratch: Uint8Array,
  same: SameBytes,
): Promise<ByteChange> {
  const common = Math.min(base.length, length);
  let prefix = 0;
  while (prefix < common) {
    const window = scratch.subarray(0, Math.min(scratch.length, common - prefix));
    await readFully(readAt, window, prefix);
    const equal = commonBytePrefix(window, base.subarray(prefix, prefix + window.length), same);
    prefix += equal;
    if (equal < window.length) break;
  }
  let suffix = 0;
  while (suffix < common - prefix) {
    const window = scratch.subarray(0, Math.min(scratch.length, common - prefix - suffix));
    await readFully(readAt, window, length - suffix - window.length);
    const end = base.length - suffix;
    const equal = commonByteSuffix(window, base.subarray(end - window.length, end), 0, same);
    suffix += equal;
    if (equal < window.length) break;
  }
  const middle = new Uint8Array(length - prefix - suffix);
  await readFully(readAt, middle, prefix);
  return { base, length, prefix, suffix, middle };
}

/** The new bytes from `start` to `end` (offsets in the new file), put together from the change's parts. */
export function changedSlice(change: ByteChange, start: number, end: number): Uint8Array {
  const { base, length, prefix, suffix, middle } = change;
  const tail = length - suffix;
  if (end <= prefix) return base.subarray(start, end);
  const delta = length - base.length;
  if (start >= tail) return base.subarray(start - delta, end - delta);
  if (start >= prefix && end <= tail) return middle.subarray(start - prefix, end - prefix);
  const out = new Uint8Array(end - start);
  let at = 0;
  if (start < prefix) {
    out.set(base.subarray(start, prefix), 0);
    at = prefix - start;
  }
  const from = Math.max(start, prefix) - prefix;
  const to = Math.min(end, tail) - prefix;
  out.set(middle.subarray(from, to), at);
  at += to - from;
  if (end > tail) out.set(base.subarray(tail - delta, end - delta), at);
  return out;
}

/**
 * The new bytes, whole. In `base`'s own buffer when `owned` and there is room (the end moved, the
 * middle written: base is gone), else in a new buffer with room for edits. `owned`: whether base's
 * buffer is the reader's own to write into.
 */
export function applyChange(change: ByteChange, owned: boolean): Uint8Array {
  const { base, length, prefix, suffix, middle } = change;
  const room = base.buffer.byteLength - base.byteOffset;
  if (owned && length <= room) {
    const all = new Uint8Array(base.buffer, base.byteOffset, room);
    all.copyWithin(length - suffix, base.length - suffix, base.length);
    all.set(middle, prefix);
    return all.subarray(0, length);
  }
  const bytes = new Uint8Array(new ArrayBuffer(length + roomFor(length)), 0, length);
  bytes.set(base.subarray(0, prefix), 0);
  bytes.set(middle, prefix);
  bytes.set(base.subarray(base.length - suffix), length - suffix);
  return bytes;
}
