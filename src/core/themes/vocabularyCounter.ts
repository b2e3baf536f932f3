// Learns a shelf's vocabulary while reading its papers once: every stem numbered as it is first
// met, each paper's distinct stems, bigrams, categories and hints counted by id (a typed pair
// table for bigrams), and a feature's text written out only when two papers or more share it.
// What it gives is what `buildVocabulary` gives for the same papers' `paperTerms` with their hints.
import type { Paper } from '../model/types';
import { PairTable } from '../text/pairTable';
import { WordReader, categoryFeatures, vocabularyFromDf, type Vocabulary } from './vectors';

export class VocabularyCounter {
  private readonly stemIds = new Map<string, number>();
  private readonly stems: string[] = [];
  private readonly reader = new WordReader((s) => (s ? this.stemId(s) : -1));
  /** Per stem: papers that have it, and the last paper counted. */
  private readonly stemDf: number[] = [];
  private readonly stemLast: number[] = [];
  private readonly pairs = new PairTable();
  private readonly pairFirst: number[] = [];
  private readonly pairSecond: number[] = [];
  private readonly pairDf: number[] = [];
  private readonly pairLast: number[] = [];
  /** Category, archive and hint features: papers that have them, and the last paper counted. */
  private readonly other = new Map<string, { df: number; last: number }>();
  private papers = 0;

  /** Counts one paper's features; `hints` are its hint features ('h:…'). */
  add(paper: Pick<Paper, 'title' | 'summary' | 'categories'>, hints: readonly string[]): void {
    const p = this.papers++;
    this.addText(paper.title, p);
    this.addText(paper.summary, p);
    for (const [key] of categoryFeatures(paper.categories)) this.addOther(key, p);
    for (const h of hints) this.addOther(h, p);
  }

  vocabulary(): Vocabulary {
    const df = new Map<string, number>();
    this.stemDf.forEach((d, s) => d >= 2 && df.set(this.stems[s]!, d));
    this.pairDf.forEach(
      (d, b) => d >= 2 && df.set(`${this.stems[this.pairFirst[b]!]} ${this.stems[this.pairSecond[b]!]}`, d),
    );
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

  private addText(text: string, paper: number): void {
    const n = this.reader.read(text);
    const ids = this.reader.ids;
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
      pair = this.pairDf.length;
      this.pairs.set(a, b, pair);
      this.pairFirst.push(a);
      this.pairSecond.push(b);
      this.pairDf.push(0);
      this.pairLast.push(-1);
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
