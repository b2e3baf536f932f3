// Papers as sparse TF-IDF vectors: the words of the title and summary (stemmed unigrams and
// bigrams of adjacent words, never across a function word), and the paper's arXiv categories.
// Theme discovery clusters these vectors; the shelf map (and anything else that needs "how alike
// are two papers") can use the same ones through `paperVectors`.
import type { Paper } from '../model/types';
import { stem } from './themeTokens';
import { NON_ASCII, foldAccents } from '../text/words';
import { STOP_WORDS } from './stopWords';
import { HASH_START, WordTable, copyOfRange, hashStep, hashWord } from '../text/wordTable';

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
/** How much a paper's arXiv categories weigh against all of its words together. */
const CATEGORY_SHARE = 0.5;

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
  for (const [key, weight] of categoryFeatures(paper.categories)) counts.set(key, (counts.get(key) ?? 0) + weight);
  return counts;
}

/**
 * A paper's arXiv categories as features with their counts: 'c:hep-lat' (the primary counts
 * twice) and the archive they belong to, 'a:hep' (hep-lat, hep-ph and hep-ex are one field's),
 * once, when it is not the category itself ('gr-qc', 'quant-ph').
 */
export function categoryFeatures(categories: readonly string[]): [string, number][] {
  const out: [string, number][] = [];
  const archives = new Set<string>();
  categories.forEach((category, i) => {
    const c = category.trim().toLowerCase();
    if (!c) return;
    const key = `c:${c}`;
    const weight = i === 0 ? PRIMARY_CATEGORY_WEIGHT : CATEGORY_WEIGHT;
    const known = out.find((e) => e[0] === key);
    if (known) known[1] += weight;
    else out.push([key, weight]);
    const archive = archiveOf(c);
    if (archive !== c) archives.add(archive);
  });
  for (const a of archives) out.push([`a:${a}`, CATEGORY_WEIGHT]);
  return out;
}

/** 'cs.se' -> 'cs', 'astro-ph.co' -> 'astro-ph', 'hep-lat' -> 'hep', 'nucl-th' -> 'nucl', 'gr-qc' -> 'gr-qc'. */
function archiveOf(category: string): string {
  const archive = category.split('.')[0]!;
  const family = archive.split('-')[0]!;
  return family === 'hep' || family === 'nucl' ? family : archive;
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

/** Looks features up in a vocabulary, and turns papers into vectors over it. */
export class FeatureIndex {
  private readonly index = new Map<string, number>();
  /** Stems that occur in the vocabulary (alone or in a bigram), numbered. */
  private readonly stemIds = new Map<string, number>();
  /** Stem id -> its unigram feature, or -1. */
  private readonly stemFeature: number[] = [];
  /** Bigram (first stem id * BIGRAM_KEY + second) -> feature. */
  private readonly bigrams = new Map<number, number>();
  /** Words as written (ASCII) -> stem id; UNKNOWN_STEM for a word the vocabulary lacks, FUNCTION_WORD for a function word. */
  private words = new WordTable();
  private wordIds: number[] = [];
  private readonly counts: Float64Array;
  private readonly seen: Uint8Array;

  /** 1 for a category or archive feature ('c:…', 'a:…'). */
  private readonly isCategory: Uint8Array;

  constructor(readonly vocabulary: Vocabulary) {
    this.isCategory = new Uint8Array(vocabulary.features.length);
    // Categories weigh apart from the words only on a shelf of several fields (archives): on one
    // field's shelf they are some of its words.
    let archives = 0;
    for (const f of vocabulary.features) if (f.startsWith('a:')) archives++;
    vocabulary.features.forEach((f, i) => {
      this.index.set(f, i);
      if (archives >= 2 && (f.startsWith('c:') || f.startsWith('a:'))) this.isCategory[i] = 1;
      if (f.includes(':')) return;
      const space = f.indexOf(' ');
      if (space < 0) this.stemFeature[this.stemId(f)] = i;
      else this.bigrams.set(this.stemId(f.slice(0, space)) * BIGRAM_KEY + this.stemId(f.slice(space + 1)), i);
    });
    for (let i = 0; i < this.stemIds.size; i++) this.stemFeature[i] ??= -1;
    this.counts = new Float64Array(vocabulary.features.length);
    this.seen = new Uint8Array(vocabulary.features.length);
  }

  indexOf(feature: string): number | undefined {
    return this.index.get(feature);
  }

  private stemId(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) this.stemIds.set(stem, (id = this.stemIds.size));
    return id;
  }

  /**
   * The unit TF-IDF vector of a paper (what `vector(paperTerms(paper), hints)` gives, without
   * building its terms): words and bigrams looked up by stem ids, counted in one scratch row.
   */
  paperVector(paper: Pick<Paper, 'title' | 'summary' | 'categories'>, hints: readonly string[] = []): SparseVector {
    const touched: number[] = [];
    const count = (f: number, weight: number) => {
      if (!this.seen[f]) {
        this.seen[f] = 1;
        touched.push(f);
      }
      this.counts[f] += weight;
    };
    this.countText(paper.title, TITLE_WEIGHT, count);
    this.countText(paper.summary, 1, count);
    for (const [key, weight] of categoryFeatures(paper.categories)) {
      const f = this.index.get(key);
      if (f !== undefined) count(f, weight);
    }
    const weights = touched.map((f) => (1 + Math.log(this.counts[f])) * this.vocabulary.idf[f]!);
    for (const f of touched) {
      this.counts[f] = 0;
      this.seen[f] = 0;
    }
    return this.weighted(touched, weights, hints);
  }

  /** Counts a text's words and bigrams: ASCII text word by word in place (no copies), other text as `stemsOf` reads it. */
  private countText(text: string, weight: number, count: (f: number, weight: number) => void): void {
    let previous = FUNCTION_WORD;
    const next = (id: number) => {
      if (id >= 0) {
        const f = this.stemFeature[id]!;
        if (f >= 0) count(f, weight);
        if (previous >= 0) {
          const b = this.bigrams.get(previous * BIGRAM_KEY + id);
          if (b !== undefined) count(b, weight);
        }
      }
      previous = id;
    };
    if (NON_ASCII.test(text)) {
      for (const word of text.toLowerCase().match(WORD) ?? []) next(this.idOfStem(wordStem(word)));
      return;
    }
    let start = -1;
    let h = HASH_START;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      const lower = c | 32;
      if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = HASH_START;
        }
        h = hashStep(h, c);
      } else if (start >= 0) {
        let w = this.words.find(text, start, i, h);
        if (w < 0) {
          if (this.words.size >= MAX_WORDS) {
            this.words = new WordTable();
            this.wordIds = [];
          }
          w = this.words.add(copyOfRange(text, start, i), h);
          this.wordIds[w] = this.idOfStem(wordStem(text.slice(start, i).toLowerCase()));
        }
        next(this.wordIds[w]!);
        start = -1;
      }
    }
  }

  private idOfStem(s: string): number {
    return !s ? FUNCTION_WORD : (this.stemIds.get(s) ?? UNKNOWN_STEM);
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
    return this.weighted(found, weights, hints);
  }

  /**
   * Features with their weights (in the order found) -> the unit vector of the heaviest words,
   * with the paper's categories and hints added at fixed shares of the words' weight.
   */
  private weighted(found: number[], weights: number[], hints: readonly string[]): SparseVector {
    const categories: number[] = [];
    let keep: number[] = [];
    found.forEach((f, k) => (this.isCategory[f] ? categories : keep).push(k));
    if (keep.length > MAX_FEATURES_PER_PAPER) {
      keep.sort((a, b) => weights[b]! - weights[a]! || found[a]! - found[b]!);
      keep = keep.slice(0, MAX_FEATURES_PER_PAPER);
    }
    let wordNorm = 0;
    for (const k of keep) wordNorm += weights[k]! * weights[k]!;
    wordNorm = Math.sqrt(wordNorm) || 1;
    // The arXiv categories (the authors' own word on their field) weigh CATEGORY_SHARE of the
    // words together, so papers of one field are alike even when their wording is not.
    let categoryNorm = 0;
    for (const k of categories) categoryNorm += weights[k]! * weights[k]!;
    categoryNorm = Math.sqrt(categoryNorm);
    for (const k of categories) {
      weights[k] = (CATEGORY_SHARE * wordNorm * weights[k]!) / categoryNorm;
      keep.push(k);
    }
    // A hint (the shipped taxonomy's confident opinion) weighs a fixed share of the words' weight,
    // so two papers it files together are alike whatever their wording.
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

const BIGRAM_KEY = 2 ** 24;
const MAX_WORDS = 200_000;
const FUNCTION_WORD = -1;
const UNKNOWN_STEM = -2;

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
