import type { Paper, ShelfEntry } from '../../src/core/model/types';

/** A Paper with every required field filled; tests name only what they are about. */
export function makePaper(over: Partial<Paper> & { id: string }): Paper {
  return {
    title: `Title of ${over.id}`,
    summary: '',
    pdfUrl: `https://arxiv.org/pdf/${over.id}`,
    authors: [],
    categories: [],
    tags: [],
    extra: {},
    source: { file: '', line: 1, column: 1 },
    ...over,
  };
}

/** A ShelfEntry around `paper`, keyed by its id unless told otherwise. */
export function makeEntry(paper: Paper, over: Partial<Omit<ShelfEntry, 'paper'>> = {}): ShelfEntry {
  return { paper, key: paper.id, theme: 'Other', month: '2025-10', sourceId: 'test', starred: false, ...over };
}
