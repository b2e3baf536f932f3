// arXiv-style @misc entries that real `bibtex` and `biber` accept whatever the title holds.
//
// Titles and names on the shelf are TeX-ish source (arXiv metadata is written in TeX): they are
// read by texReading.ts and re-encoded in 7-bit-safe LaTeX by latexEncoding.ts; .bib files are
// read by bibParse.ts.
import { absUrl, submissionMonth } from '../arxiv/arxivId';
import type { Paper } from '../model/types';
import { encodeBibtexAuthors, encodeBibtexText } from './latexEncoding';
import { collapseSpace } from '../text/spaces';

export interface BibtexEntryInput {
  paper: Paper;
  key: string;
}

export interface FormatOptions {
  eol?: '\n' | '\r\n';
  /** Indentation of the fields; two spaces by default. */
  indent?: string;
}

/** Year of the latest version (arXiv's own convention), else of the first, from dates or the id. */
export function bibtexYear(paper: Paper): string {
  const date = paper.updated ?? paper.published;
  if (date && /^\d{4}/.test(date)) return date.slice(0, 4);
  return submissionMonth(paper.id)?.slice(0, 4) ?? '';
}

const SAFE_DOI = /^10\.\d{4,9}\/[^\s{}%\\"#]+$/;
const SAFE_CLASS = /^[A-Za-z-]+(\.[A-Za-z-]+)?$/;

/**
 * An arXiv-style entry (the fields and order of arXiv's "Export BibTeX citation"):
 * title, author, year, eprint, archivePrefix, primaryClass, doi, url. Without authors a
 * `key` field is written so bibtex styles can sort and label the entry without warnings.
 */
export function formatBibtexEntry({ paper, key }: BibtexEntryInput, options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  const indent = options.indent ?? '  ';
  const fields: [string, string][] = [];
  const title = encodeBibtexText(paper.title, { protectCase: true });
  fields.push(['title', title]);
  // Author names and the key field become natbib's \bibitem[Label(Year)]: a bare parenthesis or
  // square bracket in them ("A. Smith (MIT)") would end the label early, so those are braced.
  const authors = braceParentheses(encodeBibtexAuthors(paper.authors));
  if (authors) fields.push(['author', authors]);
  // The key field only sorts and labels; bibtex styles stop at 500 characters (entry-string-size).
  else fields.push(['key', braceParentheses(encodeBibtexText(sortLabel(paper.title))) || paper.id]);
  const year = bibtexYear(paper);
  if (year) fields.push(['year', year]);
  fields.push(['eprint', paper.id]);
  fields.push(['archivePrefix', 'arXiv']);
  const primary = paper.categories[0];
  if (primary && SAFE_CLASS.test(primary)) fields.push(['primaryClass', primary]);
  if (paper.doi && SAFE_DOI.test(paper.doi) && !/^10\.48550\//i.test(paper.doi)) fields.push(['doi', paper.doi]);
  fields.push(['url', absUrl(paper.id)]);
  const body = fields.map(([name, value]) => `${indent}${name} = {${value}},`).join(eol);
  return `@misc{${key},${eol}${body}${eol}}`;
}

function braceParentheses(value: string): string {
  return value.replace(/[()[\]]/g, (c) => `{${c}}`);
}

/** The title's first 100 characters, cut at a space when there is one: enough to sort by. */
function sortLabel(title: string): string {
  const flat = collapseSpace(title);
  if (flat.length <= 100) return flat;
  const cut = flat.slice(0, 100);
  const space = cut.lastIndexOf(' ');
  return space > 50 ? cut.slice(0, space) : cut;
}

/** Several entries separated by blank lines, ending with a line break. */
export function formatBibtexEntries(entries: readonly BibtexEntryInput[], options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  return entries.map((e) => formatBibtexEntry(e, options)).join(eol + eol) + eol;
}
