// Papers as sparse TF-IDF vectors: the words of the title and summary (stemmed unigrams and
// bigrams of adjacent words, never across a function word), and the paper's arXiv categories.
// Theme discovery clusters these vectors; the shelf map (and anything else that needs "how alike
// are two papers") can use the same ones through `paperVectors`.
import type { Paper } from '../model/types';
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { hashWord } from '../text/wordTable';
import { PairTable } from '../text/pairTable';
import { kthLargest } from './select';
import { WordReader, stemsOf } from './stemReader';
import type { VocabularyCounter } from './vocabularyCounter';

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
  return vocabularyFromDf(df, sample.length);
}

/** The vocabulary of `n` papers from each feature's document frequency (see `buildVocabulary`). */
export function vocabularyFromDf(df: ReadonlyMap<string, number>, n: number): Vocabulary {
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
  /** Stem id -> its unigram feature, or -1 (made once every feature is looked at, see `fill`). */
  private stemFeature = new Int32Array(0);
  /** Bigram (first stem id, second) -> feature. */
  private readonly bigrams = new PairTable();
  /** Words -> stem id; UNKNOWN_STEM for a word the vocabulary lacks, FUNCTION_WORD for a function word. */
  private readonly reader = new WordReader((s) => this.idOfStem(s));
  /** Per feature: its count in the paper being read, then its weight. */
  private readonly weights: Float64Array;
  private readonly seen: Uint8Array;
  /** Features counted for the paper being read (the first `touchedCount`). */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** Scratch rows for choosing a paper's heaviest words. */
  private readonly chosen: Int32Array;
  private readonly scratch: Float64Array;
  /** A counter's stem ids -> this index's, for the counter last read from. */
  private translation: { counter: VocabularyCounter; ids: Int32Array } | undefined;

  /** 1 for a category or archive feature ('c:…', 'a:…'). */
  private readonly isCategory: Uint8Array;

  /** The index of a vocabulary, made once however many models and discoveries share the vocabulary. */
  static of(vocabulary: Vocabulary): FeatureIndex {
    return runSteps(FeatureIndex.ofSteps(vocabulary));
  }

  /** `of` as steps (a vocabulary of 30,000 features is some tens of milliseconds of tables to fill). */
  static *ofSteps(vocabulary: Vocabulary): Steps<FeatureIndex> {
    const known = INDICES.get(vocabulary);
    if (known) return known;
    const index = new FeatureIndex(vocabulary, FILL_LATER);
    yield* index.fill();
    INDICES.set(vocabulary, index);
    return index;
  }

  /** `fillLater`: the tables are filled by `ofSteps` (only this module can ask for it). */
  constructor(
    readonly vocabulary: Vocabulary,
    fillLater?: typeof FILL_LATER,
  ) {
    const dims = vocabulary.features.length;
    this.isCategory = new Uint8Array(dims);
    this.weights = new Float64Array(dims);
    this.seen = new Uint8Array(dims);
    this.touched = new Int32Array(dims);
    this.chosen = new Int32Array(dims);
    this.scratch = new Float64Array(dims);
    if (fillLater !== FILL_LATER) runSteps(this.fill());
  }

  /** Looks at every feature: its number, its stems (a unigram's feature, a bigram's pair), whether it is a category. */
  private *fill(): Steps<void> {
    const { features } = this.vocabulary;
    // Categories weigh apart from the words only on a shelf of several fields (archives): on one
    // field's shelf they are some of its words.
    let archives = 0;
    for (const f of features) if (f.startsWith('a:')) archives++;
    const stemFeature: number[] = [];
    for (let i = 0; i < features.length; i++) {
      if ((i & 2047) === 2047) yield;
      const f = features[i]!;
      this.index.set(f, i);
      if (archives >= 2 && (f.startsWith('c:') || f.startsWith('a:'))) this.isCategory[i] = 1;
      if (f.includes(':')) continue;
      const space = f.indexOf(' ');
      if (space < 0) stemFeature[this.stemId(f)] = i;
      else this.bigrams.set(this.stemId(f.slice(0, space)), this.stemId(f.slice(space + 1)), i);
    }
    this.stemFeature = new Int32Array(this.stemIds.size).fill(-1);
    stemFeature.forEach((f, s) => (this.stemFeature[s] = f));
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
    this.touchedCount = 0;
    this.countIds(this.reader.ids, 0, this.reader.read(paper.title), TITLE_WEIGHT);
    this.countIds(this.reader.ids, 0, this.reader.read(paper.summary), 1);
    this.countCategories(paper.categories);
    return this.finish(hints);
  }

  /**
   * The vector of the counter's paper `p` (what `paperVector` gives it) from the stem ids the
   * counter kept when it read the paper: a paper of the vocabulary's sample is read only once.
   */
  countedVector(
    counter: VocabularyCounter,
    p: number,
    paper: Pick<Paper, 'categories'>,
    hints: readonly string[] = [],
  ): SparseVector {
    if (this.translation?.counter !== counter) {
      const ids = Int32Array.from(counter.stems, (s) => this.stemIds.get(s) ?? UNKNOWN_STEM);
      this.translation = { counter, ids };
    }
    const { ids, titleStart, summaryStart, end } = counter.wordsOf(p);
    this.touchedCount = 0;
    this.countIds(ids, titleStart, summaryStart, TITLE_WEIGHT, this.translation.ids);
    this.countIds(ids, summaryStart, end, 1, this.translation.ids);
    this.countCategories(paper.categories);
    return this.finish(hints);
  }

  /** The unit TF-IDF vector of a paper's terms: sublinear counts times idf, its heaviest features kept. */
  vector(terms: ReadonlyMap<string, number>, hints: readonly string[] = []): SparseVector {
    this.touchedCount = 0;
    for (const [f, count] of terms) {
      if (f.startsWith('h:')) continue;
      const i = this.index.get(f);
      if (i !== undefined) this.count(i, count);
    }
    return this.finish(hints);
  }

  private count(f: number, weight: number): void {
    if (!this.seen[f]) {
      this.seen[f] = 1;
      this.touched[this.touchedCount++] = f;
    }
    this.weights[f] += weight;
  }

  /** Counts the unigrams and bigrams of `ids[from, to)` (stem ids, through `translate` when given). */
  private countIds(ids: Int32Array, from: number, to: number, weight: number, translate?: Int32Array): void {
    const { stemFeature, bigrams } = this;
    let previous = FUNCTION_WORD;
    for (let k = from; k < to; k++) {
      let id = ids[k]!;
      if (translate && id >= 0) id = translate[id]!;
      if (id >= 0) {
        const f = stemFeature[id]!;
        if (f >= 0) this.count(f, weight);
        if (previous >= 0) {
          const b = bigrams.get(previous, id);
          if (b >= 0) this.count(b, weight);
        }
      }
      previous = id;
    }
  }

  private countCategories(categories: readonly string[]): void {
    if (!categories.length) return;
    for (const [key, weight] of categoryFeatures(categories)) {
      const f = this.index.get(key);
      if (f !== undefined) this.count(f, weight);
    }
  }

  private idOfStem(s: string): number {
    return !s ? FUNCTION_WORD : (this.stemIds.get(s) ?? UNKNOWN_STEM);
  }

  /**
   * The counted features -> the unit vector of the paper's heaviest words (sublinear counts times
   * idf), with its categories and hints added at fixed shares of the words' weight. Sums run over
   * features in ascending order, so the vector does not depend on the order they were counted in.
   */
  private finish(hints: readonly string[]): SparseVector {
    const { touched, weights, isCategory, chosen, seen } = this;
    const idf = this.vocabulary.idf;
    let n = this.touchedCount;
    let words = 0;
    for (let k = 0; k < n; k++) {
      const f = touched[k]!;
      const c = weights[f]!;
      weights[f] = (c < LOG_COUNTS.length && c === (c | 0) ? LOG_COUNTS[c]! : 1 + Math.log(c)) * idf[f]!;
      if (!isCategory[f]) words++;
    }
    let kept = 0;
    if (words > MAX_FEATURES_PER_PAPER) kept = this.heaviestWords(words);
    else for (let k = 0; k < n; k++) if (!isCategory[touched[k]!]) chosen[kept++] = touched[k]!;
    chosen.subarray(0, kept).sort();
    let wordNorm = 0;
    for (let j = 0; j < kept; j++) wordNorm += weights[chosen[j]!]! ** 2;
    wordNorm = Math.sqrt(wordNorm) || 1;
    // The arXiv categories (the authors' own word on their field) weigh CATEGORY_SHARE of the
    // words together, so papers of one field are alike even when their wording is not.
    const firstCategory = kept;
    for (let k = 0; k < n; k++) if (isCategory[touched[k]!]) chosen[kept++] = touched[k]!;
    if (kept > firstCategory) {
      chosen.subarray(firstCategory, kept).sort();
      let categoryNorm = 0;
      for (let j = firstCategory; j < kept; j++) categoryNorm += weights[chosen[j]!]! ** 2;
      categoryNorm = Math.sqrt(categoryNorm);
      for (let j = firstCategory; j < kept; j++)
        weights[chosen[j]!] = (CATEGORY_SHARE * wordNorm * weights[chosen[j]!]!) / categoryNorm;
    }
    // A hint (the shipped taxonomy's confident opinion) weighs a fixed share of the words' weight,
    // so two papers it files together are alike whatever their wording.
    for (const h of hints) {
      const f = this.index.get(h);
      if (f === undefined || seen[f]) continue;
      seen[f] = 1;
      touched[n++] = f;
      weights[f] = HINT_SHARE * wordNorm;
      chosen[kept++] = f;
    }
    const out = chosen.slice(0, kept).sort();
    let norm = 0;
    for (let j = 0; j < kept; j++) norm += weights[out[j]!]! ** 2;
    norm = Math.sqrt(norm) || 1;
    const val = new Float32Array(kept);
    for (let j = 0; j < kept; j++) val[j] = weights[out[j]!]! / norm;
    for (let k = 0; k < n; k++) {
      weights[touched[k]!] = 0;
      seen[touched[k]!] = 0;
    }
    this.touchedCount = 0;
    return { idx: out, val };
  }

  /** Writes the MAX_FEATURES_PER_PAPER heaviest of the counted words (ties to the lower feature) into `chosen`. */
  private heaviestWords(words: number): number {
    const { touched, weights, isCategory, chosen, scratch } = this;
    const n = this.touchedCount;
    let m = 0;
    for (let k = 0; k < n; k++) if (!isCategory[touched[k]!]) scratch[m++] = weights[touched[k]!]!;
    const threshold = kthLargest(scratch.subarray(0, words), MAX_FEATURES_PER_PAPER);
    let kept = 0;
    let ties = 0;
    for (let k = 0; k < n; k++) {
      const f = touched[k]!;
      if (isCategory[f]) continue;
      if (weights[f]! > threshold) chosen[kept++] = f;
      else if (weights[f] === threshold) scratch[ties++] = f;
    }
    const tied = scratch.subarray(0, ties).sort();
    for (let t = 0; kept < MAX_FEATURES_PER_PAPER; t++) chosen[kept++] = tied[t]!;
    return kept;
  }
}

/** 1 + ln(c) for the small whole counts of a paper's words. */
const LOG_COUNTS = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c));
const INDICES = new WeakMap<Vocabulary, FeatureIndex>();
/** FeatureIndex's constructor leaves its tables to `ofSteps`. */
const FILL_LATER: unique symbol = Symbol('fill later');
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
