// Clustering sparse unit vectors, deterministically: Ward's agglomerative clustering (by the
// nearest-neighbour chain, O(n²)) on a sample, cut where the clusters are best separated
// (silhouette), then spherical k-means over every vector from the sample's clusters. No random
// seeds: the same vectors in the same order give the same clusters.
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { dotDense, type SparseVector } from './vectors';

/** One merge of the dendrogram: clusters represented by points `a` and `b` joined at `height`. */
export interface Merge {
  a: number;
  b: number;
  height: number;
}

/** Pairwise cosine similarities of the vectors (row-major n×n); yields every few rows. */
export function* similarityMatrix(vectors: readonly SparseVector[], dims: number): Steps<Float32Array> {
  const n = vectors.length;
  const sims = new Float32Array(n * n);
  const dense = new Float32Array(dims);
  for (let i = 0; i < n; i++) {
    const v = vectors[i];
    for (let k = 0; k < v.idx.length; k++) dense[v.idx[k]] = v.val[k];
    sims[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = dotDense(vectors[j], dense);
      sims[i * n + j] = s;
      sims[j * n + i] = s;
    }
    for (let k = 0; k < v.idx.length; k++) dense[v.idx[k]] = 0;
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

/** Unit-length mean direction of the members of each cluster (dense, `dims` long). */
export function centroids(
  vectors: readonly SparseVector[],
  labels: ArrayLike<number>,
  k: number,
  dims: number,
  keep = Infinity,
): Float64Array[] {
  const out = Array.from({ length: k }, () => new Float64Array(dims));
  for (let i = 0; i < vectors.length; i++) {
    const label = labels[i];
    if (label < 0) continue;
    const c = out[label];
    const v = vectors[i];
    for (let t = 0; t < v.idx.length; t++) c[v.idx[t]] += v.val[t];
  }
  for (const c of out) {
    if (keep < dims) keepHeaviest(c, keep);
    let norm = 0;
    for (let t = 0; t < dims; t++) norm += c[t] * c[t];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let t = 0; t < dims; t++) c[t] /= norm;
  }
  return out;
}

/**
 * Zeroes all but the `keep` heaviest weights of a dense centre: a theme is placed by the centre
 * it is saved with, so clustering uses the same truncated centres.
 */
function keepHeaviest(c: Float64Array, keep: number): void {
  let count = 0;
  for (let t = 0; t < c.length; t++) if (c[t]! > 0) count++;
  if (count <= keep) return;
  const weights = new Float64Array(count);
  count = 0;
  for (let t = 0; t < c.length; t++) if (c[t]! > 0) weights[count++] = c[t]!;
  weights.sort();
  const threshold = weights[count - keep]!;
  let kept = 0;
  for (let t = 0; t < c.length; t++) {
    if (c[t]! >= threshold && kept < keep && c[t]! > 0) kept++;
    else c[t] = 0;
  }
}

/** The nearest centroid of each vector (ties to the lower index), and the similarity to it. */
export function nearest(
  vectors: readonly SparseVector[],
  centres: readonly Float64Array[],
): { labels: Int32Array; sims: Float64Array } {
  return runSteps(nearestSteps(vectors, centres));
}

/** `nearest`, yielding every few thousand vectors. */
export function* nearestSteps(
  vectors: readonly SparseVector[],
  centres: readonly Float64Array[],
): Steps<{ labels: Int32Array; sims: Float64Array }> {
  const labels = new Int32Array(vectors.length);
  const sims = new Float64Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) {
    let best = 0;
    let bestSim = -Infinity;
    for (let c = 0; c < centres.length; c++) {
      const s = dotDense(vectors[i], centres[c]);
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    labels[i] = best;
    sims[i] = bestSim;
    if ((i & 2047) === 2047) yield;
  }
  return { labels, sims };
}

/**
 * Spherical k-means from initial centroids: assign, recompute, until no vector moves or
 * `iterations` rounds. Clusters that lose every member are dropped (labels stay dense 0..k'-1).
 */
export function* sphericalKMeans(
  vectors: readonly SparseVector[],
  initial: Float64Array[],
  dims: number,
  iterations: number,
  keep = Infinity,
): Steps<{ labels: Int32Array; centres: Float64Array[] }> {
  let centres = initial;
  let labels = (yield* nearestSteps(vectors, centres)).labels;
  for (let round = 0; round < iterations; round++) {
    const compact = compactLabels(labels, centres.length);
    centres = centroids(vectors, compact.labels, compact.k, dims, keep);
    yield;
    const next = (yield* nearestSteps(vectors, centres)).labels;
    let moved = 0;
    for (let i = 0; i < next.length; i++) if (next[i] !== compact.labels[i]) moved++;
    labels = next;
    if (moved === 0) break;
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
