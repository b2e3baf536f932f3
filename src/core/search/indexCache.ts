// The search index's cache format: a fingerprint of what was indexed, and a compact binary
// encoding of a SerializedIndex. Storage (a file in the extension's global storage) is the
// adapter's business; this module only turns an index into bytes and back.
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { INDEX_FORMAT_VERSION, type SerializedIndex } from './indexFormat';
import type { ShelfEntry } from '../model/types';

const MAGIC = 0x58535350; // 'PSSX' little-endian
const ENCODER = new TextEncoder();
const SEPARATOR = '\n';
const CACHE_PREFIX = 'search-index-';
const CACHE_SUFFIX = '.bin';

/** The name of the cache file of an index with this fingerprint (in the cache's folder). */
export function indexCacheName(fingerprint: string): string {
  return `${CACHE_PREFIX}${fingerprint}${CACHE_SUFFIX}`;
}

/** Whether a file name is an index cache's (of any fingerprint). */
export function isIndexCacheName(name: string): boolean {
  return name.startsWith(CACHE_PREFIX) && name.endsWith(CACHE_SUFFIX);
}

/**
 * A 64-bit hash of everything the index reads from the entries (ids in order, titles,
 * summaries, keys, themes, authors, tags) and of the index format. Two shelves with the same
 * fingerprint index identically; any edit, reorder, addition or removal changes it.
 * Incremental, so a caller can hash 100,000 papers in slices.
 *
 * Each text is hashed as its UTF-8 bytes, four at a time (the encoder does the per-character
 * work natively: at 100,000 papers about a third of the time of hashing each UTF-16 unit). A lone
 * surrogate is encoded as U+FFFD, as the cache itself stores the index's words and ids.
 */
export class EntryFingerprint {
  private h1 = 0xdeadbeef ^ INDEX_FORMAT_VERSION;
  private h2 = 0x41c6ce57 ^ INDEX_FORMAT_VERSION;
  private count = 0;
  private bytes = new Uint8Array(4096);
  private words = new Int32Array(this.bytes.buffer);

  add(entry: ShelfEntry): void {
    const p = entry.paper;
    this.text(p.id);
    this.text(entry.key);
    this.text(entry.theme);
    this.text(p.title);
    this.text(p.summary);
    for (const a of p.authors) this.text(a);
    this.text('\u0001');
    for (const t of p.tags) this.text(t);
    this.text('\u0002');
    this.count++;
  }

  private text(s: string): void {
    // At most 3 bytes per UTF-16 unit, and room to pad the last word.
    if (3 * s.length + 4 > this.bytes.length) {
      this.bytes = new Uint8Array((3 * s.length + 8) & ~3);
      this.words = new Int32Array(this.bytes.buffer);
    }
    const { written } = ENCODER.encodeInto(s, this.bytes);
    const end = (written + 3) & ~3;
    this.bytes.fill(0, written, end);
    const words = this.words;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0, n = end >> 2; i < n; i++) {
      const c = words[i];
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // The length ends the text, so ('ab','c') and ('a','bc') differ, and so do texts ending in NULs.
    h1 = Math.imul(h1 ^ written ^ 0x5bd1e995, 2654435761);
    h2 = Math.imul(h2 ^ written ^ 0x5bd1e995, 1597334677);
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Hex digest; includes the entry count. */
  digest(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
    return `${hex(h2)}${hex(h1)}-${this.count}`;
  }
}

export function fingerprintEntries(entries: readonly ShelfEntry[]): string {
  return runSteps(fingerprintSteps(entries));
}

/** `fingerprintEntries` in steps of 256 entries (see runStepsInSlices). */
export function* fingerprintSteps(entries: readonly ShelfEntry[]): Steps<string> {
  const f = new EntryFingerprint();
  for (let i = 0; i < entries.length; i++) {
    f.add(entries[i]);
    if ((i & 255) === 255) yield;
  }
  return f.digest();
}

interface Header {
  version: number;
  fingerprint: string;
  idsBytes: number;
  termsBytes: number;
  nIds: number;
  nTerms: number;
  postings: number[];
}

const align4 = (n: number) => (n + 3) & ~3;

/** The index as bytes, tagged with the fingerprint of the entries it was built from. */
export function encodeIndex(index: SerializedIndex, fingerprint: string): Uint8Array {
  return runSteps(encodeIndexSteps(index, fingerprint));
}

/**
 * `encodeIndex` in steps (a generator that yields between the large copies), so a caller can
 * let other work run: at 100,000 papers the cache is about 90 MB.
 */
export function* encodeIndexSteps(index: SerializedIndex, fingerprint: string): Steps<Uint8Array> {
  const ids = ENCODER.encode(index.ids.join(SEPARATOR));
  const terms = ENCODER.encode(index.terms.join(SEPARATOR));
  const header: Header = {
    version: index.version,
    fingerprint,
    idsBytes: ids.length,
    termsBytes: terms.length,
    nIds: index.ids.length,
    nTerms: index.terms.length,
    postings: index.groups.map((g) => g.docs.length),
  };
  const headerBytes = ENCODER.encode(JSON.stringify(header));
  let size = 8 + align4(headerBytes.length) + align4(ids.length) + align4(terms.length);
  for (const g of index.groups)
    size +=
      4 * g.offsets.length +
      4 * g.docs.length +
      4 * g.norms.length +
      align4(2 * g.lengths.length) +
      align4(g.tfs.length);
  yield;
  const out = new Uint8Array(size);
  yield;
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  let at = 8;
  const put = (bytes: Uint8Array) => {
    out.set(bytes, at);
    at += align4(bytes.length);
  };
  put(headerBytes);
  put(ids);
  put(terms);
  for (const g of index.groups) {
    put(new Uint8Array(g.offsets.buffer, g.offsets.byteOffset, g.offsets.byteLength));
    yield;
    put(new Uint8Array(g.docs.buffer, g.docs.byteOffset, g.docs.byteLength));
    yield;
    put(new Uint8Array(g.norms.buffer, g.norms.byteOffset, g.norms.byteLength));
    put(new Uint8Array(g.lengths.buffer, g.lengths.byteOffset, g.lengths.byteLength));
    put(g.tfs);
    yield;
  }
  return out;
}

/** The fingerprint stored in a cache file, or undefined when the bytes are not one. */
export function cachedFingerprint(bytes: Uint8Array): string | undefined {
  return readHeader(bytes)?.header.fingerprint;
}

/**
 * Decodes a cache file; undefined when it is damaged, from another format version, or
 * (when `fingerprint` is given) built from other entries. Never throws.
 */
export function decodeIndex(bytes: Uint8Array, fingerprint?: string): SerializedIndex | undefined {
  return runSteps(decodeIndexSteps(bytes, fingerprint));
}

/** Bytes of a cache's list decoded per step (a whole list at 100,000 papers is megabytes: tens of milliseconds). */
const DECODE_STEP = 256 * 1024;
/** The separator as its one UTF-8 byte (never part of another character's bytes). */
const SEPARATOR_BYTE = 10;

/**
 * `decode(bytes).split(SEPARATOR)` a step at a time: the bytes are decoded in pieces that end at a
 * separator, each piece split alone (at 100,000 papers there are some 350,000 words and ids).
 */
function* splitSteps(bytes: Uint8Array): Steps<string[]> {
  const decoder = new TextDecoder();
  const out: string[] = [];
  for (let from = 0; ; yield) {
    let cut = Math.min(bytes.length, from + DECODE_STEP);
    if (cut < bytes.length) {
      const separator = bytes.indexOf(SEPARATOR_BYTE, cut);
      cut = separator < 0 ? bytes.length : separator;
    }
    const piece = decoder.decode(bytes.subarray(from, cut));
    let start = 0;
    for (let end = piece.indexOf(SEPARATOR); end >= 0; end = piece.indexOf(SEPARATOR, start)) {
      out.push(piece.slice(start, end));
      start = end + SEPARATOR.length;
    }
    out.push(piece.slice(start));
    if (cut >= bytes.length) return out;
    from = cut + 1;
  }
}

/** `decodeIndex` in steps (see runStepsInSlices): the host decodes a large cache without a long pause. */
export function* decodeIndexSteps(bytes: Uint8Array, fingerprint?: string): Steps<SerializedIndex | undefined> {
  try {
    const read = readHeader(bytes);
    if (!read) return undefined;
    const { header } = read;
    if (header.version !== INDEX_FORMAT_VERSION) return undefined;
    if (fingerprint !== undefined && header.fingerprint !== fingerprint) return undefined;
    // Typed-array views need 4-byte alignment: copy once if the buffer does not give it.
    const data = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    let at = read.end;
    const list = (length: number) => {
      if (at + length > data.length) throw new RangeError('truncated');
      const bytes = data.subarray(at, at + length);
      at += align4(length);
      return bytes;
    };
    const ids = header.nIds ? yield* splitSteps(list(header.idsBytes)) : ((at += align4(header.idsBytes)), []);
    yield;
    const terms = header.nTerms ? yield* splitSteps(list(header.termsBytes)) : ((at += align4(header.termsBytes)), []);
    yield;
    if (ids.length !== header.nIds || terms.length !== header.nTerms) return undefined;
    const u32 = (length: number) => {
      if (at + 4 * length > data.length) throw new RangeError('truncated');
      const a = new Uint32Array(data.buffer, data.byteOffset + at, length);
      at += 4 * length;
      return a;
    };
    const f32 = (length: number) => {
      if (at + 4 * length > data.length) throw new RangeError('truncated');
      const a = new Float32Array(data.buffer, data.byteOffset + at, length);
      at += 4 * length;
      return a;
    };
    const groups = header.postings.map((length) => {
      const offsets = u32(header.nTerms + 1);
      const docs = u32(length);
      const norms = f32(header.nIds);
      if (at + 2 * header.nIds > data.length) throw new RangeError('truncated');
      const lengths = new Uint16Array(data.buffer, data.byteOffset + at, header.nIds);
      at += align4(2 * header.nIds);
      if (at + length > data.length) throw new RangeError('truncated');
      const tfs = data.subarray(at, at + length);
      at += align4(length);
      return { offsets, docs, tfs, norms, lengths };
    });
    if (at !== data.length) return undefined;
    return { version: header.version, ids, terms, groups };
  } catch {
    return undefined;
  }
}

function readHeader(bytes: Uint8Array): { header: Header; end: number } | undefined {
  try {
    if (bytes.length < 8) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) return undefined;
    const length = view.getUint32(4, true);
    if (8 + length > bytes.length) return undefined;
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
    if (typeof header?.fingerprint !== 'string' || !Array.isArray(header.postings)) return undefined;
    return { header, end: 8 + align4(length) };
  } catch {
    return undefined;
  }
}
