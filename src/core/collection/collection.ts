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
import { formatArxivId, parseArxivId, pdfUrl as arxivPdfUrl } from '../arxiv/arxivId';
import { mergePapers } from '../shelf/shelf';
import { citeKeyProblem, MAX_CITE_KEY_LENGTH } from '../cite/keyRules';
import { messageExcerpt } from '../text/excerpt';
import { hasInvisible } from '../text/invisible';
import type { Paper, Problem, Severity } from '../model/types';

export interface ParseResult {
  papers: Paper[];
  problems: Problem[];
}

/** Stable codes of the problems parseCollection reports. */
export const COLLECTION_PROBLEM_CODES = [
  'missing-title',
  'missing-id',
  'invalid-id',
  'conflicting-id',
  'invalid-pdf',
  'invalid-date',
  'invalid-key',
  'invalid-doi',
  'unknown-field',
  'duplicate-field',
  'duplicate-id',
  'missing-separator',
  'not-a-field',
  'orphan-continuation',
  'internal-error',
] as const;

type KnownField =
  | 'title'
  | 'pdf'
  | 'id'
  | 'summary'
  | 'authors'
  | 'published'
  | 'updated'
  | 'categories'
  | 'theme'
  | 'key'
  | 'tags'
  | 'doi'
  | 'comment'
  | 'journalRef';

/** Field names as users may write them (lower-cased) -> the field they mean. */
const FIELD_NAMES: ReadonlyMap<string, KnownField> = new Map([
  ['title', 'title'],
  ['pdf', 'pdf'],
  ['id', 'id'],
  ['arxiv', 'id'],
  ['summary', 'summary'],
  ['abstract', 'summary'],
  ['authors', 'authors'],
  ['author', 'authors'],
  ['published', 'published'],
  ['updated', 'updated'],
  ['categories', 'categories'],
  ['category', 'categories'],
  ['theme', 'theme'],
  ['key', 'key'],
  ['tags', 'tags'],
  ['tag', 'tags'],
  ['doi', 'doi'],
  ['comment', 'comment'],
  ['comments', 'comment'],
  ['journal-ref', 'journalRef'],
  ['journal_ref', 'journalRef'],
  ['journalref', 'journalRef'],
]);

const SEPARATOR = /^-{3,}[ \t]*$/;
const FIELD_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*/;
const PARAGRAPH_BREAK = /[ \t]{3,}/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOI_VALUE = /^10\.\d{4,9}\/\S+$/;
const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:[ \t]*)/i;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const URL_SCHEME = /^(?:https?|ftp|file)$/i;
const EXTERNAL_PDF = /^https:\/\/[^\s/]+\.[^\s/]+\/\S*$/i;

/** One field as written: its name, where its value starts, and its (possibly wrapped) value lines. */
interface RawField {
  name: string;
  field: KnownField | undefined;
  line: number;
  /** Column of the field's name (1, or 2 after a stray byte-order mark). */
  nameColumn: number;
  /** Column where the value starts. */
  column: number;
  /** Value pieces: the first line's value, then each continuation line (trimmed); '' marks a blank line. */
  parts: string[];
}

interface RawBlock {
  line: number;
  fields: RawField[];
}

/** Parses the collection format. Never throws; one broken block costs only that block. */
export function parseCollection(text: string, file = ''): ParseResult {
  const problems: Problem[] = [];
  const report: Report = (severity, code, message, line, column, endColumn) => {
    const problem: Problem = { severity, code, message, location: { file, line, column } };
    if (endColumn !== undefined && endColumn > column) problem.end = { line, column: endColumn };
    problems.push(problem);
  };

  let blocks: RawBlock[];
  try {
    blocks = splitBlocks(typeof text === 'string' ? text : '', report);
  } catch (err) {
    report('error', 'internal-error', `Could not read the collection: ${String(err)}`, 1, 1);
    return { papers: [], problems };
  }

  const papers: Paper[] = [];
  const indexById = new Map<string, number>();
  for (const block of blocks) {
    let paper: Paper | undefined;
    try {
      paper = readBlock(block, file, report);
    } catch (err) {
      report('error', 'internal-error', `Could not read this entry: ${String(err)}`, block.line, 1);
    }
    if (!paper) continue;
    const earlier = indexById.get(paper.id);
    if (earlier === undefined) {
      indexById.set(paper.id, papers.length);
      papers.push(paper);
    } else {
      const first = papers[earlier];
      const idField = block.fields.find((f) => f.field === 'pdf' || f.field === 'id');
      report(
        'warning',
        'duplicate-id',
        `arXiv ${paper.id} is already listed at line ${first.source.line}; the two entries are merged (this one wins where they differ).`,
        idField?.line ?? block.line,
        idField?.column ?? 1,
      );
      papers[earlier] = { ...mergePapers(first, paper), source: first.source };
    }
  }
  return { papers, problems };
}

/** A stable problem code of this parser (see COLLECTION_PROBLEM_CODES). */
export type CollectionProblemCode = (typeof COLLECTION_PROBLEM_CODES)[number];

type Report = (
  severity: Severity,
  code: CollectionProblemCode,
  message: string,
  line: number,
  column: number,
  endColumn?: number,
) => void;

/** Splits the text into blocks of fields; reports lines that belong to no field. */
function splitBlocks(text: string, report: Report): RawBlock[] {
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
    const lineNo = i + 1;
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

/** One block as a paper, or undefined (with an error) when it has no title or no arXiv id. */
function readBlock(block: RawBlock, file: string, report: Report): Paper | undefined {
  const seen = new Map<string, RawField>();
  const values = new Map<KnownField, RawField>();
  const extra: Record<string, string> = {};
  for (const f of block.fields) {
    const lower = f.name.toLowerCase();
    const key = f.field ?? lower;
    const previous = seen.get(key);
    if (previous) {
      report(
        'warning',
        'duplicate-field',
        `"${truncate(f.name, 40)}" is given twice in this entry (first at line ${previous.line}); the later value is used.`,
        f.line,
        f.nameColumn,
        f.nameColumn + f.name.length,
      );
    }
    seen.set(key, f);
    if (f.field) {
      values.set(f.field, f);
    } else {
      report(
        'warning',
        'unknown-field',
        `Unknown field "${truncate(f.name, 40)}"; it is kept as written but not used.`,
        f.line,
        f.nameColumn,
        f.nameColumn + f.name.length,
      );
      for (const other of Object.keys(extra)) if (other.toLowerCase() === lower) delete extra[other];
      extra[f.name] = joinLine(f.parts);
    }
  }

  const titleField = values.get('title');
  const title = titleField ? joinLine(titleField.parts) : '';
  // The id: from PDF: (a URL or an id), else ID:/arXiv:.
  const idSource = readId(values.get('pdf'), values.get('id'), report);
  if (!title) {
    const where = titleField ? { line: titleField.line, column: titleField.column } : { line: block.line, column: 1 };
    report(
      'error',
      'missing-title',
      `This entry has no title${idSource ? ` (arXiv ${idSource.id})` : ''}; it is skipped.`,
      where.line,
      where.column,
    );
  }
  if (!idSource) {
    if (!values.get('pdf') && !values.get('id')) {
      report(
        'error',
        'missing-id',
        `"${truncate(title || 'This entry')}" has no "PDF:" (or "ID:") line with an arXiv link or id; it is skipped.`,
        block.line,
        1,
      );
    }
  }

  // The other fields are read (and their problems reported) even when the entry is skipped,
  // so one pass over the Problems view shows everything there is to fix.
  const paper: Paper = {
    id: idSource?.id ?? '',
    title,
    summary: joinParagraphs(values.get('summary')?.parts ?? []),
    pdfUrl: idSource ? (idSource.externalPdf ?? arxivPdfUrl(idSource.id, idSource.version)) : '',
    authors: [],
    categories: [],
    tags: [],
    extra,
    source: { file, line: block.line, column: 1 },
  };
  if (idSource?.version !== undefined) paper.version = idSource.version;

  const authors = values.get('authors');
  if (authors) paper.authors = splitAuthors(joinLine(authors.parts));
  for (const which of ['published', 'updated'] as const) {
    const f = values.get(which);
    if (!f) continue;
    const value = joinLine(f.parts);
    if (!value) continue;
    if (isValidDate(value)) paper[which] = value;
    else
      report(
        'error',
        'invalid-date',
        `"${truncate(value)}" is not a date of the form YYYY-MM-DD; "${f.name}" is ignored.`,
        f.line,
        f.column,
        f.column + f.parts[0].length,
      );
  }
  const categories = values.get('categories');
  if (categories)
    paper.categories = unique(
      joinLine(categories.parts)
        .split(/[\s,]+/)
        .filter(Boolean),
    );
  const theme = values.get('theme');
  if (theme) {
    const value = joinLine(theme.parts);
    if (value) paper.theme = value;
  }
  const key = values.get('key');
  if (key) {
    const value = joinLine(key.parts);
    const why = value ? citeKeyProblem(value) : undefined;
    if (value && !why) paper.key = value;
    else if (value)
      report(
        'error',
        'invalid-key',
        `"${truncate(value)}" cannot be a cite key: ${why}. Keys use letters, digits and _ with single : . - / + between them (at most ${MAX_CITE_KEY_LENGTH} characters), so LaTeX, BibTeX, biber and Pandoc read them alike; this paper keeps its generated key.`,
        key.line,
        key.column,
        key.column + key.parts[0].length,
      );
  }
  const tags = values.get('tags');
  if (tags)
    paper.tags = unique(
      joinLine(tags.parts)
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    );
  const doiField = values.get('doi');
  if (doiField) {
    const value = joinLine(doiField.parts).replace(DOI_PREFIX, '');
    if (DOI_VALUE.test(value)) paper.doi = value;
    else if (value)
      report(
        'error',
        'invalid-doi',
        `"${truncate(value)}" is not a DOI (10.NNNN/...); "DOI:" is ignored.`,
        doiField.line,
        doiField.column,
        doiField.column + doiField.parts[0].length,
      );
  }
  const comment = values.get('comment');
  if (comment) {
    const value = joinLine(comment.parts);
    if (value) paper.comment = value;
  }
  const journalRef = values.get('journalRef');
  if (journalRef) {
    const value = joinLine(journalRef.parts);
    if (value) paper.journalRef = value;
  }
  return idSource && title ? paper : undefined;
}

interface IdSource {
  id: string;
  version?: number;
  /** A PDF link outside arXiv (an https URL the user gave alongside "ID:"). */
  externalPdf?: string;
}

/**
 * The arXiv id named by PDF: and/or ID:. PDF: may also point outside arXiv when ID: names the
 * paper. Reports unreadable and conflicting values.
 */
function readId(pdf: RawField | undefined, idField: RawField | undefined, report: Report): IdSource | undefined {
  const valueOf = (f: RawField | undefined) => (f ? joinLine(f.parts) : '');
  const endOf = (f: RawField) => f.column + f.parts[0].length;
  const pdfValue = valueOf(pdf);
  const idValue = valueOf(idField);
  // An id with a bidirectional or invisible character in it is not read: what shows is not what it is.
  const fromPdf = pdfValue && !hasInvisible(pdfValue) ? parseArxivId(pdfValue) : undefined;
  const fromId = idValue && !hasInvisible(idValue) ? parseArxivId(idValue) : undefined;
  if (idField && !fromId) {
    const message = idValue
      ? `"${truncate(idValue)}" is not an arXiv id (e.g. 2510.01152 or hep-th/9901001).`
      : `"${idField.name}:" is empty; give an arXiv id.`;
    report('error', 'invalid-id', message, idField.line, idField.column, endOf(idField));
  }
  if (fromPdf) {
    if (fromId && idField && fromId.id !== fromPdf.id) {
      report(
        'warning',
        'conflicting-id',
        `"${idField.name}:" names ${fromId.id} but "PDF:" names ${fromPdf.id}; the PDF link is used.`,
        idField.line,
        idField.column,
        endOf(idField),
      );
    }
    return fromPdf;
  }
  if (pdf) {
    if (fromId && EXTERNAL_PDF.test(pdfValue)) return { ...fromId, externalPdf: pdfValue };
    if (fromId) {
      report(
        'warning',
        'invalid-pdf',
        `"${truncate(pdfValue)}" is neither an arXiv link nor an https link; the arXiv PDF of ${fromId.id} is used instead.`,
        pdf.line,
        pdf.column,
        endOf(pdf),
      );
      return fromId;
    }
    const message = pdfValue
      ? `"${truncate(pdfValue)}" is not an arXiv link or id (e.g. https://arxiv.org/pdf/2510.01152); add "ID: <arXiv id>" for a PDF hosted elsewhere.`
      : `"${pdf.name}:" is empty; give an arXiv link or id.`;
    report('error', 'invalid-id', message, pdf.line, pdf.column, endOf(pdf));
    return undefined;
  }
  return fromId;
}

/** Joins wrapped lines into one line with single spaces. */
function joinLine(parts: readonly string[]): string {
  return collapseSpace(parts.join(' '));
}

/** Joins wrapped lines keeping paragraph breaks (3+ spaces, or a blank line) as "\n\n". */
function joinParagraphs(parts: readonly string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const p = collapseSpace(current.join(' '));
    if (p) paragraphs.push(p);
    current = [];
  };
  for (const part of parts) {
    if (part === '') {
      flush();
      continue;
    }
    const pieces = part.split(PARAGRAPH_BREAK);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) flush();
      current.push(pieces[i]);
    }
  }
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Authors separated by ';', or by ' and ' and ','. BibTeX-style "Last, First and Last, First"
 * (every ' and '-part has exactly one comma) becomes "First Last".
 */
export function splitAuthors(value: string): string[] {
  const text = collapseSpace(value);
  if (!text) return [];
  if (text.includes(';')) return clean(text.split(';'));
  const byAnd = text.split(/\s+and\s+/);
  if (byAnd.length > 1 && byAnd.every((p) => p.split(',').length === 2 && !/,\s*$/.test(p))) {
    return clean(
      byAnd.map((p) => {
        const [last, firstName] = p.split(',');
        return `${firstName.trim()} ${last.trim()}`;
      }),
    );
  }
  return clean(byAnd.flatMap((p) => p.split(',')));

  function clean(names: string[]): string[] {
    return names.map((n) => n.replace(/^and\s+/, '').trim()).filter(Boolean);
  }
}

function isValidDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** What a message quotes of a value: a short excerpt, unseen characters written out. */
function truncate(value: string, max = 60): string {
  return messageExcerpt(value, max);
}

// ---------------------------------------------------------------------------------------------
// Writing

const WRAP = 80;
const INDENT = '  ';

/** One paper as a block of the collection format, ending with a '---' line (uses `eol`). */
export function formatPaper(paper: Paper, eol: '\n' | '\r\n' = '\n'): string {
  const lines: string[] = [];
  const field = (name: string, value: string | undefined) => {
    const v = value === undefined ? '' : oneLine(value);
    if (v) lines.push(...wrap(`${name}: `, v.split(' ')));
  };
  lines.push(...wrap('Title: ', oneLine(paper.title).split(' ').filter(Boolean)));
  const ownPdf = parseArxivId(paper.pdfUrl)?.id === paper.id;
  if (ownPdf || !EXTERNAL_PDF.test(paper.pdfUrl)) {
    lines.push(`PDF: ${arxivPdfUrl(paper.id, paper.version)}`);
  } else {
    // A PDF hosted elsewhere: the id travels on its own line.
    lines.push(`PDF: ${paper.pdfUrl}`, `ID: ${formatArxivId(paper.id, paper.version)}`);
  }
  field('Authors', formatAuthors(paper.authors));
  field('Published', paper.published);
  field('Updated', paper.updated);
  field('Categories', paper.categories.map(oneLine).filter(Boolean).join(' '));
  field('Theme', paper.theme);
  field('Key', paper.key);
  field('Tags', paper.tags.map(oneLine).filter(Boolean).join(', '));
  field('DOI', paper.doi);
  field('Journal-Ref', paper.journalRef);
  field('Comment', paper.comment);
  for (const [name, value] of Object.entries(paper.extra)) {
    if (FIELD_NAME.test(name) && !FIELD_NAMES.has(name.toLowerCase()) && !URL_SCHEME.test(name)) field(name, value);
  }
  const summary = summaryTokens(paper.summary);
  if (summary.length) lines.push(...wrap('Summary: ', summary));
  lines.push('---');
  return lines.map((l) => l + eol).join('');
}

/** `existing` with `papers` appended: the existing text is kept byte for byte, its line endings followed. */
export function appendPapers(existing: string, papers: readonly Paper[]): string {
  if (!papers.length) return existing;
  const eol: '\n' | '\r\n' = /\r\n/.test(existing) ? '\r\n' : '\n';
  let out = existing;
  const content = existing.replace(/^\ufeff/, '');
  if (content.trim()) {
    if (!/[\r\n]$/.test(out)) out += eol;
    const lastLine =
      content
        .replace(/[\s]+$/, '')
        .split(/\r\n|\r|\n/)
        .pop() ?? '';
    if (!SEPARATOR.test(lastLine)) out += `---${eol}`;
  }
  return out + papers.map((p) => formatPaper(p, eol)).join('');
}

function formatAuthors(authors: readonly string[]): string {
  const names = authors.map((a) => oneLine(a).replace(/;/g, ',')).filter(Boolean);
  // ' and ' reads naturally; ';' when a name itself holds a comma or the word 'and'.
  const needsSemicolons = names.some((n) => n.includes(',') || /(^|\s)and(\s|$)/.test(n));
  if (!needsSemicolons) return names.join(' and ');
  // A lone 'Lovelace, Ada' needs a ';' too, or it would read as two authors.
  return names.length === 1 ? `${names[0]};` : names.join('; ');
}

/** Words of the summary; a paragraph break glues two words with 3 spaces so no wrap can lose it. */
function summaryTokens(summary: string): string[] {
  const paragraphs = summary
    .split(/\n[ \t]*\n/)
    .map((p) => oneLine(p))
    .filter(Boolean);
  const tokens: string[] = [];
  for (const p of paragraphs) {
    const words = p.split(' ');
    if (tokens.length) tokens[tokens.length - 1] += `   ${words.shift()}`;
    tokens.push(...words);
  }
  return tokens;
}

/** Greedy wrap at WRAP columns; continuation lines are indented. A too-long word gets its own line. */
function wrap(head: string, tokens: readonly string[]): string[] {
  const lines: string[] = [];
  let line = head.trimEnd();
  let empty = true;
  for (const token of tokens) {
    if (!token) continue;
    if (empty) {
      line = head + token;
      empty = false;
    } else if (line.length + 1 + token.length <= WRAP) {
      line += ` ${token}`;
    } else {
      lines.push(line);
      line = INDENT + token;
    }
  }
  lines.push(line);
  return lines;
}

function oneLine(value: string): string {
  return collapseSpace(value);
}

const UNUSUAL_SPACE = /[^\S ]| {2}/;

/** White space runs as single spaces, trimmed; the common already-clean case skips the rewrite. */
function collapseSpace(value: string): string {
  return UNUSUAL_SPACE.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
}
