// Similarities of one paper to many theme centres at once, by an inverted index over the centres'
// features: a paper's few dozen features each read the centres that have them, so no centre is
// walked in full and no dense copy of a centre is kept. Discovery's k-means and the saved model's
// placement of a new paper both use it; the sums are the same (term for term, in the paper's
// feature order) as the cosine of the paper with each centre. A compact index holds only the
// features its centres have (found by hash, not in a row as long as the vocabulary), so a model
// keeps one small index per set of sibling themes; a pass of k-means uses a row (faster).
import type { SparseVector } from './vectors';

/** A sparse centre: ascending feature indices and their weights. */
export interface SparseCentre {
  idx: ArrayLike<number>;
  val: ArrayLike<number>;
}

export class CentreIndex {
  /** Open addressing over the centres' features: slot -> feature + 1 (0: empty), and its number here. */
  private readonly slotFeature: Int32Array;
  private readonly slotLocal: Int32Array;
  /** Not compact: feature -> its number here, or -1. */
  private readonly row: Int32Array | undefined;
  /** Postings of the feature numbered l: [offsets[l], offsets[l + 1]) in `centre` and `weight`, centres ascending. */
  private readonly offsets: Int32Array;
  private readonly centre: Int32Array;
  private readonly weight: Float64Array;
  readonly size: number;
  private readonly shift: number;

  /** `dims`: the vocabulary's size (a feature outside it has no postings); `compact`: found by hash, not in a row of `dims`. */
  constructor(centres: readonly SparseCentre[], dims: number, compact = false) {
    this.size = centres.length;
    let postings = 0;
    for (const c of centres) postings += c.idx.length;
    let p = 0;
    // Twice as many slots as distinct features.
    let distinct = 0;
    if (compact) {
      const all = new Int32Array(postings);
      for (const c of centres) for (let k = 0; k < c.idx.length; k++) all[p++] = c.idx[k]!;
      all.sort();
      for (let q = 0; q < postings; q++) if (q === 0 || all[q] !== all[q - 1]) distinct++;
    } else this.row = new Int32Array(dims).fill(-1);
    let bits = 4;
    while (1 << bits < 2 * distinct) bits++;
    this.shift = 32 - bits;
    this.slotFeature = new Int32Array(1 << bits);
    this.slotLocal = new Int32Array(1 << bits);
    // Each feature numbered as first met, and its postings counted.
    const counts: number[] = [];
    const local = new Int32Array(postings);
    p = 0;
    for (const c of centres)
      for (let k = 0; k < c.idx.length; k++) {
        const f = c.idx[k]!;
        let l = f < dims ? this.localOf(f) : -1;
        if (l < 0 && f < dims) l = this.insert(f, counts.push(0) - 1);
        local[p++] = l;
        if (l >= 0) counts[l]!++;
      }
    this.offsets = new Int32Array(counts.length + 1);
    for (let l = 0; l < counts.length; l++) this.offsets[l + 1] = this.offsets[l]! + counts[l]!;
    const fill = this.offsets.slice(0, counts.length);
    this.centre = new Int32Array(this.offsets[counts.length]!);
    this.weight = new Float64Array(this.offsets[counts.length]!);
    p = 0;
    centres.forEach((c, i) => {
      for (let k = 0; k < c.idx.length; k++) {
        const l = local[p++]!;
        if (l < 0) continue;
        const at = fill[l]++;
        this.centre[at] = i;
        this.weight[at] = c.val[k]!;
      }
    });
  }

  /** The feature's number in this index, or -1 when no centre has it. */
  private localOf(f: number): number {
    if (this.row) return f < this.row.length ? this.row[f]! : -1;
    const { slotFeature } = this;
    const mask = slotFeature.length - 1;
    for (let slot = Math.imul(f, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const e = slotFeature[slot]!;
      if (e === 0) return -1;
      if (e === f + 1) return this.slotLocal[slot]!;
    }
  }

  private insert(f: number, l: number): number {
    if (this.row) return (this.row[f] = l);
    const { slotFeature } = this;
    const mask = slotFeature.length - 1;
    let slot = Math.imul(f, 0x9e3779b1) >>> this.shift;
    while (slotFeature[slot] !== 0) slot = (slot + 1) & mask;
    slotFeature[slot] = f + 1;
    this.slotLocal[slot] = l;
    return l;
  }

  /** Writes the similarity of `v` to every centre into `out` (at least `size` long). */
  scores(v: SparseVector, out: Float64Array): Float64Array {
    out.fill(0, 0, this.size);
    const { offsets, centre, weight } = this;
    for (let k = 0; k < v.idx.length; k++) {
      const l = this.localOf(v.idx[k]);
      if (l < 0) continue;
      const x = v.val[k];
      for (let p = offsets[l], end = offsets[l + 1]; p < end; p++) out[centre[p]] += x * weight[p];
    }
    return out;
  }

  /** The nearest centre (ties to the lower index) and the similarity to it; -1 when there are none. */
  nearest(v: SparseVector, scratch: Float64Array): { best: number; sim: number } {
    this.scores(v, scratch);
    let best = -1;
    let sim = -Infinity;
    for (let c = 0; c < this.size; c++) {
      if (scratch[c] > sim) {
        sim = scratch[c];
        best = c;
      }
    }
    return { best, sim };
  }
}
