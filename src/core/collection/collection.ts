// The collection format (seeds/papers.txt and users' own collection files):
//
//   Title: A title that may wrap
//     onto indented continuation lines
//   PDF: https://arxiv.org/pdf/2510.01152
//   Summary: First paragraph.   Second paragraph (three spaces mark a paragraph break).
//   ---
//
// Optional fields: Authors, Published, Updated, Categories, Theme, Key, Tags, DOI, Comment,
// Journal-Ref, and ID/arXiv instead of PDF. Unknown fields are kept (in `extra`) with a warning.
import { mergePapers } from '../model/paper';
import type { Paper, Problem } from '../model/types';
import { readBlock } from './collectionEntry';
import {
  FIELD_LINE,
  FIELD_NAMES,
  SEPARATOR,
  URL_SCHEME,
  type RawBlock,
  type RawField,
  type Report,
} from './collectionSyntax';

export interface ParseResult {
  papers: Paper[];
  problems: Problem[];
}

/**
 * Papers by id, in the order first listed: a repeated id merges into its first listing (what the
 * later one states wins; lists and extras are combined) and keeps the first one's place.
 */
export class PaperList {
  readonly papers: Paper[] = [];
  private readonly indexById = new Map<string, number>();

  /** Adds `paper`; when its id is listed already, merges it and returns that first listing. */
  add(paper: Paper): Paper | undefined {
    const earlier = this.indexById.get(paper.id);
    if (earlier === undefined) {
      this.indexById.set(paper.id, this.papers.length);
      this.papers.push(paper);
      return undefined;
    }
    const first = this.papers[earlier]!;
    this.papers[earlier] = { ...mergePapers(first, paper), source: first.source };
    return first;
  }
}

/** Reading a part of a larger text: where the part starts, and the papers of the parts before. */
export interface ContinuedParse {
  /** Line number of the text's first line in the whole file (1-based). */
  firstLine: number;
  /** Papers read so far; this text's papers are added (and merged) into it. */
  into: PaperList;
}

/** A problem reporter that collects into `problems`, naming `file`. */
export function collectProblems(problems: Problem[], file: string): Report {
  return (severity, code, message, line, column, endColumn) => {
    const problem: Problem = { severity, code, message, location: { file, line, column } };
    if (endColumn !== undefined && endColumn > column) problem.end = { line, column: endColumn };
    problems.push(problem);
  };
}

/** One block read into a paper, and where a "duplicate id" warning about it points (its PDF:/ID: field). */
export interface ReadPaper {
  paper: Paper;
  anchor: { line: number; column: number };
}

/**
 * The papers of `text`'s blocks, each read on its own (repeated ids not merged yet): the part of
 * parsing that one block's text decides alone. Lines are numbered from `firstLine`. Never throws.
 */
export function readPapers(
  text: string,
  file: string,
  report: Report,
  firstLine = 1,
  each?: (read: ReadPaper) => void,
): ReadPaper[] {
  let blocks: RawBlock[];
  try {
    blocks = splitBlocks(typeof text === 'string' ? text : '', report, firstLine - 1);
  } catch (err) {
    report('error', 'internal-error', `Could not read the collection: ${String(err)}`, firstLine, 1);
    return [];
  }
  const out: ReadPaper[] = [];
  for (const block of blocks) {
    let paper: Paper | undefined;
    try {
      paper = readBlock(block, file, report);
    } catch (err) {
      report('error', 'internal-error', `Could not read this entry: ${String(err)}`, block.line, 1);
    }
    if (!paper) continue;
    const idField = block.fields.find((f) => f.field === 'pdf' || f.field === 'id');
    const read = { paper, anchor: { line: idField?.line ?? block.line, column: idField?.column ?? 1 } };
    out.push(read);
    each?.(read);
  }
  return out;
}

/** Adds a read paper to `list`; a repeated id merges into its first listing, with a warning. */
export function listPaper(list: PaperList, read: ReadPaper, report: Report): void {
  const first = list.add(read.paper);
  if (!first) return;
  report(
    'warning',
    'duplicate-id',
    `arXiv ${read.paper.id} is already listed at line ${first.source.line}; the two entries are merged (this one wins where they differ).`,
    read.anchor.line,
    read.anchor.column,
  );
}

/**
 * Parses the collection format. Never throws; one broken block costs only that block. With
 * `continued`, the text is a part of a larger one: lines are
 * numbered from `firstLine` and ids repeated from earlier parts merge into `into`.
 */
export function parseCollection(text: string, file = '', continued?: ContinuedParse): ParseResult {
  const problems: Problem[] = [];
  const report = collectProblems(problems, file);
  const list = continued?.into ?? new PaperList();
  // Each block is listed as soon as it is read, so its problems and a repeat's warning stay in order.
  readPapers(text, file, report, continued?.firstLine ?? 1, (read) => listPaper(list, read, report));
  return { papers: list.papers, problems };
}

/** Splits the text into blocks of fields; reports lines that belong to no field. */
function splitBlocks(text: string, report: Report, lineOffset: number): RawBlock[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  const blocks: RawBlock[] = [];
  let block: RawBlock | undefined;
  let current: RawField | undefined;
  let sawTitle = false;

  const close = () => {
    if (block && block.fields.length) blocks.push(block);
    block = undefined;
    current = undefined;
    sawTitle = false;
  };

  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i];
    const lineNo = i + 1 + lineOffset;
    // A byte-order mark inside the text (files joined with cat) is invisible; skip it, keep columns true.
    const shift = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (shift) raw = raw.slice(1);
    if (SEPARATOR.test(raw)) {
      close();
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed === '') {
      // A blank line inside a wrapped value: remembered, becomes a paragraph break if the value goes on.
      if (current) current.parts.push('');
      continue;
    }
    const first = raw.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      if (current) {
        current.parts.push(trimmed);
      } else {
        const column = raw.length - raw.trimStart().length + 1 + shift;
        report(
          'error',
          'orphan-continuation',
          'This indented line continues no field; start the entry with a field such as "Title:".',
          lineNo,
          column,
          raw.trimEnd().length + 1 + shift,
        );
        block ??= { line: lineNo, fields: [] };
      }
      continue;
    }
    const m = FIELD_LINE.exec(raw);
    const rest = m ? raw.slice(m[0].length) : '';
    // 'https://...' at the start of a line is a stray link, not a field called 'https'.
    if (!m || (URL_SCHEME.test(m[1]) && rest.startsWith('//'))) {
      report(
        'error',
        'not-a-field',
        'Expected "Field: value" (e.g. "Title:", "PDF:", "Summary:"), or an indented continuation line; this line is ignored.',
        lineNo,
        1 + shift,
        raw.trimEnd().length + 1 + shift,
      );
      block ??= { line: lineNo, fields: [] };
      current = undefined;
      continue;
    }
    const name = m[1];
    const field = FIELD_NAMES.get(name.toLowerCase());
    if (field === 'title' && sawTitle && block) {
      report(
        'warning',
        'missing-separator',
        'A second "Title:" starts a new entry; add a "---" line before it.',
        lineNo,
        1 + shift,
        m[1].length + 1 + shift,
      );
      close();
    }
    block ??= { line: lineNo, fields: [] };
    if (field === 'title') sawTitle = true;
    current = {
      name,
      field,
      line: lineNo,
      nameColumn: 1 + shift,
      column: m[0].length + 1 + shift,
      parts: [rest.trimEnd()],
    };
    block.fields.push(current);
  }
  close();
  return blocks;
}
