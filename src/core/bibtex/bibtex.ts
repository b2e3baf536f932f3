// The BibTeX entries Paper Shelf writes, which real `bibtex` and `biber` accept whatever the title
// holds: the preprint in one of the entry forms (entryWriter.ts), or the published version when
// one is known (publishedEntry.ts).
//
// Titles and names on the shelf are TeX-ish source (arXiv metadata is written in TeX): they are
// read by texReading.ts and re-encoded in 7-bit-safe LaTeX by latexEncoding.ts; .bib files are
// read by bibParse.ts.
//
// The default form, 'portable', shows the arXiv id exactly once under every classic style (plain,
// unsrt, alpha, abbrv, acm, apalike, ieeetr, siam), the natbib styles and biblatex's standard
// styles: classic styles print only `howpublished` (and `note`) of a @misc, natbib also prints
// `url` (so there is none), and biblatex prints `howpublished` and, unless told otherwise per
// entry, `eprint` (so `options = {eprint=false}`). The eprint fields stay for tools that read them.
import { absUrl, submissionMonth } from '../arxiv/arxivId';
import type { Paper } from '../model/types';
import type { PublishedVersion } from '../published/crossrefWork';
import { encodeBibtexAuthors, encodeBibtexText } from './latexEncoding';
import {
  type Field,
  type FormatOptions,
  arxivCitation,
  arxivFields,
  authorOrKey,
  safeDoi,
  writeEntry,
} from './entryWriter';
import { formatPublishedEntry } from './publishedEntry';

export type { EntryForm, FormatOptions } from './entryWriter';
export { ENTRY_FORMS } from './entryWriter';

export interface BibtexEntryInput {
  paper: Paper;
  key: string;
  /** The paper's published version: written instead of the preprint when given. */
  published?: PublishedVersion;
}

/** Year of the latest version (arXiv's own convention), else of the first, from dates or the id. */
export function bibtexYear(paper: Paper): string {
  const date = paper.updated ?? paper.published;
  if (date && /^\d{4}/.test(date)) return date.slice(0, 4);
  return submissionMonth(paper.id)?.slice(0, 4) ?? '';
}

/**
 * The entry of a paper: its published version when `published` is given, else the preprint in
 * `options.form` (default 'portable'; 'arxiv' is arXiv's own "Export BibTeX citation": title,
 * author, year, eprint, archivePrefix, primaryClass, doi, url). Without authors a `key` field is
 * written so bibtex styles can sort and label the entry without warnings.
 */
export function formatBibtexEntry({ paper, key, published }: BibtexEntryInput, options: FormatOptions = {}): string {
  const primary = paper.categories[0];
  if (published) {
    return formatPublishedEntry(
      { key, version: published, author: encodeBibtexAuthors(paper.authors), arxivId: paper.id, primaryClass: primary },
      options,
    );
  }
  const form = options.form ?? 'portable';
  const fields: Field[] = [['title', encodeBibtexText(paper.title, { protectCase: true })]];
  fields.push(authorOrKey(encodeBibtexAuthors(paper.authors), paper.title, paper.id));
  const locator = arxivCitation(paper.id, primary);
  if (form === 'scholar') fields.push(['journal', `arXiv preprint arXiv:${paper.id}`]);
  if (form === 'portable') fields.push(['howpublished', locator]);
  const year = bibtexYear(paper);
  if (year) fields.push(['year', year]);
  fields.push(...arxivFields(paper.id, primary));
  const doi = safeDoi(paper.doi);
  if (doi && !/^10\.48550\//i.test(doi)) fields.push(['doi', doi]);
  if (form === 'arxiv') fields.push(['url', absUrl(paper.id)]);
  // biblatex prints both howpublished/journal and eprint: one of them is enough.
  if (form === 'portable' || form === 'scholar') fields.push(['options', 'eprint=false']);
  return writeEntry(form === 'scholar' ? 'article' : 'misc', key, fields, options);
}

/** Several entries separated by blank lines, ending with a line break. */
export function formatBibtexEntries(entries: readonly BibtexEntryInput[], options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  return entries.map((e) => formatBibtexEntry(e, options)).join(eol + eol) + eol;
}
