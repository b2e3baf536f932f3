// Reading one block of the collection format into a paper: field by field, every value checked.
import { parseArxivId, pdfUrl as arxivPdfUrl } from '../arxiv/arxivId';
import type { Paper } from '../model/types';
import { collapseSpace } from '../text/spaces';
import { citeKeyProblem, MAX_CITE_KEY_LENGTH } from '../cite/keyRules';
import { messageExcerpt } from '../text/excerpt';
import { hasInvisible } from '../text/invisible';
import { splitAuthors } from './authors';
import {
  DATE,
  DOI_PREFIX,
  DOI_VALUE,
  EXTERNAL_PDF,
  PARAGRAPH_BREAK,
  type KnownField,
  type RawBlock,
  type RawField,
  type Report,
} from './collectionSyntax';
/** One block as a paper, or undefined (with an error) when it has no title or no arXiv id. */
export function readBlock(block: RawBlock, file: string, report: Report): Paper | undefined {
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
