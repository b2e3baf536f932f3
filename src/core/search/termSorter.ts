import { hashWord } from '../text/wordTable';

/**
 * Sorts the index's words in code-unit order (what `Array.prototype.sort()` gives) and numbers
 * each word by its rank, resumably: runs of RUN words sorted natively, merged two at a time,
 * then ranked, checking the deadline every few thousand steps.
 */
export class TermSorter {
  private static readonly RUN = 1 << 15;
  private static readonly STEP = 1 << 12;
  private stage: 'runs' | 'merge' | 'rank' | 'done' = 'runs';
  private at = 0;
  private runs: string[][] = [];
  private merging: { a: string[]; b: string[]; i: number; j: number; out: string[] } | undefined;
  sorted: string[] = [];
  rank = new Uint32Array(0);

  constructor(
    private readonly terms: readonly string[],
    /** The tokenising number of a word, given the word and its hash. */
    private readonly numberOf: (word: string, hash: number) => number,
  ) {}

  /** Works until `deadline`; true once every word is ranked. */
  run(deadline: number): boolean {
    const { RUN, STEP } = TermSorter;
    while (this.stage !== 'done') {
      if (this.stage === 'runs') {
        const stop = Math.min(this.terms.length, this.at + RUN);
        if (stop > this.at) this.runs.push(this.terms.slice(this.at, stop).sort());
        this.at = stop;
        if (stop === this.terms.length) this.stage = 'merge';
      } else if (this.stage === 'merge') {
        if (!this.merging) {
          if (this.runs.length <= 1) {
            this.sorted = this.runs[0] ?? [];
            this.runs = [];
            this.rank = new Uint32Array(this.sorted.length);
            this.at = 0;
            this.stage = 'rank';
            continue;
          }
          const a = this.runs.shift()!;
          const b = this.runs.shift()!;
          this.merging = { a, b, i: 0, j: 0, out: new Array<string>(a.length + b.length) };
        }
        const m = this.merging;
        const { a, b, out } = m;
        let { i, j } = m;
        let k = i + j;
        const stop = Math.min(out.length, k + STEP * 8);
        for (; k < stop; k++) out[k] = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        m.i = i;
        m.j = j;
        if (k === out.length) {
          this.runs.push(out);
          this.merging = undefined;
        }
      } else {
        const { sorted, rank } = this;
        const stop = Math.min(sorted.length, this.at + STEP);
        for (let k = this.at; k < stop; k++) {
          const w = sorted[k];
          rank[this.numberOf(w, hashWord(w))] = k;
        }
        this.at = stop;
        if (stop === sorted.length) this.stage = 'done';
      }
      if (performance.now() >= deadline) return this.stage === 'done';
    }
    return true;
  }
}
