// CONTRACT (filled in by the citing work): signatures are fixed; bodies are being written.
import type { Paper } from './types';

export const DEFAULT_KEY_PATTERN = '[auth][year][title2]';

/** The key a paper would get before clash resolution. */
export function baseKey(_paper: Paper, _pattern: string = DEFAULT_KEY_PATTERN): string {
  throw new Error('baseKey: not written yet');
}

/** Unique keys for all papers (id -> key): pinned keys kept, clashes suffixed a, b, ... deterministically. */
export function assignKeys(
  _papers: readonly Paper[],
  _pinned: ReadonlyMap<string, string> = new Map(),
  _pattern: string = DEFAULT_KEY_PATTERN,
): Map<string, string> {
  throw new Error('assignKeys: not written yet');
}
