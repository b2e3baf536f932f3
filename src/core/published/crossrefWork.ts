// Crossref work records (the `message` of GET /works/{doi}) as the published version of a paper:
// what kind of publication it is, its venue, volume, pages, year and publisher, read defensively
// because real records are often incomplete (no issue date, no pages, JATS markup in the title).

/** The BibTeX entry types a published version can take. */
export type PublishedType = 'article' | 'inproceedings' | 'incollection' | 'book' | 'phdthesis' | 'techreport' | 'misc';

export interface PublishedVersion {
  type: PublishedType;
  doi: string;
  /** Plain Unicode text, markup removed. */
  title: string;
  /** 'First Last', in order; empty when the record names none. */
  authors: string[];
  /** Journal, proceedings or book title (plain text); '' when the record names none. */
  venue: string;
  /** The series of a book or proceedings volume (Crossref lists it before the volume's title). */
  series?: string;
  /** Editors of the book or proceedings, 'First Last'. */
  editors: string[];
  volume?: string;
  number?: string;
  /** '123--145', or an article number. */
  pages?: string;
  /** Four digits, always: from the issue date, else the record's other dates, else the venue. */
  year: string;
  publisher?: string;
  /** The institution of a thesis or report. */
  institution?: string;
}

/** The subset of a Crossref work the mapping reads; everything is optional in real records. */
export interface CrossrefWorkRecord {
  DOI?: unknown;
  type?: unknown;
  title?: unknown;
  subtitle?: unknown;
  'container-title'?: unknown;
  'short-container-title'?: unknown;
  author?: unknown;
  editor?: unknown;
  volume?: unknown;
  issue?: unknown;
  page?: unknown;
  'article-number'?: unknown;
  publisher?: unknown;
  issued?: unknown;
  'published-print'?: unknown;
  'published-online'?: unknown;
  published?: unknown;
  created?: unknown;
  event?: unknown;
  institution?: unknown;
  [other: string]: unknown;
}

/** Crossref types that are not a publication of the paper (its preprint, a review of it, a part of it). */
const NOT_A_PUBLICATION = new Set(['posted-content', 'peer-review', 'component', 'grant', 'journal-issue', 'journal']);

const TYPE_OF: Record<string, PublishedType> = {
  'journal-article': 'article',
  'proceedings-article': 'inproceedings',
  'book-chapter': 'incollection',
  'book-section': 'incollection',
  'book-part': 'incollection',
  'reference-entry': 'incollection',
  book: 'book',
  monograph: 'book',
  'edited-book': 'book',
  'reference-book': 'book',
  dissertation: 'phdthesis',
  report: 'techreport',
  'report-component': 'techreport',
};

/** Text of a JATS/HTML fragment as Crossref writes titles: tags removed, entities decoded. */
export function stripMarkup(text: string): string {
  return decodeEntities(
    text
      .replace(/<(sub|inf)>([^<]*)<\/\1>/gi, (_m, _t, inner: string) => inner)
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A non-empty, trimmed string, or undefined ("null", "" and non-strings are nothing). */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const t = stripMarkup(value);
  return t && !/^(null|undefined|n\/a|none|-)$/i.test(t) ? t : undefined;
}

/** The first usable string of a Crossref string list (or a lone string). */
export function first(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = text(v);
      if (t) return t;
    }
    return undefined;
  }
  return text(value);
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter((t): t is string => !!t);
}

function people(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const person of value) {
    if (!person || typeof person !== 'object') continue;
    const p = person as Record<string, unknown>;
    const name = [text(p['given']), text(p['family'])].filter(Boolean).join(' ') || text(p['name']);
    if (name) names.push(name);
  }
  return names;
}

/** The year of a Crossref date ({"date-parts": [[2019, 6, 1]]}), when it has a plausible one. */
function yearOf(date: unknown): string | undefined {
  const parts = (date as { 'date-parts'?: unknown } | undefined)?.['date-parts'];
  const y = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
  const n = typeof y === 'string' ? Number(y) : y;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1000 && n <= 2999 ? String(n) : undefined;
}

/** A year named in a venue ("Proceedings of ICML 2021", "NeurIPS '22" is not trusted). */
function yearInText(value: string | undefined): string | undefined {
  const years = value?.match(/(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g);
  return years ? years[years.length - 1] : undefined;
}

/**
 * The record as a published version, or undefined with the reason when it is not one (an arXiv
 * DOI, a preprint, a review). `fallbackYear` (the preprint's year) is used when the record has
 * no date at all and its venue names no year.
 */
export function publishedVersionOf(
  record: CrossrefWorkRecord,
  fallbackYear: string,
): { version: PublishedVersion } | { reason: string } {
  const doi = text(record.DOI);
  if (!doi) return { reason: 'the Crossref record has no DOI' };
  if (isArxivDoi(doi)) return { reason: `${doi} is arXiv's DOI for the preprint itself` };
  const crossrefType = text(record.type) ?? '';
  if (NOT_A_PUBLICATION.has(crossrefType))
    return { reason: `the Crossref record of ${doi} is a ${crossrefType.replace(/-/g, ' ')}, not a publication` };
  const type = TYPE_OF[crossrefType] ?? 'misc';
  const title = [first(record.title), first(record.subtitle)].filter(Boolean).join(': ');
  if (!title) return { reason: `the Crossref record of ${doi} has no title` };
  const event = (record.event ?? {}) as Record<string, unknown>;
  const containers = list(record['container-title']);
  // A chapter or proceedings paper in a series: ["Lecture Notes in Computer Science", "Computer Vision – ECCV 2016"].
  const inSeries = containers.length > 1 && (type === 'incollection' || type === 'inproceedings');
  const venue =
    type === 'book'
      ? ''
      : ((inSeries ? containers[containers.length - 1] : containers[0]) ??
        text(event['name']) ??
        first(record['short-container-title']) ??
        '');
  const series = type === 'book' ? containers[0] : inSeries ? containers[0] : undefined;
  const year =
    yearOf(record.issued) ??
    yearOf(record['published-print']) ??
    yearOf(record['published-online']) ??
    yearOf(record.published) ??
    yearOf(event['start']) ??
    yearInText(venue) ??
    yearInText(text(event['name'])) ??
    yearOf(record.created) ??
    fallbackYear;
  const page = first(record.page)?.replace(/\s*[-–—]+\s*/g, '--');
  const institution = Array.isArray(record.institution)
    ? first(record.institution.map((i) => (i as { name?: unknown } | null)?.name))
    : undefined;
  return {
    version: {
      type,
      doi,
      title,
      authors: people(record.author),
      venue,
      series,
      editors: people(record.editor),
      volume: first(record.volume),
      number: first(record.issue),
      pages: page ?? first(record['article-number']),
      year,
      publisher: first(record.publisher),
      institution,
    },
  };
}

/** arXiv's own DOIs (10.48550/arXiv.<id>) name the preprint, never a publication. */
export function isArxivDoi(doi: string): boolean {
  return /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?10\.48550\//i.test(doi.trim());
}

/** A DOI as written in a field or URL, in its bare form ('10.1234/x'), or undefined when it is none. */
export function normalizeDoi(value: string | undefined): string | undefined {
  const m = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)$/i.exec(value?.trim() ?? '');
  return m ? m[1] : undefined;
}

/** "Published in VENUE (YEAR)", as hovers, the summary panel and the CLI say it (plain text). */
export function publishedIn(v: PublishedVersion): string {
  if (v.venue) return `Published in ${v.venue} (${v.year})`;
  if (v.type === 'book' && v.publisher) return `Published as a book by ${v.publisher} (${v.year})`;
  if (v.publisher) return `Published by ${v.publisher} (${v.year})`;
  return `Published (${v.year})`;
}

/** The DOI as a link (https://doi.org/...), each character a URL may not hold escaped. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}
