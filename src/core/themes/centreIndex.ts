// Similarities of one paper to many theme centres at once, by an inverted index over the centres'
// features: a paper's few dozen features each read the centres that have them, so no centre is
// walked in full and no dense copy of a centre is kept. Discovery's k-means and the saved model's
// placement of a new paper both use it; the sums are the same (term for term, in the paper's
// feature order) as the cosine of the paper with each centre.
import type { SparseVector } from './vectors';

/** A sparse centre: ascending feature indices and their weights. */
export interface SparseCentre {
  idx: ArrayLike<number>;
  val: ArrayLike<number>;
}

export class CentreIndex {
  /** postings of feature f: [offsets[f], offsets[f + 1]) in `centre` and `weight`, centres ascending. */
  private readonly offsets: Int32Array;
  private readonly centre: Int32Array;
  private readonly weight: Float64Array;
  readonly size: number;

  constructor(centres: readonly SparseCentre[], dims: number) {
    this.size = centres.length;
    const offsets = new Int32Array(dims + 1);
    for (const c of centres) for (let k = 0; k < c.idx.length; k++) offsets[c.idx[k]! + 1]++;
    for (let f = 0; f < dims; f++) offsets[f + 1] += offsets[f];
    const fill = offsets.slice(0, dims);
    this.centre = new Int32Array(offsets[dims]);
    this.weight = new Float64Array(offsets[dims]);
    centres.forEach((c, i) => {
      for (let k = 0; k < c.idx.length; k++) {
        const p = fill[c.idx[k]!]++;
        this.centre[p] = i;
        this.weight[p] = c.val[k]!;
      }
    });
    this.offsets = offsets;
  }

  /** Writes the similarity of `v` to every centre into `out` (at least `size` long). */
  scores(v: SparseVector, out: Float64Array): Float64Array {
    out.fill(0, 0, this.size);
    const { offsets, centre, weight } = this;
    const dims = offsets.length - 1;
    for (let k = 0; k < v.idx.length; k++) {
      const f = v.idx[k];
      if (f >= dims) continue;
      const x = v.val[k];
      for (let p = offsets[f], end = offsets[f + 1]; p < end; p++) out[centre[p]] += x * weight[p];
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
