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

/** One stretch of text up to and including a `---` line (or the end of the file). */
interface Chunk {
  start: number;
  end: number;
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

export class CollectionReader {
  private text = '';
  private chunks: Chunk[] = [];
  private papersById = new Map<string, Paper>();
  private papers: Paper[] = [];
  /** Whether the last text listed an id twice (its papers are merges: assembled in full). */
  private merged = false;
  private read = false;

  constructor(readonly file: string) {}

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
    const old = this.text;
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
        shiftChunk(moved, at - reused.start, line - reused.line);
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
    const rest = this.chunks.slice(next);
    const lineShift = line - (rest[0]?.line ?? line);
    for (const c of rest) shiftChunk(c, delta, lineShift);
    const replaced = this.chunks.slice(from, next);
    let before = 0;
    for (let i = 0; i < from; i++) before += this.chunks[i]!.papers.length;
    this.chunks = [...this.chunks.slice(0, from), ...fresh, ...rest];
    this.text = text;
    this.read = true;
    yield;
    return (!first && this.splice(before, replaced, fresh, parsed)) || this.assemble(first, parsed);
  }

  /**
   * The papers after replacing the chunks `replaced` (whose papers start at index `before`) by
   * `fresh`, without going through the others; undefined when an id is listed twice (a merge), and
   * everything is assembled again.
   */
  private splice(
    before: number,
    replaced: readonly Chunk[],
    fresh: readonly Chunk[],
    parsed: number,
  ): CollectionUpdate | undefined {
    if (this.merged) return undefined;
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
    const problems: Problem[] = [];
    for (const c of this.chunks) for (const p of c.problems) problems.push(p);
    problems.sort(byPlace);
    return { papers: this.papers, problems, changed, parsed, blocks: this.papers.length, byId };
  }

  private parseChunk(body: string, start: number, end: number, line: number, breaks: number): Chunk {
    const problems: Problem[] = [];
    const papers = readPapers(body, this.file, collectProblems(problems, this.file), line);
    return { start, end, line, breaks, papers, problems };
  }

  /** Index of the chunk holding text offset `offset` (the last chunk for the end of the text). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.chunks[mid]!.end <= offset) lo = mid + 1;
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

/** Moves a reused chunk: its offsets by `offset`, its lines (and its papers' and problems') by `lines`. */
function shiftChunk(c: Chunk, offset: number, lines: number): void {
  c.start += offset;
  c.end += offset;
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
