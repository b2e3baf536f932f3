// Facts about one paper that every part of the domain shares: its month, and how two records of it merge.
import { submissionMonth } from '../arxiv/arxivId';
import type { PackedTexts } from '../text/packedTexts';
import type { Paper } from './types';

/** 'YYYY-MM' of first submission: from a new-scheme id, else the old-scheme id, else `published`. */
export function monthOf(paper: Paper): string {
  const month = submissionMonth(paper.id) ?? paper.published?.slice(0, 7) ?? '';
  // One string per month, however many papers (a large shelf's entries would each hold their own).
  let same = MONTHS.get(month);
  if (same === undefined && MONTHS.size < MAX_MONTHS) MONTHS.set(month, (same = month));
  return same ?? month;
}

const MONTHS = new Map<string, string>();
/** More months than arXiv has had (12 a year since 1991) and a shelf's odd `published` dates. */
const MAX_MONTHS = 4096;

/** Field-by-field merge: what `later` states wins; lists and extras are combined. */
export function mergePapers(earlier: Paper, later: Paper): Paper {
  return {
    ...earlier,
    ...definedFields(later),
    // The version and its PDF link travel together: a later source naming no version keeps the earlier pair.
    ...(later.version === undefined && earlier.version !== undefined ? { pdfUrl: earlier.pdfUrl } : {}),
    authors: later.authors.length ? later.authors : earlier.authors,
    categories: later.categories.length ? later.categories : earlier.categories,
    tags: [...new Set([...earlier.tags, ...later.tags])],
    extra: { ...earlier.extra, ...later.extra },
  };
}

function definedFields(paper: Paper): Partial<Paper> {
  const out: Partial<Paper> = {};
  for (const [name, value] of Object.entries(paper) as [keyof Paper, unknown][]) {
    if (value !== undefined && value !== '') (out as Record<string, unknown>)[name] = value;
  }
  return out;
}

// Registered symbols: a second copy of this module (a test's, beside the extension's bundle) finds
// the same slots.
const PACKED = Symbol.for('paper-shelf.packedSummaries');
const AT = Symbol.for('paper-shelf.packedSummaryAt');
interface Lent {
  [PACKED]: PackedTexts;
  [AT]: number;
}

/**
 * The `summary` of a paper whose summary is packed: decoded each time it is read. Enumerable like
 * the field it stands for, so spreading the paper, listing its entries or posting it to another
 * thread copies the text; one shared accessor, so every such paper keeps one shape.
 */
const PACKED_SUMMARY: PropertyDescriptor = {
  get(this: Lent): string {
    return this[PACKED].get(this[AT]);
  },
  set(this: Paper, value: string) {
    Object.defineProperty(this, 'summary', { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};

/**
 * Gives papers that came without their summaries (`papers[i]` has its summary at `summaries.get(i)`)
 * a `summary` read from the packed bytes when asked: a large shelf's summaries, most of its text,
 * then stay out of the JavaScript heap of the thread holding the papers. Reading is a decode of
 * about a kilobyte, so a hover or a panel reads it as if it were a string; a pass over every
 * summary (a map of the shelf, discovery on this thread) makes short-lived strings.
 */
export function lendSummaries(papers: readonly Paper[], summaries: PackedTexts): void {
  if (papers.length !== summaries.size) throw new Error(`${summaries.size} summaries came for ${papers.length} papers`);
  for (let i = 0; i < papers.length; i++) {
    // The two slots are not enumerable: a copy of the paper (a spread, a clone) is a plain one.
    Object.defineProperties(papers[i]!, {
      [PACKED]: { value: summaries },
      [AT]: { value: i },
      summary: PACKED_SUMMARY,
    });
  }
}

/** Whether the paper's summary is read from packed bytes (see lendSummaries). */
export function hasLentSummary(paper: Paper): boolean {
  return lentSummaries(paper) !== undefined;
}

/** The packed summaries the paper reads its own from, if it does (for measuring what they hold). */
export function lentSummaries(paper: Paper): PackedTexts | undefined {
  // A summary set later is a plain value: the paper no longer reads the packed one.
  return Object.getOwnPropertyDescriptor(paper, 'summary')?.get ? (paper as Paper & Partial<Lent>)[PACKED] : undefined;
}
