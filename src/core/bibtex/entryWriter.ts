// The parts every entry Paper Shelf writes shares, preprint or published: the layout of an entry,
// the author-or-key field that lets every style sort and label it, and the arXiv fields biblatex
// and reference managers read (eprint, archivePrefix, primaryClass).
import { collapseSpace } from '../text/spaces';
import { encodeBibtexAuthors, encodeBibtexText } from './latexEncoding';

/**
 * How a preprint entry is written (setting paperShelf.bibtex.entryForm). What each prints under
 * each style is measured by test/unit/bibtex/bibtexReal.test.ts and tabled in the README.
 */
export type EntryForm = 'portable' | 'scholar' | 'eprint' | 'arxiv';
export const ENTRY_FORMS: readonly EntryForm[] = ['portable', 'scholar', 'eprint', 'arxiv'];

export interface FormatOptions {
  eol?: '\n' | '\r\n';
  /** Indentation of the fields; two spaces by default. */
  indent?: string;
  /** Pad the field names so the `=` signs line up (as the rest of the file does; see bibLayout). */
  align?: boolean;
  /** Default 'portable'. */
  form?: EntryForm;
}

export type Field = [name: string, value: string];

/** `@type{key,` then one `name = {value},` line per field, then `}`. */
export function writeEntry(type: string, key: string, fields: readonly Field[], options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  const indent = options.indent ?? '  ';
  const width = options.align ? Math.max(...fields.map(([name]) => name.length)) : 0;
  const body = fields.map(([name, value]) => `${indent}${name.padEnd(width)} = {${value}},`).join(eol);
  return `@${type}{${key},${eol}${body}${eol}}`;
}

/**
 * natbib turns author names and the key field into \bibitem[Label(Year)]: a bare parenthesis or
 * square bracket in them ("A. Smith (MIT)") would end the label early, so those are braced.
 */
export function braceParentheses(value: string): string {
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

/**
 * `author`, or without authors a `key` field, so bibtex styles can sort and label the entry
 * without warnings (it only sorts and labels; styles stop at 500 characters, entry-string-size).
 * `encodedAuthors` is an author field value already in BibTeX form.
 */
export function authorOrKey(encodedAuthors: string, title: string, fallback: string): Field {
  const authors = braceParentheses(encodedAuthors);
  if (authors) return ['author', authors];
  return ['key', braceParentheses(encodeBibtexText(sortLabel(title))) || fallback];
}

/** Authors as an `author` value (empty when there are none). */
export function encodedAuthors(authors: readonly string[]): string {
  return encodeBibtexAuthors(authors);
}

const SAFE_CLASS = /^[A-Za-z-]+(\.[A-Za-z-]+)?$/;
const SAFE_DOI = /^10\.\d{4,9}\/[^\s{}%\\"#]+$/;

/** eprint, archivePrefix and primaryClass (when it is a well-formed category). */
export function arxivFields(id: string, primaryClass: string | undefined): Field[] {
  const fields: Field[] = [
    ['eprint', id],
    ['archivePrefix', 'arXiv'],
  ];
  if (primaryClass && SAFE_CLASS.test(primaryClass)) fields.push(['primaryClass', primaryClass]);
  return fields;
}

/** The arXiv listing's own way to cite a paper: "arXiv:2510.01152 [cs.CL]". */
export function arxivCitation(id: string, primaryClass: string | undefined): string {
  return primaryClass && SAFE_CLASS.test(primaryClass) ? `arXiv:${id} [${primaryClass}]` : `arXiv:${id}`;
}

/** A DOI safe to write in a field (no braces, spaces, %, quotes, #, backslash). */
export function safeDoi(doi: string | undefined): string | undefined {
  return doi && SAFE_DOI.test(doi) ? doi : undefined;
}
