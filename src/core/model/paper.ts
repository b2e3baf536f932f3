// Facts about one paper that every part of the domain shares: its month, and how two records of it merge.
import { submissionMonth } from '../arxiv/arxivId';
import type { Paper } from './types';

/** 'YYYY-MM' of first submission: from a new-scheme id, else the old-scheme id, else `published`. */
export function monthOf(paper: Paper): string {
  return submissionMonth(paper.id) ?? paper.published?.slice(0, 7) ?? '';
}

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
