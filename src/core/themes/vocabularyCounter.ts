// Learns a shelf's vocabulary while reading its papers once: every stem numbered as it is first
// met, each paper's distinct stems, bigrams, categories and hints counted by id (a typed pair
// table for bigrams), and a feature's text written out only when two papers or more share it.
// What it gives is what `buildVocabulary` gives for the same papers' `paperTerms` with their hints.
// It keeps each paper's words as stem ids, so the paper's vector is made without reading it again.
import type { Paper } from '../model/types';
import { PairTable } from '../text/pairTable';
import { categoryFeatures, vocabularyFromDf, type Vocabulary } from './vectors';
import { WordReader } from './stemReader';

export class VocabularyCounter {
  private readonly stemIds = new Map<string, number>();
  /** Stem id -> the stem. */
  readonly stems: string[] = [];
  private readonly reader = new WordReader((s) => (s ? this.stemId(s) : -1));
  /** Per stem: papers that have it, and the last paper counted. */
  private readonly stemDf: number[] = [];
  private readonly stemLast: number[] = [];
  private readonly pairs = new PairTable();
  /** Per bigram (numbered as first met; `pairCount` of them): its stems, papers that have it, the last paper counted. */
  private pairFirst = new Int32Array(1 << 12);
  private pairSecond = new Int32Array(1 << 12);
  private pairDf = new Int32Array(1 << 12);
  private pairLast = new Int32Array(1 << 12);
  private pairCount = 0;
  /** Category, archive and hint features: papers that have them, and the last paper counted. */
  private readonly other = new Map<string, { df: number; last: number }>();
  private papers = 0;
  /** Every paper's words as stem ids (-1 a function word): paper p's title from bounds[2p], its summary from bounds[2p + 1]. */
  private words = new Int32Array(1 << 16);
  private readonly bounds: number[] = [0];
  private filled = 0;

  /** Counts one paper's features; `hints` are its hint features ('h:…'). */
  add(paper: Pick<Paper, 'title' | 'summary' | 'categories'>, hints: readonly string[]): void {
    const p = this.papers++;
    this.addText(paper.title, p);
    this.bounds.push(this.filled);
    this.addText(paper.summary, p);
    this.bounds.push(this.filled);
    for (const [key] of categoryFeatures(paper.categories)) this.addOther(key, p);
    for (const h of hints) this.addOther(h, p);
  }

  vocabulary(): Vocabulary {
    const df = new Map<string, number>();
    this.stemDf.forEach((d, s) => d >= 2 && df.set(this.stems[s]!, d));
    for (let b = 0; b < this.pairCount; b++) {
      const d = this.pairDf[b]!;
      if (d >= 2) df.set(`${this.stems[this.pairFirst[b]!]} ${this.stems[this.pairSecond[b]!]}`, d);
    }
    for (const [key, { df: d }] of this.other) if (d >= 2) df.set(key, d);
    return vocabularyFromDf(df, this.papers);
  }

  private stemId(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      this.stemIds.set(stem, (id = this.stems.length));
      this.stems.push(stem);
      this.stemDf.push(0);
      this.stemLast.push(-1);
    }
    return id;
  }

  /** How many papers were counted. */
  get size(): number {
    return this.papers;
  }

  /** Paper p's words as stem ids (-1 a function word): the title in [titleStart, summaryStart), the summary up to end. */
  wordsOf(p: number): { ids: Int32Array; titleStart: number; summaryStart: number; end: number } {
    const { bounds } = this;
    return { ids: this.words, titleStart: bounds[2 * p]!, summaryStart: bounds[2 * p + 1]!, end: bounds[2 * p + 2]! };
  }

  private addText(text: string, paper: number): void {
    const n = this.reader.read(text);
    const ids = this.reader.ids;
    const at = this.filled;
    if (at + n > this.words.length) {
      const grown = new Int32Array(Math.max(2 * this.words.length, at + n));
      grown.set(this.words);
      this.words = grown;
    }
    this.words.set(ids.subarray(0, n), at);
    this.filled = at + n;
    let previous = -1;
    for (let k = 0; k < n; k++) {
      const id = ids[k]!;
      if (id >= 0) {
        if (this.stemLast[id] !== paper) {
          this.stemLast[id] = paper;
          this.stemDf[id]++;
        }
        if (previous >= 0) this.addPair(previous, id, paper);
      }
      previous = id;
    }
  }

  private addPair(a: number, b: number, paper: number): void {
    let pair = this.pairs.get(a, b);
    if (pair < 0) {
      pair = this.pairCount++;
      if (pair === this.pairDf.length) {
        const grow = (row: Int32Array) => {
          const grown = new Int32Array(2 * row.length);
          grown.set(row);
          return grown;
        };
        this.pairFirst = grow(this.pairFirst);
        this.pairSecond = grow(this.pairSecond);
        this.pairDf = grow(this.pairDf);
        this.pairLast = grow(this.pairLast);
      }
      this.pairs.set(a, b, pair);
      this.pairFirst[pair] = a;
      this.pairSecond[pair] = b;
      this.pairDf[pair] = 0;
      this.pairLast[pair] = -1;
    }
    if (this.pairLast[pair] !== paper) {
      this.pairLast[pair] = paper;
      this.pairDf[pair]++;
    }
  }

  private addOther(key: string, paper: number): void {
    const entry = this.other.get(key);
    if (!entry) this.other.set(key, { df: 1, last: paper });
    else if (entry.last !== paper) {
      entry.last = paper;
      entry.df++;
    }
  }
}
