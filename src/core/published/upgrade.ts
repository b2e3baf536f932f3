// Upgrading a .bib file: which entries are preprints (of arXiv papers, by eprint, url or doi),
// what each would become with its published version, and the text with the kept upgrades applied.
// Only the upgraded entries' own text changes; their keys, and every byte around them, stay.
import { arxivIdOfBibEntry, type BibEntry } from '../bibtex/bibParse';
import type { Field, FormatOptions } from '../bibtex/entryWriter';
import { formatPublishedEntry } from '../bibtex/publishedEntry';
import type { Paper } from '../model/types';
import type { PublishedVersion } from './crossrefWork';
import { isArxivDoi } from './crossrefWork';
import type { PublishedQuery } from './lookup';

export interface PreprintEntry {
  entry: BibEntry;
  arxivId: string;
  /** What to look up: the entry's DOI (or the shelf paper's), its title and year. */
  query: PublishedQuery;
  primaryClass?: string;
}

/** Journal names that stand for arXiv itself (Google Scholar's, dblp's CoRR). */
const PREPRINT_VENUE = /arxiv|^\s*corr\s*$|preprint|^\s*$/i;
const PREPRINT_TYPES = new Set([
  'misc',
  'online',
  'electronic',
  'www',
  'unpublished',
  'preprint',
  'techreport',
  'report',
]);

/** True when the entry cites the arXiv preprint rather than a publication. */
export function isPreprintEntry(entry: BibEntry): boolean {
  const f = entry.fields;
  if (entry.type === 'article') return PREPRINT_VENUE.test(f['journal'] ?? f['journaltitle'] ?? '');
  if (entry.type === 'techreport' || entry.type === 'report') return PREPRINT_VENUE.test(f['institution'] ?? '');
  return PREPRINT_TYPES.has(entry.type);
}

/** The preprint entries of a parsed .bib, with what to look up for each (the shelf fills in a missing DOI or title). */
export function preprintEntries(
  entries: readonly BibEntry[],
  shelf: (arxivId: string) => Paper | undefined,
): PreprintEntry[] {
  const found: PreprintEntry[] = [];
  for (const entry of entries) {
    const arxivId = arxivIdOfBibEntry(entry);
    if (!arxivId || !isPreprintEntry(entry)) continue;
    const paper = shelf(arxivId);
    const f = entry.fields;
    const ownDoi = f['doi'] && !isArxivDoi(f['doi']) ? f['doi'] : undefined;
    const paperDoi = paper?.doi && !isArxivDoi(paper.doi) ? paper.doi : undefined;
    const year =
      /\d{4}/.exec(f['year'] ?? f['date'] ?? '')?.[0] ?? paper?.updated?.slice(0, 4) ?? paper?.published?.slice(0, 4);
    found.push({
      entry,
      arxivId,
      query: { title: f['title'] ?? paper?.title ?? '', doi: ownDoi ?? paperDoi, year: year ?? '' },
      primaryClass: f['primaryclass'] ?? f['eprintclass'] ?? paper?.categories[0],
    });
  }
  return found;
}

/** Fields a published entry writes anew or that only locate the preprint; everything else is kept. */
const REPLACED = new Set(
  (
    'title author key journal journaltitle booktitle volume number issue pages year date month publisher doi ' +
    'howpublished eprint archiveprefix eprinttype primaryclass eprintclass arxivid arxiv editor series school ' +
    'institution type'
  ).split(' '),
);

function keptFields(entry: BibEntry): Field[] {
  const kept: Field[] = [];
  for (const [name, value] of Object.entries(entry.fields)) {
    if (REPLACED.has(name)) continue;
    if (name === 'url' && /arxiv\.org|doi\.org\/10\.48550/i.test(value)) continue;
    if ((name === 'note' || name === 'addendum') && /arxiv/i.test(value)) continue;
    if (name === 'options' && /^\s*eprint\s*=\s*false\s*$/i.test(value)) continue; // the portable form's own
    kept.push([name, value]);
  }
  return kept;
}

/** The line ending and field indentation an entry is written with. */
export function entryLayout(text: string, entry: BibEntry): Required<Pick<FormatOptions, 'eol' | 'indent'>> {
  const source = text.slice(entry.start, entry.end);
  return { eol: source.includes('\r\n') ? '\r\n' : '\n', indent: /\n([ \t]+)\S/.exec(source)?.[1] ?? '  ' };
}

/** The published entry that replaces a preprint entry: same key (as written), its author field and other fields kept. */
export function upgradedEntry(text: string, item: PreprintEntry, version: PublishedVersion): string {
  return formatPublishedEntry(
    {
      key: text.slice(item.entry.keyStart, item.entry.keyEnd),
      version,
      author: item.entry.fields['author'],
      arxivId: item.arxivId,
      primaryClass: item.primaryClass,
      keep: keptFields(item.entry),
    },
    entryLayout(text, item.entry),
  );
}

/** `text` with each entry's [start, end) replaced by its new text; nothing else changes. */
export function applyUpgrades(text: string, upgrades: readonly { entry: BibEntry; after: string }[]): string {
  const sorted = [...upgrades].sort((a, b) => b.entry.start - a.entry.start);
  let out = text;
  for (const { entry, after } of sorted) out = out.slice(0, entry.start) + after + out.slice(entry.end);
  return out;
}
