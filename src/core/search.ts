// CONTRACT (filled in by the search work): signatures are fixed; bodies are being written.
import type { ShelfEntry } from './types';

export interface SearchResult {
  id: string;
  score: number;
}

export interface SearchOptions {
  limit?: number;
}

/** The one full-text index over the shelf (title boosted, summary, id, key, theme, authors, tags). */
export class ShelfSearch {
  /** Replaces the indexed entries. */
  setEntries(_entries: readonly ShelfEntry[]): void {
    throw new Error('setEntries: not written yet');
  }
  search(_query: string, _options: SearchOptions = {}): SearchResult[] {
    throw new Error('search: not written yet');
  }
  /** The papers most similar to `id` (not including it). */
  related(_id: string, _limit = 5): SearchResult[] {
    throw new Error('related: not written yet');
  }
}
