// The index's field groups, its postings and the form the cache stores (shared by the index and its builder).
import type { ShelfEntry } from '../model/types';
import { runSteps, type Steps } from '../runtime/yieldToHost';

/** Field groups, each with its own postings, length normalisation and boost. */
export const TITLE = 0;
export const NAMES = 1; // id, cite key, authors, tags
export const THEME = 2;
export const SUMMARY = 3;
export const GROUPS = 4;
export const BOOST = [6, 5, 1.5, 1];
/** BM25 length normalisation per group: titles a little, names and themes not at all. */
export const B = [0.5, 0, 0, 0.75];
export const K1 = 1.2;
/** Groups whose hits put a paper in the "matched in its title or names" tier. */
export const STRONG_MASK = (1 << TITLE) | (1 << NAMES);
export const ALL_GROUPS = (1 << GROUPS) - 1;
export const SHORT_PREFIX_GROUPS = (1 << TITLE) | (1 << NAMES) | (1 << THEME);

export interface Postings {
  /** offsets[t]..offsets[t+1] index `docs`/`tfs` for term t. */
  offsets: Uint32Array;
  /** Document numbers, ascending within a term. */
  docs: Uint32Array;
  /** Term frequency in that document's field group, capped at 255. */
  tfs: Uint8Array;
  /** Per document: K1 * (1 - b + b * length / average length). */
  norms: Float32Array;
  /** Per document: words in this field group (capped at 65535); what the norms are made of. */
  lengths: Uint16Array;
}

/**
 * The norms of a group's documents from their lengths: the average is over the documents
 * `alive` says are indexed (all when omitted), so an index patched in place scores as a rebuilt one.
 */
export function normsOf(lengths: Uint16Array, g: number, alive?: Uint8Array): Float32Array {
  let total = 0;
  let count = 0;
  for (let d = 0; d < lengths.length; d++) {
    if (alive && !alive[d]) continue;
    total += lengths[d];
    count++;
  }
  const average = Math.max(1, total / Math.max(1, count));
  const norms = new Float32Array(lengths.length);
  for (let d = 0; d < lengths.length; d++) norms[d] = K1 * (1 - B[g] + (B[g] * lengths[d]) / average);
  return norms;
}

/** What the cache stores: the sorted words and the postings; the exact-match tables are rebuilt. */
export interface SerializedIndex {
  version: number;
  ids: string[];
  terms: readonly string[];
  groups: Postings[];
}

/** 3: the groups' document lengths are stored (an index can be patched after a restore). */
export const INDEX_FORMAT_VERSION = 3;

/**
 * A build's work as steps for runSteps/runStepsInSlices: each step works for about `budgetMs`
 * and `onStep` (progress) runs after every step that did not finish the build.
 */
export function* buildSteps(build: IndexBuild, budgetMs: number, onStep?: () => void): Steps<void> {
  while (!build.step(budgetMs)) {
    onStep?.();
    yield;
  }
}

/** A build that can run in slices: `step(ms)` works for about `ms` and says whether it is done. */
export interface IndexBuild {
  step(budgetMs: number): boolean;
  /** Papers tokenised so far (for "Indexing 12,000 of 100,000 papers…"). */
  readonly indexed: number;
  readonly total: number;
}

export function fits(entries: readonly ShelfEntry[], data: SerializedIndex): boolean {
  return runSteps(fitsSteps(entries, data));
}

/** `fits` in steps of 4,096 entries (at 100,000 papers comparing every id is tens of milliseconds). */
export function* fitsSteps(entries: readonly ShelfEntry[], data: SerializedIndex): Steps<boolean> {
  if (data.version !== INDEX_FORMAT_VERSION || data.ids.length !== entries.length || data.groups.length !== GROUPS)
    return false;
  for (let i = 0; i < entries.length; i++) {
    if ((i & 4095) === 4095) yield;
    if (entries[i].paper.id !== data.ids[i]) return false;
  }
  for (const g of data.groups) {
    if (g.offsets.length !== data.terms.length + 1 || g.norms.length !== entries.length) return false;
    if (g.lengths.length !== entries.length) return false;
    if (g.docs.length !== g.tfs.length || g.offsets[data.terms.length] !== g.docs.length) return false;
  }
  return true;
}
