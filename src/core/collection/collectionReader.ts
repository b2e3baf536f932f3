// A collection file read again after it changed: only the blocks whose text changed are parsed
// again. The reader keeps the text it read last and, per block (the text between two `---`
// lines), the papers and problems it gave. A new text is compared with the old one (the common
// start and end, found with the engine's string comparison), the blocks in between are cut
// again, and each is looked up by its text among the old blocks there (a block moved elsewhere
// is not parsed again). Papers of unchanged blocks stay the same objects, so the shelf's themes
// and cite keys computed for them stay valid; only their line numbers follow the edit.
import type { Paper, Problem } from '../model/types';
import type { Steps } from '../runtime/yieldToHost';
import { runSteps } from '../runtime/yieldToHost';
import { PaperList, collectProblems, listPaper, readPapers, type ParseResult, type ReadPaper } from './collection';
import { SEPARATOR } from './collectionSyntax';
import { SNIFF_BYTES, decodeCollection, looksBinary } from './collectionInput';
import {
  type ByteChange,
  type FileRead,
  type SameBytes,
  applyChange,
  bytesOf,
  changedSlice,
  commonBytePrefix,
  commonByteSuffix,
  isByteChange,
} from './byteChange';

export type { SameBytes } from './byteChange';

/** One stretch of text up to and including a `---` line (or the end of the file). */
interface Chunk {
  start: number;
  end: number;
  /** Its offsets in the file's bytes (kept when the reader reads bytes: readBytes). */
  byteStart: number;
  byteEnd: number;
  /** Line number of its first line (1-based). */
  line: number;
  /** Line breaks inside it. */
  breaks: number;
  papers: ReadPaper[];
  problems: Problem[];
}

export interface CollectionUpdate extends ParseResult {
  /** Ids whose paper is new, changed, or gone since the last text (every id on the first). */
  changed: Set<string>;
  /** Blocks parsed for this text (all of them on the first). */
  parsed: number;
  /** Blocks in the text. */
  blocks: number;
  /** The papers by id. */
  byId: ReadonlyMap<string, Paper>;
}

/** Characters compared at a time when looking for the common start and end of two texts. */
const COMPARE = 1 << 16;

/** What readBytes gives: the update, and the problems of the bytes' encoding (decodeCollection's). */
export interface CollectionRead {
  /** Undefined when the bytes are not text (the one problem in `encoding` says so). */
  update: CollectionUpdate | undefined;
  encoding: Problem[];
}

/**
 * A read's new bytes as the reader compares them with its last ones: whole bytes (the common start
 * and end found by comparing), or a change read against them (both known already).
 */
interface NextBytes {
  readonly length: number;
  /** Bytes at the start and end the same as `old`'s (not overlapping). */
  common(old: Uint8Array, same: SameBytes): Steps<{ prefix: number; suffix: number }>;
  /** The new bytes from `start` to `end`. */
  slice(start: number, end: number): Uint8Array;
  /** The new bytes, whole, and whether their buffer is the reader's own; `inPlace`: the last bytes may go. */
  whole(inPlace: boolean): { bytes: Uint8Array; owned: boolean };
}

function nextBytes(read: Uint8Array | { readonly owned: Uint8Array }): NextBytes {
  const bytes = bytesOf(read);
  const owned = !(read instanceof Uint8Array);
  return {
    length: bytes.length,
    *common(old, same) {
      const prefix = commonBytePrefix(old, bytes, same);
      yield;
      const suffix = commonByteSuffix(old, bytes, prefix, same);
      yield;
      return { prefix, suffix };
    },
    slice: (start, end) => bytes.subarray(start, end),
    whole: () => ({ bytes, owned }),
  };
}

function nextOfChange(change: ByteChange, owned: boolean): NextBytes {
  let applied: { bytes: Uint8Array; owned: boolean } | undefined;
  return {
    length: change.length,
    // eslint-disable-next-line require-yield
    *common() {
      return { prefix: change.prefix, suffix: change.suffix };
    },
    slice: (start, end) => changedSlice(change, start, end),
    whole: (inPlace) => (applied ??= { bytes: applyChange(change, owned && inPlace), owned: true }),
  };
}

const FATAL = new TextDecoder('utf-8', { fatal: true });

export class CollectionReader {
  /** The last text; undefined when it was read as bytes (decoded again from `bytes` if needed). */
  private text: string | undefined = '';
  /** The last bytes, when they were read by readBytes and were clean UTF-8 text. */
  private bytes: Uint8Array | undefined;
  /** Whether the last bytes' buffer is the reader's own (a change is applied to it in place). */
  private owned = false;
  private chunks: Chunk[] = [];
  private papersById = new Map<string, Paper>();
  private papers: Paper[] = [];
  /** The last update's problems, in line order. */
  private problems: Problem[] = [];
  /**
   * Offsets the chunks from index `from` on have yet to move by (an edit within lines moves every
   * later chunk's offsets; moving them when next needed keeps an edit from touching each of
   * 100,000 chunks, scattered over the heap). Lines are never pending: papers carry them.
   */
  private pending = { from: 0, chars: 0, bytes: 0 };
  /** Whether the last text listed an id twice (its papers are merges: assembled in full). */
  private merged = false;
  private read = false;

  constructor(
    readonly file: string,
    private readonly sameBytes: SameBytes = sameBytesLoop,
  ) {}

  /**
   * The update for a file's new bytes, with the problems of their encoding. After a clean read,
   * only the bytes that changed are decoded (the common start and end found in bytes, the changed
   * stretch widened to whole blocks); otherwise the whole file is (decodeCollection). The bytes
   * may come as a change of the last ones (readChange, against `cleanBytes`).
   */
  readBytes(read: FileRead): CollectionRead {
    return runSteps(this.readBytesSteps(read));
  }

  /** The last bytes, while the next read can be a change of them (they were clean text). */
  get cleanBytes(): Uint8Array | undefined {
    return this.read ? this.bytes : undefined;
  }

  /** `readBytes` in steps (see runStepsInSlices). */
  *readBytesSteps(read: FileRead): Steps<CollectionRead> {
    let next: NextBytes;
    if (isByteChange(read)) {
      if (read.base !== this.cleanBytes) throw new Error(`${this.file}: a change of bytes this reader does not hold`);
      next = nextOfChange(read, this.owned);
    } else next = nextBytes(read);
    if (this.bytes && this.read) {
      const update = yield* this.changedBytesSteps(next);
      if (update) return { update, encoding: [] };
    }
    // The whole file is decoded; the last bytes stay for the text comparison (updateSteps).
    const { bytes, owned } = next.whole(false);
    const decoded = decodeCollection(bytes, this.file);
    if (decoded.text === undefined) {
      this.reset();
      return { update: undefined, encoding: decoded.problems };
    }
    const update = yield* this.updateSteps(decoded.text);
    if (!decoded.problems.length) {
      yield* this.measureBytes(decoded.text, bytes);
      this.bytes = bytes;
      this.owned = owned;
      this.text = undefined;
    }
    return { update, encoding: decoded.problems };
  }

  private reset(): void {
    this.text = '';
    this.bytes = undefined;
    this.owned = false;
    this.chunks = [];
    this.pending = { from: 0, chars: 0, bytes: 0 };
    this.papersById = new Map();
    this.papers = [];
    this.problems = [];
    this.merged = false;
    this.read = false;
  }

  /** Sets every chunk's byte offsets for `text`, whose UTF-8 bytes are `bytes`. */
  private *measureBytes(text: string, bytes: Uint8Array): Steps<void> {
    if (text.length === bytes.length) {
      // Valid UTF-8 as long as its text: every character is one byte.
      for (const c of this.chunks) {
        c.byteStart = c.start;
        c.byteEnd = c.end;
      }
      return;
    }
    let at = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      c.byteStart = at;
      at += utf8Length(text, c.start, c.end);
      c.byteEnd = at;
      if ((i & 1023) === 1023) yield;
    }
  }

  /**
   * The update for new bytes compared with the last ones: undefined when it cannot be made from the
   * changed stretch alone (bytes that are not clean UTF-8 there, binary at the start, no blocks).
   */
  private *changedBytesSteps(bytes: NextBytes): Steps<CollectionUpdate | undefined> {
    const old = this.bytes!;
    const chunks = this.chunks;
    if (!chunks.length) return undefined;
    const { prefix, suffix } = yield* bytes.common(old, this.sameBytes);
    if (prefix < SNIFF_BYTES && looksBinary(bytes.slice(0, Math.min(bytes.length, SNIFF_BYTES)))) return undefined;
    const delta = bytes.length - old.length;
    const from = this.chunkAtByte(prefix);
    let to = Math.min(chunks.length, Math.max(from + 1, this.chunkAtByte(old.length - suffix - 1) + 1));
    this.settle(to);
    const startByte = chunks[from]!.byteStart;
    const startChar = chunks[from]!.start;
    const startLine = chunks[from]!.line;
    for (;;) {
      const endByte = chunks[to - 1]!.byteEnd;
      let text: string;
      try {
        text = FATAL.decode(bytes.slice(startByte, endByte + delta));
      } catch {
        return undefined;
      }
      const oldText = FATAL.decode(old.subarray(startByte, endByte));
      const reusable = new Map<string, Chunk[]>();
      for (let i = from; i < to; i++) {
        const c = chunks[i]!;
        const key = oldText.slice(c.start - startChar, c.end - startChar);
        const list = reusable.get(key);
        if (list) list.push(c);
        else reusable.set(key, [c]);
      }
      const ascii = text.length === endByte + delta - startByte;
      // Reused chunks are moved only once the stretch is settled (moving one moves its papers' lines).
      const fresh: (Chunk | { reused: Chunk; start: number; line: number; byteStart: number })[] = [];
      let parsed = 0;
      let line = startLine;
      let at = 0;
      let byteAt = startByte;
      let closed = true;
      while (at < text.length) {
        const end = chunkEnd(text, at);
        const body = text.slice(at, end);
        const breaks = countBreaks(body);
        const bytesOf = ascii ? end - at : utf8Length(text, at, end);
        const reused = reusable.get(body)?.shift();
        if (reused) {
          fresh.push({ reused, start: startChar + at, line, byteStart: byteAt });
        } else {
          const chunk = this.parseChunk(body, startChar + at, startChar + end, line, breaks);
          chunk.byteStart = byteAt;
          chunk.byteEnd = byteAt + bytesOf;
          fresh.push(chunk);
          parsed++;
          if ((parsed & 15) === 15) yield;
        }
        at = end;
        byteAt += bytesOf;
        line += breaks;
        closed = endsWithSeparator(body);
      }
      // The stretch's last block runs on into the next one (its `---` line was removed): take that one in too.
      if (!closed && to < chunks.length) {
        this.settle(++to);
        continue;
      }
      const settled = fresh.map((c) => {
        if (!('reused' in c)) return c;
        const moved = { ...c.reused };
        shiftChunk(moved, c.start - c.reused.start, c.line - c.reused.line, c.byteStart - c.reused.byteStart);
        return moved;
      });
      const charShift = text.length - oldText.length;
      const lineShift = line - (chunks[to]?.line ?? line);
      this.shiftRest(to, charShift, lineShift, delta);
      // The last bytes are needed no more: a change is applied to them in place where it can be.
      ({ bytes: this.bytes, owned: this.owned } = bytes.whole(true));
      this.text = undefined;
      yield;
      return this.replaceChunks(from, to, settled, parsed, false);
    }
  }

  /** Index of the chunk holding byte `offset` (the last chunk for the end of the bytes). */
  private chunkAtByte(offset: number): number {
    return this.chunkAt(offset, 'byteEnd');
  }

  /** Whether a text was read: the next update parses only what changed. */
  get hasRead(): boolean {
    return this.read;
  }

  /** The papers and problems of `text` (what parseCollection gives), parsing only what changed. */
  update(text: string): CollectionUpdate {
    return runSteps(this.updateSteps(text));
  }

  /** `update` in steps (see runStepsInSlices): a first read of a large file yields between blocks. */
  *updateSteps(text: string): Steps<CollectionUpdate> {
    this.settle(this.chunks.length);
    const old = this.text ?? (this.bytes ? FATAL.decode(this.bytes) : '');
    this.bytes = undefined;
    this.owned = false;
    const first = !this.read;
    let from = 0;
    let to = 0;
    let unchangedFrom = 0;
    if (!first) {
      const prefix = commonPrefix(old, text);
      const suffix = commonSuffix(old, text, prefix);
      unchangedFrom = text.length - suffix;
      from = this.chunkAt(prefix);
      // Up to the old chunk holding the last changed character (a pure insertion: the chunk it lands in).
      to = Math.min(this.chunks.length, Math.max(from + 1, this.chunkAt(old.length - suffix - 1) + 1));
    }
    const delta = text.length - old.length;
    // Old chunks in the changed stretch, by text: a block that moved is reused, not parsed.
    const reusable = new Map<string, Chunk[]>();
    for (let i = from; i < to; i++) {
      const c = this.chunks[i]!;
      const key = old.slice(c.start, c.end);
      const list = reusable.get(key);
      if (list) list.push(c);
      else reusable.set(key, [c]);
    }
    const fresh: Chunk[] = [];
    let parsed = 0;
    let line = this.chunks[from]?.line ?? 1;
    let at = this.chunks[from]?.start ?? 0;
    let next = from;
    while (at < text.length) {
      const end = chunkEnd(text, at);
      const body = text.slice(at, end);
      const breaks = countBreaks(body);
      const reused = reusable.get(body)?.shift();
      if (reused) {
        // A copy: the old chunk's offsets still tell where the old text's boundaries were.
        const moved = { ...reused };
        shiftChunk(moved, at - reused.start, line - reused.line, 0);
        fresh.push(moved);
      } else {
        fresh.push(this.parseChunk(body, at, end, line, breaks));
        parsed++;
        if ((parsed & 15) === 15) yield;
      }
      at = end;
      line += breaks;
      if (first) continue;
      // Past the change and on an old chunk boundary: the old chunks from there on are the same text.
      while (next < this.chunks.length && this.chunks[next]!.start + delta < at) next++;
      if (at >= unchangedFrom && next < this.chunks.length && this.chunks[next]!.start + delta === at) break;
    }
    if (at >= text.length) next = this.chunks.length;
    const lineShift = line - (this.chunks[next]?.line ?? line);
    this.shiftRest(next, delta, lineShift, 0);
    this.settle(this.chunks.length);
    this.text = text;
    yield;
    return this.replaceChunks(from, next, fresh, parsed, first);
  }

  /** The update after the chunks from `from` up to `next` were replaced by `fresh` (the ones after already moved). */
  private replaceChunks(from: number, next: number, fresh: Chunk[], parsed: number, first: boolean): CollectionUpdate {
    const replaced = this.chunks.slice(from, next);
    // Papers and problems before the stretch: those on lines before its first (no chunk before it touched).
    const startLine = this.chunks[from]?.line ?? 1;
    this.chunks = [...this.chunks.slice(0, from), ...fresh, ...this.chunks.slice(next)];
    if (this.pending.from >= next) this.pending.from += fresh.length - (next - from);
    this.read = true;
    return (!first && this.splice(startLine, replaced, fresh, parsed)) || this.assemble(first, parsed);
  }

  /**
   * Makes the offsets of the chunks up to index `upTo` (not included) final: the pending move is
   * made on the chunks from its start up to there (the chunks between the last edit and this one).
   */
  private settle(upTo: number): void {
    const p = this.pending;
    if (p.from >= upTo) return;
    if (p.chars || p.bytes)
      for (let i = p.from; i < upTo && i < this.chunks.length; i++) shiftChunk(this.chunks[i]!, p.chars, 0, p.bytes);
    if (upTo >= this.chunks.length) this.pending = { from: this.chunks.length, chars: 0, bytes: 0 };
    else p.from = upTo;
  }

  /**
   * Moves the chunks from index `from` on (their offsets settled before `from`) by an edit before
   * them: their lines at once (papers carry them), their offsets when they are next needed.
   */
  private shiftRest(from: number, chars: number, lines: number, bytes: number): void {
    const p = this.pending;
    if (from >= this.chunks.length) return;
    if (lines) {
      // Every later paper's line changes: the chunks are all visited anyway.
      this.settle(this.chunks.length);
      for (let i = from; i < this.chunks.length; i++) shiftChunk(this.chunks[i]!, chars, lines, bytes);
      return;
    }
    if (!p.chars && !p.bytes) {
      this.pending = { from, chars, bytes };
      return;
    }
    // Those up to the pending move's start move now (the chunks between this edit and the last).
    for (let i = from; i < p.from && i < this.chunks.length; i++) shiftChunk(this.chunks[i]!, chars, 0, bytes);
    p.chars += chars;
    p.bytes += bytes;
  }

  /**
   * The papers after replacing the chunks `replaced` (the first on line `startLine`) by `fresh`,
   * without going through the others; undefined when an id is listed twice (a merge), and
   * everything is assembled again.
   */
  private splice(
    startLine: number,
    replaced: readonly Chunk[],
    fresh: readonly Chunk[],
    parsed: number,
  ): CollectionUpdate | undefined {
    if (this.merged) return undefined;
    // Without merges the papers are in line order: those before the stretch are on earlier lines.
    const before = firstAtLine(this.papers, startLine, (p) => p.source.line);
    const out = replaced.flatMap((c) => c.papers.map((r) => r.paper));
    const into = fresh.flatMap((c) => c.papers.map((r) => r.paper));
    const leaving = new Set(out.map((p) => p.id));
    const arriving = new Set<string>();
    for (const p of into) {
      if (arriving.has(p.id) || (this.papersById.has(p.id) && !leaving.has(p.id))) return undefined;
      arriving.add(p.id);
    }
    const byId = this.papersById;
    const changed = new Set<string>();
    for (const p of out) if (byId.get(p.id) === p) byId.delete(p.id);
    for (const p of into) byId.set(p.id, p);
    for (const p of out) if (byId.get(p.id) !== p) changed.add(p.id);
    for (const p of into) if (!out.includes(p)) changed.add(p.id);
    this.papers = [...this.papers.slice(0, before), ...into, ...this.papers.slice(before + out.length)];
    this.problems = spliceProblems(this.problems, startLine, replaced, fresh) ?? this.allProblems();
    return { papers: this.papers, problems: this.problems, changed, parsed, blocks: this.papers.length, byId };
  }

  /** Every chunk's problems, in line order. */
  private allProblems(): Problem[] {
    const problems: Problem[] = [];
    for (const c of this.chunks) for (const p of c.problems) problems.push(p);
    return problems.sort(byPlace);
  }

  private parseChunk(body: string, start: number, end: number, line: number, breaks: number): Chunk {
    const problems: Problem[] = [];
    const papers = readPapers(body, this.file, collectProblems(problems, this.file), line);
    return { start, end, byteStart: 0, byteEnd: 0, line, breaks, papers, problems };
  }

  /** Index of the chunk holding text offset `offset` (the last chunk for the end of the text); of byte `offset` by `byteEnd`. */
  private chunkAt(offset: number, end: 'end' | 'byteEnd' = 'end'): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    if (hi < 0) return 0;
    const p = this.pending;
    const moved = end === 'end' ? p.chars : p.bytes;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.chunks[mid]![end] + (mid >= p.from ? moved : 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Papers merged by id in order, problems in line order, and which ids changed. */
  private assemble(first: boolean, parsed: number): CollectionUpdate {
    const problems: Problem[] = [];
    const report = collectProblems(problems, this.file);
    const list = new PaperList();
    let blocks = 0;
    for (const c of this.chunks) {
      for (const p of c.problems) problems.push(p);
      for (const read of c.papers) listPaper(list, read, report);
      blocks += c.papers.length;
    }
    problems.sort(byPlace);
    this.problems = problems;
    const byId = new Map<string, Paper>();
    const changed = new Set<string>();
    for (const paper of list.papers) {
      byId.set(paper.id, paper);
      if (first || this.papersById.get(paper.id) !== paper) changed.add(paper.id);
    }
    for (const id of this.papersById.keys()) if (!byId.has(id)) changed.add(id);
    this.papersById = byId;
    this.papers = list.papers;
    this.merged = blocks !== list.papers.length;
    return { papers: list.papers, problems, changed, parsed, blocks, byId };
  }
}

/** Problems in line order. */
function byPlace(a: Problem, b: Problem): number {
  return a.location.line - b.location.line || a.location.column - b.location.column;
}

/** Index of the first item on line `line` or later, in a list in line order. */
function firstAtLine<T>(items: readonly T[], line: number, lineOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lineOf(items[mid]!) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The problems in line order after the chunks `replaced` (from line `startLine`) gave way to
 * `fresh`, found by line without visiting the other chunks; undefined when the list is not as
 * expected there (the caller then collects every chunk's).
 */
function spliceProblems(
  problems: readonly Problem[],
  startLine: number,
  replaced: readonly Chunk[],
  fresh: readonly Chunk[],
): Problem[] | undefined {
  const at = firstAtLine(problems, startLine, (p) => p.location.line);
  const out = new Set(replaced.flatMap((c) => c.problems));
  for (let i = at; i < at + out.size; i++) if (!out.has(problems[i]!)) return undefined;
  const into = fresh.flatMap((c) => c.problems).sort(byPlace);
  const after = problems[at + out.size];
  const last = into.at(-1);
  if (into.length && ((at > 0 && byPlace(problems[at - 1]!, into[0]!) > 0) || (after && byPlace(last!, after) > 0)))
    return undefined;
  return [...problems.slice(0, at), ...into, ...problems.slice(at + out.size)];
}

/** Moves a reused chunk: its offsets by `offset` (bytes by `bytes`), its lines (and its papers' and problems') by `lines`. */
function shiftChunk(c: Chunk, offset: number, lines: number, bytes: number): void {
  c.start += offset;
  c.end += offset;
  c.byteStart += bytes;
  c.byteEnd += bytes;
  if (!lines) return;
  c.line += lines;
  for (const { paper, anchor } of c.papers) {
    paper.source = { ...paper.source, line: paper.source.line + lines };
    anchor.line += lines;
  }
  for (const p of c.problems) {
    p.location = { ...p.location, line: p.location.line + lines };
    if (p.end) p.end = { ...p.end, line: p.end.line + lines };
  }
}

/** Offset just after the next `---` line from `at` (or the end of the text). */
function chunkEnd(text: string, at: number): number {
  let lineStart = at;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const cr = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? 1 : 0;
    if (text.charCodeAt(lineStart) === 45 /* - */ && SEPARATOR.test(text.slice(lineStart, lineEnd - cr)))
      return Math.min(text.length, lineEnd + 1);
    lineStart = lineEnd + 1;
  }
  return text.length;
}

/** Whether a chunk ends with a `---` line and its line break (one that does not ran to the end of its text). */
function endsWithSeparator(body: string): boolean {
  let end = body.length;
  // Without a final line break the next text goes on the same line.
  if (body.charCodeAt(end - 1) !== 10) return false;
  end--;
  if (body.charCodeAt(end - 1) === 13) end--;
  return SEPARATOR.test(body.slice(body.lastIndexOf('\n', end - 1) + 1, end));
}

/** UTF-8 bytes of `text` from `start` to `end` (a lone surrogate, as the decoder never gives, counts three). */
function utf8Length(text: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/** The default SameBytes: a loop over the bytes. */
function sameBytesLoop(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Line breaks in a chunk as the parser counts them (\r\n, \r or \n). */
function countBreaks(body: string): number {
  let n = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) n++;
  // A lone \r (old Mac files) is a line break too; a chunk of such a file is the whole file.
  for (let i = body.indexOf('\r'); i !== -1; i = body.indexOf('\r', i + 1)) if (body.charCodeAt(i + 1) !== 10) n++;
  return n;
}

/** Length of the longest common start of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARE <= n && a.slice(i, i + COMPARE) === b.slice(i, i + COMPARE)) i += COMPARE;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the longest common end of `a` and `b` that does not overlap their common start. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (
    i + COMPARE <= n &&
    a.slice(a.length - i - COMPARE, a.length - i) === b.slice(b.length - i - COMPARE, b.length - i)
  )
    i += COMPARE;
  while (i < n && a.charCodeAt(a.length - i - 1) === b.charCodeAt(b.length - i - 1)) i++;
  return i;
}
