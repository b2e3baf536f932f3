// Lumps in a cut of Ward's tree: one large, loose cluster of papers alike only in being unlike
// the rest gives way to its two branches (`discover.ts` asks for it after the cut).
import type { SparseVector } from './vectors';
import type { Merge } from './cluster';

/**
 * Splits lumps: a cut of Ward's tree can leave one large, loose cluster of papers that are alike
 * in nothing but being unlike the rest (a handful of another field's papers among them). While
 * there are fewer than `limit` clusters, a cluster of at least LUMP_SIZE papers whose cohesion
 * (the length of its members' mean vector) is below LUMP_COHESION of the median cluster's gives
 * way to its two branches of the tree. Returns the new labels (0..k-1, in order of first point).
 */
export function splitLumps(
  merges: readonly Merge[],
  vectors: readonly SparseVector[],
  labels: Int32Array,
  k: number,
  dims: number,
  limit: number,
): { labels: Int32Array; k: number } {
  const n = vectors.length;
  // The tree: node i < n is point i; node n + j is made by merge j of its two branches.
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const parent = new Int32Array(n).map((_, i) => i);
  const nodeOf = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const used = Math.min(merges.length, n - 1);
  for (let j = 0; j < used; j++) {
    const ra = find(merges[j].a);
    const rb = find(merges[j].b);
    left[j] = nodeOf[ra];
    right[j] = nodeOf[rb];
    const root = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = root;
    nodeOf[root] = n + j;
  }
  const members = (node: number): number[] => {
    const out: number[] = [];
    const stack = [node];
    while (stack.length) {
      const x = stack.pop()!;
      if (x < n) out.push(x);
      else stack.push(left[x - n], right[x - n]);
    }
    return out;
  };
  // The clusters of the cut as tree nodes: the node of each cluster's highest merge.
  const nodeOfLabel = new Int32Array(k).fill(-1);
  {
    const p2 = new Int32Array(n).map((_, i) => i);
    const node2 = new Int32Array(n).map((_, i) => i);
    const f2 = (x: number): number => {
      while (p2[x] !== x) x = p2[x] = p2[p2[x]];
      return x;
    };
    for (let j = 0; j < n - k && j < used; j++) {
      const ra = f2(merges[j].a);
      const rb = f2(merges[j].b);
      const root = Math.min(ra, rb);
      p2[Math.max(ra, rb)] = root;
      node2[root] = n + j;
    }
    for (let i = 0; i < n; i++) nodeOfLabel[labels[i]] = node2[f2(i)];
  }
  const clusters = [...nodeOfLabel];
  const sum = new Float64Array(dims);
  // Each node's cohesion is worked out once: a split only adds its two branches.
  const known = new Map<number, number>();
  const cohesion = (node: number): number => {
    let value = known.get(node);
    if (value === undefined) known.set(node, (value = cohesionOf(members(node), vectors, sum)));
    return value;
  };
  // Sizes of the tree's nodes: points are 1, a merge the sum of its branches.
  const nodeSize = new Int32Array(n + used).fill(1);
  for (let j = 0; j < used; j++) nodeSize[n + j] = nodeSize[left[j]] + nodeSize[right[j]];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  while (clusters.length < limit) {
    const sizes = clusters.map((c) => nodeSize[c]);
    const cohesions = clusters.map(cohesion);
    const typical = median(cohesions.filter((_, i) => sizes[i] >= 2));
    let lump = -1;
    for (let i = 0; i < clusters.length; i++) {
      if (sizes[i] < Math.max(LUMP_SIZE, 2 * median(sizes)) || cohesions[i] >= LUMP_COHESION * typical) continue;
      if (lump < 0 || sizes[i] > sizes[lump]) lump = i;
    }
    if (lump < 0) break;
    const node = clusters[lump] - n;
    clusters.splice(lump, 1, left[node], right[node]);
  }
  if (clusters.length === k) return { labels, k };
  const out = new Int32Array(n);
  clusters.forEach((c, label) => {
    for (const p of members(c)) out[p] = label;
  });
  return compactInOrder(out, clusters.length);
}

/** The length of the mean of the points' vectors (`sum`: a zeroed scratch row, left zeroed). */
function cohesionOf(points: readonly number[], vectors: readonly SparseVector[], sum: Float64Array): number {
  const touched: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const v = vectors[points[i]];
    for (let t = 0; t < v.idx.length; t++) {
      const f = v.idx[t];
      if (sum[f] === 0) touched.push(f);
      sum[f] += v.val[t];
    }
  }
  let norm = 0;
  for (let i = 0; i < touched.length; i++) {
    norm += sum[touched[i]] * sum[touched[i]];
    sum[touched[i]] = 0;
  }
  return Math.sqrt(norm) / points.length;
}

/** Labels renumbered in order of each cluster's first point (as cutTree numbers them). */
function compactInOrder(labels: Int32Array, k: number): { labels: Int32Array; k: number } {
  const map = new Int32Array(k).fill(-1);
  let next = 0;
  const out = labels.map((l) => (map[l] < 0 ? (map[l] = next++) : map[l]));
  return { labels: out, k: next };
}

/** A lump has at least this many papers... */
const LUMP_SIZE = 8;
/** ...and less than this share of the median cluster's cohesion. */
const LUMP_COHESION = 0.6;
