// Papers as sparse TF-IDF vectors: the words of the title and summary (stemmed unigrams and
// bigrams of adjacent words, never across a function word), and the paper's arXiv categories.
// Theme discovery clusters these vectors; the shelf map (and anything else that needs "how alike
// are two papers") can use the same ones through `paperVectors`.
import type { Paper } from '../model/types';
import { stem } from './themeTokens';
import { NON_ASCII, foldAccents } from '../text/words';
import { STOP_WORDS } from './stopWords';
import { hashWord } from '../text/wordTable';

/** A sparse vector: feature indices (ascending) and their weights; unit length unless empty. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** The features a shelf's vectors are made of, with their inverse document frequencies. */
export interface Vocabulary {
  /** 'stem', 'stem stem' (a bigram) or 'c:cs.se' (a category); ascending. */
  features: string[];
  idf: Float32Array;
}

/** A title word's place in the text (for names read back from titles). */
export interface WordSpan {
  /** Lower-case, accent-folded stem; '' for a function word (which breaks phrases). */
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const TITLE_WEIGHT = 2;
const PRIMARY_CATEGORY_WEIGHT = 2;
const CATEGORY_WEIGHT = 1;
/** The most features a paper keeps (its heaviest): enough to place it, cheap to compare. */
export const MAX_FEATURES_PER_PAPER = 64;
/** The largest vocabulary, and how many papers it is learnt from (a sample chosen by id). */
export const MAX_VOCABULARY = 30_000;
export const VOCABULARY_SAMPLE = 3000;

/** How much a hint weighs against all of a paper's words together. */
const HINT_SHARE = 1.5;

const STEM_CACHE = new Map<string, string>();

/** The stem of a lower-case word, or '' for a function word, a lone letter or a bare number. */
export function wordStem(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    const folded = NON_ASCII.test(word) ? foldAccents(word) : word;
    s = STOP_WORDS.has(folded) || folded.length < 2 || /^\d+$/.test(folded) ? '' : stem(folded);
    if (STEM_CACHE.size > 200_000) STEM_CACHE.clear();
    STEM_CACHE.set(word, s);
  }
  return s;
}

/** Every word of a text with its stem and place (function words with stem ''). */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ stem: wordStem(m[0].toLowerCase()), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The stems of a text's words in order, '' standing for each function word. */
export function stemsOf(text: string): string[] {
  const words = text.toLowerCase().match(WORD);
  if (!words) return [];
  const out = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) out[i] = wordStem(words[i]);
  return out;
}

/** Feature strings of one paper with their raw counts (title words count twice). */
export function paperTerms(paper: Pick<Paper, 'title' | 'summary' | 'categories'>): Map<string, number> {
  const counts = new Map<string, number>();
  addText(counts, stemsOf(paper.title), TITLE_WEIGHT);
  addText(counts, stemsOf(paper.summary), 1);
  paper.categories.forEach((category, i) => {
    const c = category.trim().toLowerCase();
    if (!c) return;
    const key = `c:${c}`;
    counts.set(key, (counts.get(key) ?? 0) + (i === 0 ? PRIMARY_CATEGORY_WEIGHT : CATEGORY_WEIGHT));
  });
  return counts;
}

function addText(counts: Map<string, number>, stems: readonly string[], weight: number): void {
  let previous = '';
  for (const s of stems) {
    if (s) {
      counts.set(s, (counts.get(s) ?? 0) + weight);
      if (previous) {
        const bigram = `${previous} ${s}`;
        counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
      }
    }
    previous = s;
  }
}

/** A paper's order on every shelf: by a hash of its id, so samples and ties never depend on file order. */
export function idOrder(a: { id: string }, b: { id: string }): number {
  return (hashWord(a.id) >>> 0) - (hashWord(b.id) >>> 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The vocabulary for a shelf: features found in at least two papers and in at most half of them
 * (a word every paper has tells nothing apart), learnt from up to VOCABULARY_SAMPLE papers
 * (`terms` in idOrder, so the sample is the same whatever the order of files and blocks).
 */
export function buildVocabulary(terms: readonly Map<string, number>[]): Vocabulary {
  const sample = terms.length > VOCABULARY_SAMPLE ? terms.slice(0, VOCABULARY_SAMPLE) : terms;
  const df = new Map<string, number>();
  for (const t of sample) for (const f of t.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = sample.length;
  const maxDf = n < 6 ? n - 1 : Math.max(2, Math.floor(n / 2));
  let kept: [string, number][] = [];
  df.forEach((d, f) => {
    if (d >= 2 && d <= maxDf) kept.push([f, d]);
  });
  if (kept.length > MAX_VOCABULARY) {
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    kept = kept.slice(0, MAX_VOCABULARY);
  }
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const idf = new Float32Array(kept.length);
  kept.forEach(([, d], i) => (idf[i] = Math.log((n + 1) / (d + 1)) + 0.1));
  return { features: kept.map(([f]) => f), idf };
}

/** Looks features up in a vocabulary. */
export class FeatureIndex {
  private readonly index = new Map<string, number>();

  constructor(readonly vocabulary: Vocabulary) {
    vocabulary.features.forEach((f, i) => this.index.set(f, i));
  }

  indexOf(feature: string): number | undefined {
    return this.index.get(feature);
  }

  /** The unit TF-IDF vector of a paper's terms: sublinear counts times idf, its heaviest features kept. */
  vector(terms: ReadonlyMap<string, number>, hints: readonly string[] = []): SparseVector {
    const { idf } = this.vocabulary;
    const found: number[] = [];
    const weights: number[] = [];
    for (const [f, count] of terms) {
      if (f.startsWith('h:')) continue;
      const i = this.index.get(f);
      if (i === undefined) continue;
      found.push(i);
      weights.push((1 + Math.log(count)) * idf[i]!);
    }
    let keep = found.map((_, k) => k);
    if (keep.length > MAX_FEATURES_PER_PAPER) {
      keep.sort((a, b) => weights[b]! - weights[a]! || found[a]! - found[b]!);
      keep = keep.slice(0, MAX_FEATURES_PER_PAPER);
    }
    // A hint (the shipped taxonomy's confident opinion) weighs a fixed share of the words' weight,
    // so two papers it files together are alike whatever their wording.
    let wordNorm = 0;
    for (const k of keep) wordNorm += weights[k]! * weights[k]!;
    wordNorm = Math.sqrt(wordNorm) || 1;
    for (const h of hints) {
      const i = this.index.get(h);
      if (i === undefined) continue;
      keep.push(found.length);
      found.push(i);
      weights.push(HINT_SHARE * wordNorm);
    }
    keep.sort((a, b) => found[a]! - found[b]!);
    let norm = 0;
    for (const k of keep) norm += weights[k]! * weights[k]!;
    norm = Math.sqrt(norm) || 1;
    const idx = new Int32Array(keep.length);
    const val = new Float32Array(keep.length);
    keep.forEach((k, j) => {
      idx[j] = found[k]!;
      val[j] = weights[k]! / norm;
    });
    return { idx, val };
  }
}

/** Cosine of two unit sparse vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i];
    const y = b.idx[j];
    if (x === y) sum += a.val[i++] * b.val[j++];
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/** The dot product of a sparse vector with a dense one. */
export function dotDense(v: SparseVector, dense: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < v.idx.length; k++) sum += v.val[k] * dense[v.idx[k]];
  return sum;
}

/** Every paper of a shelf as a TF-IDF vector over one vocabulary (for maps, neighbours, clustering). */
export interface PaperVectors {
  vocabulary: Vocabulary;
  /** Paper ids, in the order of `vectors`. */
  ids: string[];
  vectors: SparseVector[];
}

/**
 * The TF-IDF vectors of a shelf's papers, the same whatever their order (the result lists them
 * in the order given). Two vectors' `cosine` says how alike the papers' words and categories are.
 */
export function paperVectors(papers: readonly Pick<Paper, 'id' | 'title' | 'summary' | 'categories'>[]): PaperVectors {
  const ordered = [...papers].sort(idOrder);
  const terms = ordered.map(paperTerms);
  const vocabulary = buildVocabulary(terms);
  const index = new FeatureIndex(vocabulary);
  const byId = new Map<string, SparseVector>();
  ordered.forEach((p, i) => byId.set(p.id, index.vector(terms[i])));
  return { vocabulary, ids: papers.map((p) => p.id), vectors: papers.map((p) => byId.get(p.id)!) };
}
