// Node's native comparison of bytes (memcmp), which the collection reader uses to find where a
// large file changed since its last read: a loop over 160 MB in JavaScript takes about ten times
// as long. Node hosts only (the worker and the benchmark); the web host keeps the reader's loop.
import { Buffer } from 'node:buffer';
import type { SameBytes } from '../core/collection/byteChange';

const view = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export const sameBytes: SameBytes = (a, b) => a.byteLength === b.byteLength && view(a).equals(view(b));
