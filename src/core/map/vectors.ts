// Per-paper text vectors for the map: TF-IDF over the stemmed words of the title and summary,
// L2-normalised, stored compressed (one row per paper). Built from the tokenizers the search
// index and the themes already use (search's word splitting and stop words, the themes' stemmer),
// behind this one function, so the map can take the themes' own vectors once the core offers them.
import type { ShelfEntry } from '../model/types';
import { STOP_WORDS, tokenize } from '../search/search';
import { stem } from '../themes/themes';
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

/** The words of a text that carry meaning for the map: no stop words, numbers or short words, stemmed. */
function mapWords(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    if (word.length < MIN_WORD_LENGTH || STOP_WORDS.has(word) || DIGITS.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** TF-IDF vectors of the entries' titles and summaries, in the entries' order (yields between papers). */
export function* textVectorSteps(entries: readonly ShelfEntry[]): Steps<TextVectors> {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const df: number[] = [];
  const rows: { ids: number[]; counts: number[] }[] = [];
  let total = 0;
  for (const entry of entries) {
    const counts = new Map<number, number>();
    const add = (words: string[], weight: number) => {
      for (const word of words) {
        let id = ids.get(word);
        if (id === undefined) {
          id = terms.length;
          ids.set(word, id);
          terms.push(word);
          df.push(0);
        }
        counts.set(id, (counts.get(id) ?? 0) + weight);
      }
    };
    add(mapWords(entry.paper.title), TITLE_WEIGHT);
    add(mapWords(entry.paper.summary), 1);
    const row = { ids: [...counts.keys()], counts: [...counts.values()] };
    for (const id of row.ids) df[id]++;
    rows.push(row);
    total += row.ids.length;
    yield;
  }
  const n = entries.length;
  const idf = df.map((d) => Math.log(1 + n / d));
  const offsets = new Uint32Array(n + 1);
  const termIds = new Uint32Array(total);
  const weights = new Float32Array(total);
  let at = 0;
  rows.forEach((row, i) => {
    offsets[i] = at;
    let norm = 0;
    const start = at;
    row.ids.forEach((id, j) => {
      const w = (1 + Math.log(row.counts[j])) * idf[id];
      termIds[at] = id;
      weights[at++] = w;
      norm += w * w;
    });
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = start; k < at; k++) weights[k] *= scale;
  });
  offsets[n] = at;
  return { terms, offsets, termIds, weights };
}
