// The published version of a paper as a BibTeX entry: @article, @inproceedings, @incollection,
// @book, @phdthesis, @techreport or @misc, with only the fields the record has (never an empty
// one), the fields each classic style requires (an entry that would lack one becomes the next
// best type instead of a bibtex warning), and the arXiv fields so biblatex still links the preprint.
import type { PublishedType, PublishedVersion } from '../published/crossrefWork';
import { encodeBibtexAuthors, encodeBibtexText } from './latexEncoding';
import { type Field, type FormatOptions, arxivFields, authorOrKey, safeDoi, writeEntry } from './entryWriter';

export interface PublishedEntryInput {
  key: string;
  version: PublishedVersion;
  /** An `author` value already in BibTeX form (the entry's own, or the shelf paper's); '' takes the record's. */
  author?: string;
  /** The arXiv id: the eprint field, and the key field's last resort. */
  arxivId: string;
  primaryClass?: string;
  /** Fields of an existing entry that stay as they were (note, keywords, file, ...), after the others. */
  keep?: readonly Field[];
}

/** The type the record can be written as without a missing required field. */
function writableType(v: PublishedVersion, hasAuthor: boolean): PublishedType {
  if (!hasAuthor && !(v.type === 'book' && v.editors.length)) return 'misc';
  switch (v.type) {
    case 'article':
      return v.venue ? 'article' : 'misc';
    case 'inproceedings':
      return v.venue ? 'inproceedings' : 'misc';
    case 'incollection':
      return v.venue ? (v.publisher ? 'incollection' : 'inproceedings') : 'misc';
    case 'book':
      return v.publisher ? 'book' : 'misc';
    case 'phdthesis':
    case 'techreport':
      return v.institution ? v.type : 'misc';
    default:
      return 'misc';
  }
}

const text = (value: string | undefined): string | undefined => {
  const encoded = value ? encodeBibtexText(value) : '';
  return encoded || undefined;
};

/** The entry's type and fields, in the order people expect to read them. */
export function publishedEntryFields(input: PublishedEntryInput): { type: PublishedType; fields: Field[] } {
  const v = input.version;
  const author = input.author?.trim() || encodeBibtexAuthors(v.authors);
  const type = writableType(v, !!author);
  const fields: Field[] = [['title', encodeBibtexText(v.title, { protectCase: true })]];
  const add = (name: string, value: string | undefined) => {
    if (value) fields.push([name, value]);
  };
  if (author || type !== 'book') fields.push(authorOrKey(author, v.title, input.arxivId));
  const editors = encodeBibtexAuthors(v.editors) || undefined;
  const venue = text(v.venue);
  switch (type) {
    case 'article':
      add('journal', venue);
      add('volume', text(v.volume));
      add('number', text(v.number));
      add('pages', text(v.pages));
      break;
    case 'inproceedings':
    case 'incollection':
      add('booktitle', venue);
      add('editor', editors);
      add('series', text(v.series));
      add('volume', text(v.volume));
      add('pages', text(v.pages));
      break;
    case 'book':
      if (!author) add('editor', editors);
      add('series', text(v.series));
      add('volume', text(v.volume));
      break;
    case 'phdthesis':
      add('school', text(v.institution));
      break;
    case 'techreport':
      add('institution', text(v.institution));
      add('number', text(v.number));
      break;
    default:
      // Classic styles print no DOI: without a venue the DOI is the locator.
      add('howpublished', venue ?? text(v.publisher) ?? text(v.institution) ?? (safeDoi(v.doi) && `doi:${v.doi}`));
  }
  add('year', v.year);
  if (type !== 'phdthesis' && type !== 'techreport' && !(type === 'misc' && !venue && v.publisher))
    add('publisher', text(v.publisher));
  add('doi', safeDoi(v.doi));
  fields.push(...arxivFields(input.arxivId, input.primaryClass));
  const written = new Set(fields.map(([name]) => name.toLowerCase()));
  for (const [name, value] of input.keep ?? []) if (!written.has(name.toLowerCase())) fields.push([name, value]);
  return { type, fields };
}

export function formatPublishedEntry(input: PublishedEntryInput, options: FormatOptions = {}): string {
  const { type, fields } = publishedEntryFields(input);
  return writeEntry(type, input.key, fields, options);
}
