// Per-paper text vectors for the map: TF-IDF over the stemmed words of the title and summary,
// L2-normalised, stored compressed (one row per paper). Built from the tokenizers the search
// index and the themes already use (search's word splitting and stop words, the themes' stemmer),
// behind this one function, so the map can take the themes' own vectors once the core offers them.
import type { ShelfEntry } from '../model/types';
import { STOP_WORDS } from '../search/tokens';
import { tokenize } from '../text/words';
import { stem } from '../themes/themeTokens';
import type { Steps } from '../runtime/yieldToHost';

/** Sparse rows: paper i's terms are terms[offsets[i]..offsets[i+1]), with their weights. */
export interface TextVectors {
  /** The vocabulary: term id -> stemmed word. */
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly termIds: Uint32Array;
  readonly weights: Float32Array;
}

/** A title word counts as much as this many mentions in the summary. */
const TITLE_WEIGHT = 3;
const MIN_WORD_LENGTH = 3;
const DIGITS = /^\d+$/;

/** Skipped words (stop words, numbers, short words) are remembered as this term id. */
const SKIP = -1;

/** TF-IDF vectors of the entries' titles and summaries, in the entries' order (yields between papers). */
export function* textVectorSteps(entries: readonly ShelfEntry[]): Steps<TextVectors> {
  // Each distinct word is looked at once: its term id (its stem's), or SKIP.
  const wordIds = new Map<string, number>();
  const stemIds = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const termOf = (word: string): number => {
    let id = wordIds.get(word);
    if (id !== undefined) return id;
    if (word.length < MIN_WORD_LENGTH || STOP_WORDS.has(word) || DIGITS.test(word)) id = SKIP;
    else {
      const stemmed = stem(word);
      id = stemIds.get(stemmed);
      if (id === undefined) {
        id = terms.length;
        stemIds.set(stemmed, id);
        terms.push(stemmed);
        df.push(0);
      }
    }
    wordIds.set(word, id);
    return id;
  };
  // One paper's counts, by term id, in a reused array; `touched` lists the ids it holds.
  let counts = new Float64Array(1024);
  const touched: number[] = [];
  const rowIds: Uint32Array[] = [];
  const rowCounts: Float32Array[] = [];
  let total = 0;
  for (const entry of entries) {
    const add = (text: string, weight: number) => {
      for (const word of tokenize(text)) {
        const id = termOf(word);
        if (id === SKIP) continue;
        if (id >= counts.length) {
          const grown = new Float64Array(Math.max(counts.length * 2, id + 1));
          grown.set(counts);
          counts = grown;
        }
        if (counts[id] === 0) touched.push(id);
        counts[id] += weight;
      }
    };
    add(entry.paper.title, TITLE_WEIGHT);
    add(entry.paper.summary, 1);
    const ids = Uint32Array.from(touched);
    const values = new Float32Array(ids.length);
    ids.forEach((id, j) => {
      values[j] = counts[id];
      counts[id] = 0;
      df[id]++;
    });
    touched.length = 0;
    rowIds.push(ids);
    rowCounts.push(values);
    total += ids.length;
    yield;
  }
  const n = entries.length;
  const idf = df.map((d) => Math.log(1 + n / d));
  const offsets = new Uint32Array(n + 1);
  const termIds = new Uint32Array(total);
  const weights = new Float32Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = at;
    let norm = 0;
    const start = at;
    const ids = rowIds[i];
    for (let j = 0; j < ids.length; j++) {
      const w = (1 + Math.log(rowCounts[i][j])) * idf[ids[j]];
      termIds[at] = ids[j];
      weights[at++] = w;
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = start; k < at; k++) weights[k] *= scale;
  }
  offsets[n] = at;
  return { terms, offsets, termIds, weights };
}
