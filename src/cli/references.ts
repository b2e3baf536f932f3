// What a document refers to: every arXiv id (any form) and every shelf cite key in it, found by
// the same recognisers as the extension's hovers (core/arxivId findArxivIds, core/citeKeys findCiteKeys).
import { findArxivIds } from '../core/arxiv/arxivId';
import { findCiteKeys, type CiteStyle } from '../core/cite/citeKeys';
import type { Shelf } from '../core/shelf/shelf';
import type { ShelfEntry } from '../core/model/types';

export interface Reference {
  /** Canonical arXiv id without version (for a key: its paper's id). */
  id: string;
  /** The text as written in the document. */
  text: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like an editor's column. */
  column: number;
  entry?: ShelfEntry;
  kind: 'id' | 'key';
}

/** A cite key inside a LaTeX citation command that is not on the shelf. */
export interface ForeignKey {
  key: string;
  line: number;
  column: number;
  style: CiteStyle;
}

export interface DocumentReferences {
  references: Reference[];
  /** Keys cited in the document that the shelf does not know (they may come from another .bib). */
  foreignKeys: ForeignKey[];
}

export function findReferences(text: string, shelf: Shelf): DocumentReferences {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };

  const found: (Reference & { start: number })[] = [];
  for (const match of findArxivIds(text)) {
    found.push({
      id: match.id,
      text: match.text,
      ...position(match.start),
      entry: shelf.get(match.id),
      kind: 'id',
      start: match.start,
    });
  }
  const idRanges = found.map((r) => [r.start, r.start + r.text.length] as const);
  const foreignKeys: ForeignKey[] = [];
  for (const match of findCiteKeys(text)) {
    // A key written as an arXiv id (\cite{2510.01152}) is already reported as that id.
    if (idRanges.some(([s, e]) => match.start < e && s < match.end)) continue;
    const entry = shelf.byKey(match.key);
    if (entry) {
      found.push({
        id: entry.paper.id,
        text: match.key,
        ...position(match.start),
        entry,
        kind: 'key',
        start: match.start,
      });
    } else {
      foreignKeys.push({ key: match.key, ...position(match.start), style: match.style });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return { references: found.map(({ start: _start, ...ref }) => ref), foreignKeys };
}
