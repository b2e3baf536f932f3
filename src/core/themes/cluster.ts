// Clustering sparse unit vectors, deterministically: Ward's agglomerative clustering (by the
// nearest-neighbour chain, O(n²)) on a sample, cut where the clusters are best separated
// (silhouette), then spherical k-means over every vector from the sample's clusters. No random
// seeds: the same vectors in the same order give the same clusters.
import { runSteps, type Steps } from '../runtime/yieldToHost';
import type { SparseVector } from './vectors';
import { CentreIndex } from './centreIndex';
import { kthLargest } from './select';

/** One merge of the dendrogram: clusters represented by points `a` and `b` joined at `height`. */
export interface Merge {
  a: number;
  b: number;
  height: number;
}

/**
 * Pairwise cosine similarities of the vectors (row-major n×n); yields every few rows. Each row is
 * summed from the postings of its own features (the vectors that share them, in order), so a
 * pair costs what it shares, and each sum runs over the shared features in ascending order.
 */
export function* similarityMatrix(vectors: readonly SparseVector[], dims: number): Steps<Float32Array> {
  const n = vectors.length;
  const sims = new Float32Array(n * n);
  // Postings: the vectors having each feature, ascending, with their weights.
  const start = new Int32Array(dims + 1);
  for (const v of vectors) for (let k = 0; k < v.idx.length; k++) start[v.idx[k] + 1]++;
  for (let f = 0; f < dims; f++) start[f + 1] += start[f];
  const next = start.slice(0, dims);
  const docs = new Int32Array(start[dims]);
  const weights = new Float32Array(start[dims]);
  for (let j = 0; j < n; j++) {
    const v = vectors[j];
    for (let k = 0; k < v.idx.length; k++) {
      const at = next[v.idx[k]]++;
      docs[at] = j;
      weights[at] = v.val[k];
    }
  }
  // `next` now marks, per feature, the first posting after the rows already done.
  next.set(start.subarray(0, dims));
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    for (let k = 0; k < v.idx.length; k++) {
      const f = v.idx[k];
      const end = start[f + 1];
      let p = next[f];
      while (p < end && docs[p] <= i) p++;
      next[f] = p;
      const w = v.val[k];
      for (; p < end; p++) row[docs[p]] += weights[p] * w;
    }
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      sims[i * n + j] = row[j];
      sims[j * n + i] = row[j];
      row[j] = 0;
    }
    if ((i & 31) === 31) yield;
  }
  return sims;
}

/**
 * Ward's method over unit vectors (squared Euclidean distance 2 - 2cos), by the nearest-neighbour
 * chain. Returns the n - 1 merges sorted by height (ties in the order found).
 */
export function* wardMerges(sims: Float32Array, n: number): Steps<Merge[]> {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) d[i] = Math.max(0, 2 - 2 * sims[i]);
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  let firstActive = 0;
  while (remaining > 1) {
    if (!chain.length) {
      while (!active[firstActive]) firstActive++;
      chain.push(firstActive);
    }
    for (;;) {
      const x = chain[chain.length - 1];
      const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
      let best = previous;
      let bestD = previous >= 0 ? d[x * n + previous] : Infinity;
      for (let j = 0; j < n; j++) {
        if (!active[j] || j === x) continue;
        const dj = d[x * n + j];
        if (dj < bestD) {
          bestD = dj;
          best = j;
        }
      }
      if (best === previous) break;
      chain.push(best);
    }
    const y = chain.pop()!;
    const x = chain.pop()!;
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    const dab = d[a * n + b];
    merges.push({ a, b, height: dab });
    const na = size[a];
    const nb = size[b];
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue;
      const nk = size[k];
      const value = ((na + nk) * d[a * n + k] + (nb + nk) * d[b * n + k] - nk * dab) / (na + nb + nk);
      d[a * n + k] = value;
      d[k * n + a] = value;
    }
    size[a] = na + nb;
    active[b] = 0;
    remaining--;
    if ((remaining & 63) === 0) yield;
  }
  return merges
    .map((m, i) => ({ m, i }))
    .sort((p, q) => p.m.height - q.m.height || p.i - q.i)
    .map(({ m }) => m);
}

/** Labels 0..k-1 of the n points when the dendrogram is cut into k clusters (labels in order of first point). */
export function cutTree(merges: readonly Merge[], n: number, k: number): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (let m = 0; m < n - k && m < merges.length; m++) {
    const ra = find(merges[m].a);
    const rb = find(merges[m].b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const labels = new Int32Array(n);
  const names = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let label = names.get(r);
    if (label === undefined) names.set(r, (label = names.size));
    labels[i] = label;
  }
  return labels;
}

/** Mean silhouette of a labelling under cosine distance (points alone in their cluster count 0). */
export function silhouette(sims: Float32Array, n: number, labels: Int32Array, k: number): number {
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[labels[i]]++;
  const sum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sum.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sum[labels[j]] += 1 - sims[i * n + j];
    const own = labels[i];
    if (sizes[own] <= 1) continue;
    const a = sum[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sum[c] / sizes[c]);
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b, 1e-9);
  }
  return total / n;
}

/** A cluster's centre: unit length, sparse (ascending feature indices), its heaviest features kept. */
export interface Centre {
  idx: Int32Array;
  val: Float64Array;
}

/**
 * Unit-length mean direction of the members of each cluster, keeping the `keep` heaviest
 * features (a theme is placed by the centre it is saved with, so clustering uses the same
 * truncated centres). Sums run in the members' order over one dense scratch row.
 */
export function centroids(
  vectors: readonly SparseVector[],
  labels: ArrayLike<number>,
  k: number,
  dims: number,
  keep = Infinity,
): Centre[] {
  // Members of each cluster in order (counting sort by label).
  const start = new Int32Array(k + 1);
  for (let i = 0; i < vectors.length; i++) if (labels[i] >= 0) start[labels[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const fill = start.slice(0, k);
  const members = new Int32Array(start[k]);
  for (let i = 0; i < vectors.length; i++) if (labels[i] >= 0) members[fill[labels[i]]++] = i;
  const { sum, seen, touched, weights } = centroidRows(dims);
  const out: Centre[] = [];
  for (let c = 0; c < k; c++) {
    let count = 0;
    for (let m = start[c]; m < start[c + 1]; m++) {
      const v = vectors[members[m]];
      for (let t = 0; t < v.idx.length; t++) {
        const f = v.idx[t];
        if (!seen[f]) {
          seen[f] = 1;
          touched[count++] = f;
        }
        sum[f] += v.val[t];
      }
    }
    const idx = heaviest(touched, count, sum, keep, weights);
    let norm = 0;
    for (let j = 0; j < idx.length; j++) norm += sum[idx[j]] * sum[idx[j]];
    norm = Math.sqrt(norm);
    const val = new Float64Array(idx.length);
    for (let j = 0; j < idx.length; j++) val[j] = norm > 0 ? sum[idx[j]] / norm : 0;
    for (let j = 0; j < count; j++) {
      sum[touched[j]] = 0;
      seen[touched[j]] = 0;
    }
    out.push({ idx, val });
  }
  return out;
}

/**
 * Scratch rows of centroids (which never yields, so one set serves every caller): `sum` and
 * `seen` are all zeros between calls.
 */
let rows = {
  sum: new Float64Array(0),
  seen: new Uint8Array(0),
  touched: new Int32Array(0),
  weights: new Float64Array(0),
};

function centroidRows(dims: number): typeof rows {
  if (rows.sum.length < dims)
    rows = {
      sum: new Float64Array(dims),
      seen: new Uint8Array(dims),
      touched: new Int32Array(dims),
      weights: new Float64Array(dims),
    };
  return rows;
}

/**
 * The first `count` features of `touched` with the `keep` largest positive weights (ties to the
 * lower index), ascending; `scratch` is a row at least `count` long.
 */
function heaviest(
  touched: Int32Array,
  count: number,
  sum: Float64Array,
  keep: number,
  scratch: Float64Array,
): Int32Array {
  let positive = 0;
  for (let j = 0; j < count; j++) if (sum[touched[j]] > 0) scratch[positive++] = sum[touched[j]];
  if (positive <= keep) {
    const out = new Int32Array(positive);
    let n = 0;
    for (let j = 0; j < count; j++) if (sum[touched[j]] > 0) out[n++] = touched[j];
    return out.sort();
  }
  const threshold = kthLargest(scratch.subarray(0, positive), keep);
  let ties = keep;
  let candidates = 0;
  for (let j = 0; j < count; j++) {
    const w = sum[touched[j]];
    if (w > threshold) ties--;
    if (w >= threshold) scratch[candidates++] = touched[j];
  }
  const sorted = scratch.subarray(0, candidates).sort();
  const out = new Int32Array(keep);
  let n = 0;
  for (let j = 0; j < candidates && n < keep; j++) {
    const f = sorted[j];
    if (sum[f] > threshold) out[n++] = f;
    else if (ties > 0) {
      out[n++] = f;
      ties--;
    }
  }
  return n === keep ? out : out.slice(0, n);
}

/** The nearest centroid of each vector (ties to the lower index), and the similarity to it. */
export function nearest(
  vectors: readonly SparseVector[],
  centres: readonly Centre[],
  dims: number,
): { labels: Int32Array; sims: Float64Array } {
  return runSteps(nearestSteps(vectors, centres, dims));
}

/** `nearest`, yielding every few hundred vectors. */
export function* nearestSteps(
  vectors: readonly SparseVector[],
  centres: readonly Centre[],
  dims: number,
): Steps<{ labels: Int32Array; sims: Float64Array }> {
  // A short pass looks its features up by hash rather than fill a row as long as the vocabulary.
  const index = new CentreIndex(centres, dims, vectors.length * 16 < dims);
  const scratch = new Float64Array(centres.length);
  const labels = new Int32Array(vectors.length);
  const sims = new Float64Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) {
    const { best, sim } = index.nearest(vectors[i], scratch);
    labels[i] = Math.max(0, best);
    sims[i] = sim;
    if ((i & 511) === 511) yield;
  }
  return { labels, sims };
}

/**
 * Spherical k-means from initial centroids: assign, recompute, until at most one vector in 200
 * moves (none on a group of fewer than 200) or `iterations` rounds. Clusters that lose every
 * member are dropped (labels stay dense 0..k'-1).
 */
export function* sphericalKMeans(
  vectors: readonly SparseVector[],
  initial: Centre[],
  dims: number,
  iterations: number,
  keep = Infinity,
): Steps<{ labels: Int32Array; centres: Centre[] }> {
  let centres = initial;
  let labels = (yield* nearestSteps(vectors, centres, dims)).labels;
  for (let round = 0; round < iterations; round++) {
    const compact = compactLabels(labels, centres.length);
    centres = centroids(vectors, compact.labels, compact.k, dims, keep);
    yield;
    const next = (yield* nearestSteps(vectors, centres, dims)).labels;
    let moved = 0;
    for (let i = 0; i < next.length; i++) if (next[i] !== compact.labels[i]) moved++;
    labels = next;
    if (moved <= Math.floor(vectors.length / 200)) break;
  }
  const compact = compactLabels(labels, centres.length);
  return { labels: compact.labels, centres: centroids(vectors, compact.labels, compact.k, dims, keep) };
}

/** Renumbers labels so the clusters that have members are 0..k-1, in their old order. */
export function compactLabels(labels: Int32Array, k: number): { labels: Int32Array; k: number } {
  const counts = new Int32Array(k);
  for (const l of labels) if (l >= 0) counts[l]++;
  const map = new Int32Array(k).fill(-1);
  let next = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) map[c] = next++;
  return { labels: labels.map((l) => (l >= 0 ? map[l] : -1)), k: next };
}
