// CONTRACT (filled in by the core-parser work): signatures are fixed; bodies are being written.
import type { Paper, Problem } from './types';

export interface ParseResult {
  papers: Paper[];
  problems: Problem[];
}

/** Parses the collection format. Never throws; one broken block costs only that block. */
export function parseCollection(_text: string, _file = ''): ParseResult {
  throw new Error('parseCollection: not written yet');
}

/** One paper as a block of the collection format, ending with a '---' line (uses `eol`). */
export function formatPaper(_paper: Paper, _eol: '\n' | '\r\n' = '\n'): string {
  throw new Error('formatPaper: not written yet');
}

/** `existing` with `papers` appended: the existing text is kept byte for byte, its line endings followed. */
export function appendPapers(_existing: string, _papers: readonly Paper[]): string {
  throw new Error('appendPapers: not written yet');
}
