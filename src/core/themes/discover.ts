// Theme discovery: the shelf's papers grouped by their own words and arXiv categories, a tree of
// themes as deep as the shelf needs (no theme of more than LEAF_MAX papers without subtopics),
// each named from its own titles (see naming.ts). Deterministic and independent of file order:
// papers are taken in the order of a hash of their ids, and nothing is random.
import type { Paper } from '../model/types';
import type { Steps } from '../runtime/yieldToHost';
import {
  centroids,
  compactLabels,
  cutTree,
  nearestSteps,
  similarityMatrix,
  sphericalKMeans,
  wardMerges,
  type Centre,
} from './cluster';
import { splitLumps } from './lumps';
import { FeatureIndex, VOCABULARY_SAMPLE, idOrder, type SparseVector } from './vectors';
import { VocabularyCounter } from './vocabularyCounter';
import { ThemeModel, hintFeatures, paperHash, type ModelTheme, type PaperHints } from './themeModel';
import { nameThemes, type NamingInput } from './themeNames';

/** A theme with more papers than this gets subtopics. */
export const LEAF_MAX = 200;
/** Ward's clustering runs on at most this many papers of a group (the rest join the nearest centre). */
const SAMPLE_TOP = 300;
const SAMPLE_NESTED = 200;
const KMEANS_ROUNDS = 4;
/**
 * A larger group is clustered on this many of its papers (in id order, so the same whatever the
 * file order); then every paper of the group is placed at the nearest centre, once.
 */
const FIT_SAMPLE_TOP = 4000;
const FIT_SAMPLE_NESTED = 1200;
/** The most themes at the top (more when the shipped taxonomy is sure of more). */
const MAX_THEMES = 16;
/** The most subtopics of a broad theme too large for one level of leaves below it. */
const MAX_NESTED = 24;
/** How much costlier the last merge of a tiny shelf must be than the one before for it to get two themes. */
const ONE_THEME_GAP = 1.15;
/** Features kept in a theme's saved centre. */
const CENTRE_FEATURES = 160;
/** Below this similarity to every top theme a paper goes to the catch-all... */
const MIN_SIMILARITY = 0.03;
/** ...which holds at most this share of the shelf. */
const MAX_CATCH_ALL = 0.1;

export interface DiscoveryInput {
  papers: readonly Paper[];
  /** The catch-all theme's name. */
  fallback: string;
  /** Extra features per paper (the shipped taxonomy's confident opinion), so it can pull papers together. */
  hints?: PaperHints;
  /** Lends names (and codicons) to themes whose papers it files under one of its themes. */
  lend?: NamingInput['lend'];
  /** Themes the user gave papers (a `Theme:` field, a move), by paper id: their names win. */
  userThemes?: ReadonlyMap<string, string>;
  /** Each paper's theme path before, by id: a theme recognisably the same keeps its name. */
  previous?: ReadonlyMap<string, readonly string[]>;
}

export interface Discovery {
  model: ThemeModel;
  /** Each paper's leaf theme (what `model.assign` gives it), by id. */
  assignments: Map<string, string>;
}

interface Node {
  docs: number[];
  centre: Centre;
  children: Node[];
}

/** Discovers the themes of a shelf; yields between steps so a host can run it in slices. */
export function* discoverThemes(input: DiscoveryInput): Steps<Discovery> {
  const papers = [...new Map(input.papers.map((p) => [p.id, p])).values()].sort(idOrder);
  // The vocabulary is learnt from the first VOCABULARY_SAMPLE papers, which the counter keeps as stem ids;
  // every paper is read once (those of the sample from their ids) into its vector.
  const counter = new VocabularyCounter();
  const hints: string[][] = [];
  for (let i = 0; i < papers.length; i++) {
    hints.push(hintFeatures(papers[i], input.hints));
    if (i < VOCABULARY_SAMPLE) counter.add(papers[i], hints[i]);
    // Often: before V8 has compiled it, reading 256 papers here took 70 ms in one slice.
    if ((i & 31) === 31) yield;
  }
  const vocabulary = counter.vocabulary();
  yield;
  const index = FeatureIndex.of(vocabulary);
  const dims = vocabulary.features.length;
  const vectors: SparseVector[] = [];
  for (let i = 0; i < papers.length; i++) {
    vectors.push(
      i < counter.size ? index.countedVector(counter, i, papers[i], hints[i]) : index.paperVector(papers[i], hints[i]),
    );
    if ((i & 63) === 63) yield;
  }

  const all = papers.map((_, i) => i).filter((i) => vectors[i].idx.length > 0);
  const root: Node = { docs: all, centre: { idx: new Int32Array(0), val: new Float64Array(0) }, children: [] };
  const groups = new Map<string, number>();
  const hintOf = Int32Array.from(hints, (h) =>
    h.length ? (groups.get(h[0]) ?? groups.set(h[0], groups.size).get(h[0])!) : -1,
  );
  yield* grow(root, { vectors, dims, shelfSize: papers.length, hintOf }, true);

  // The saved model places papers with truncated centres: every paper is placed by it, so what
  // the tree shows now is what the model will give the same paper later.
  const flat: { cluster: Node; parent: number }[] = [];
  const walk = (node: Node, parent: number) => {
    for (const child of node.children) {
      flat.push({ cluster: child, parent });
      walk(child, flat.length - 1);
    }
  };
  walk(root, -1);
  const draft: ModelTheme[] = flat.map(({ cluster: node, parent }, i) => ({
    name: `#${i}`,
    parent,
    terms: [],
    centre: truncate(node.centre, CENTRE_FEATURES),
    size: 0,
    origin: 'discovered',
  }));
  const hashes = papers.map((p) => paperHash(p.id)).sort((a, b) => a - b);
  let model = new ThemeModel(vocabulary, draft, input.fallback, 0, hashes, input.hints);
  const leaves = new Int32Array(papers.length).fill(-1);
  const topSims = new Float64Array(papers.length);
  for (let i = 0; i < papers.length; i++) {
    const placed = model.place(vectors[i]);
    leaves[i] = placed.leaf;
    topSims[i] = placed.leaf < 0 ? -1 : placed.topSimilarity;
    if ((i & 127) === 127) yield;
  }
  const minSimilarity = catchAllThreshold(topSims);
  for (let i = 0; i < papers.length; i++) if (topSims[i] < minSimilarity) leaves[i] = -1;

  const named = yield* nameThemes({
    papers,
    vectors,
    vocabulary,
    themes: draft,
    leaves,
    lend: input.lend,
    userThemes: input.userThemes,
    previous: input.previous,
  });
  model = new ThemeModel(vocabulary, named, input.fallback, minSimilarity, hashes, input.hints);
  const assignments = new Map<string, string>();
  papers.forEach((p, i) => assignments.set(p.id, leaves[i] < 0 ? input.fallback : named[leaves[i]].name));
  return { model, assignments };
}

/** MIN_SIMILARITY, lowered when more than MAX_CATCH_ALL of the papers fall below it. */
function catchAllThreshold(sims: Float64Array): number {
  const sorted = [...sims].filter((s) => s >= 0).sort((a, b) => a - b);
  const limit = Math.floor(sorted.length * MAX_CATCH_ALL);
  const atLimit = sorted[limit] ?? 0;
  return Math.min(MIN_SIMILARITY, atLimit);
}

/** Splits a node into themes, and those with more than LEAF_MAX papers again. */
function* grow(node: Node, context: Context, top: boolean): Steps<void> {
  const children = yield* split(node.docs, context, top);
  node.children = children;
  for (const child of children) if (child.docs.length > LEAF_MAX) yield* grow(child, context, false);
}

interface Context {
  vectors: SparseVector[];
  dims: number;
  shelfSize: number;
  /** Each paper's hint group (the taxonomy theme that is sure of it), or -1. */
  hintOf: Int32Array;
}

/** How many hint groups hold at least two of `docs`. */
function hintGroups(docs: readonly number[], hintOf: Int32Array): number {
  const counts = new Map<number, number>();
  for (const d of docs) if (hintOf[d] >= 0) counts.set(hintOf[d], (counts.get(hintOf[d]) ?? 0) + 1);
  let groups = 0;
  for (const c of counts.values()) if (c >= 2) groups++;
  return groups;
}

/**
 * How many themes a group of n papers may have: about √(n/2), at least three at the top of a
 * shelf that can fill them, and under a broad theme at least as many as fill 0.6 LEAF_MAX each;
 * a broad theme too large for one level of leaves under it (more than 12 × LEAF_MAX papers) may
 * have up to MAX_NESTED, so that a large shelf's tree stays shallow.
 */
export function themeCountRange(n: number, top: boolean): [number, number] {
  if (n < 4) return [1, 1];
  const limit = top ? 14 : n > 12 * LEAF_MAX ? MAX_NESTED : 12;
  const most = Math.max(2, Math.min(limit, Math.round(top ? 1.3 * Math.sqrt(n) : Math.sqrt(n / 2) + 1)));
  // A broad theme gets at least the subtopics its papers fill at about 0.6 LEAF_MAX each.
  const least = top ? (n >= 12 ? 3 : 1) : Math.max(2, Math.ceil(n / (0.6 * LEAF_MAX)));
  return [Math.min(least, most), most];
}

function* split(docs: number[], context: Context, top: boolean): Steps<Node[]> {
  const { vectors, dims, shelfSize } = context;
  const n = docs.length;
  const [least, most] = themeCountRange(n, top);
  if (most < 2) return top && n ? [leaf(docs, vectors, dims)] : [];
  const sample = docs.slice(0, top ? SAMPLE_TOP : SAMPLE_NESTED);
  const sampleVectors = sample.map((d) => vectors[d]);
  const merges = yield* wardMerges(yield* similarityMatrix(sampleVectors, dims), sample.length);
  yield;
  // Cut where the next merge would cost most more than the one before it: the clearest gap.
  // A shelf that the shipped taxonomy files confidently under several themes gets at least as many.
  const m = sample.length;
  const limit = top ? MAX_THEMES : Math.max(MAX_THEMES, most);
  const floor = Math.max(least, Math.min(MAX_THEMES, hintGroups(docs, context.hintOf)));
  let bestK = 0;
  let bestScore = -Infinity;
  for (let k = Math.max(2, floor); k <= Math.min(Math.max(most, floor), m - 1); k++) {
    const score = merges[m - k].height / Math.max(merges[m - k - 1]?.height ?? 0, 1e-9);
    if (score > bestScore) {
      bestScore = score;
      bestK = k;
    }
  }
  // A tiny shelf without a clear gap stays one theme.
  if (!bestK || (floor < 2 && bestScore < ONE_THEME_GAP)) return top ? [leaf(docs, vectors, dims)] : [];
  const cut = splitLumps(merges, sampleVectors, cutTree(merges, m, bestK), bestK, dims, limit);
  // The themes are fitted on the group's first papers (all of a group up to the sample's size)...
  const fitted = docs.length > (top ? FIT_SAMPLE_TOP : FIT_SAMPLE_NESTED);
  const fit = fitted ? docs.slice(0, top ? FIT_SAMPLE_TOP : FIT_SAMPLE_NESTED) : docs;
  const fitVectors = fit.map((d) => vectors[d]);
  const initial = centroids(sampleVectors, cut.labels, cut.k, dims, CENTRE_FEATURES);
  let { labels, centres } = yield* sphericalKMeans(fitVectors, initial, dims, KMEANS_ROUNDS, CENTRE_FEATURES);
  yield;
  ({ labels, centres } = yield* dropSmall(fitVectors, labels, centres, fit.length, dims));
  // No theme holds more than a third of the shelf (a third of its broader theme when nested; a
  // broad theme of many subtopics, about three times its share); a shelf too small for three
  // themes has no such limit. A sample's themes keep a margin below the limit.
  const capOf = (size: number) =>
    Math.max(2, Math.floor(top ? shelfSize / 3 : Math.max(LEAF_MAX, Math.min(size / 3, (3 * size) / most))));
  if (n >= 12)
    centres = (yield* capSize(fitVectors, labels, centres, dims, (capOf(n) * fit.length * (fitted ? 0.9 : 1)) / n))
      .centres;
  if (centres.length < 2) return top ? [leaf(docs, vectors, dims)] : [];
  // ...then every paper of the group is placed once at the nearest of them, so each theme holds
  // exactly the papers the saved model will place in it.
  const docVectors = fitted ? docs.map((d) => vectors[d]) : fitVectors;
  ({ labels, centres } = yield* settle(docVectors, centres, dims));
  if (fitted && top && n >= 12 && largestSize(labels, centres.length) > capOf(n)) {
    centres = (yield* capSize(docVectors, labels, centres, dims, capOf(n))).centres;
    ({ labels, centres } = yield* settle(docVectors, centres, dims));
  }
  const members: number[][] = centres.map(() => []);
  labels.forEach((l, i) => members[l].push(docs[i]));
  return members.map((m, c) => ({ docs: m, centre: centres[c], children: [] }));
}

/** Every vector at its nearest centre; centres left without any are dropped. */
function* settle(
  vectors: SparseVector[],
  centres: Centre[],
  dims: number,
): Steps<{ labels: Int32Array; centres: Centre[] }> {
  const { labels } = yield* nearestSteps(vectors, centres, dims);
  const sizes = new Int32Array(centres.length);
  for (const l of labels) sizes[l]++;
  if (sizes.every((s) => s > 0)) return { labels, centres };
  return { labels: compactLabels(labels, centres.length).labels, centres: centres.filter((_, c) => sizes[c] > 0) };
}

function largestSize(labels: Int32Array, k: number): number {
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]++;
  return Math.max(0, ...sizes);
}

function leaf(docs: number[], vectors: SparseVector[], dims: number): Node {
  const [centre] = centroids(
    docs.map((d) => vectors[d]),
    new Int32Array(docs.length),
    1,
    dims,
    CENTRE_FEATURES,
  );
  return { docs, centre, children: [] };
}

/** Themes of fewer than 2 papers (or 1.5% of the group) join their nearest neighbours. */
function* dropSmall(
  vectors: SparseVector[],
  labels: Int32Array,
  centres: Centre[],
  n: number,
  dims: number,
): Steps<{ labels: Int32Array; centres: Centre[] }> {
  const minSize = Math.max(2, Math.ceil(0.015 * n));
  for (let round = 0; round < 3; round++) {
    const sizes = new Int32Array(centres.length);
    for (const l of labels) sizes[l]++;
    const keep = centres.filter((_, c) => sizes[c] >= minSize);
    if (keep.length === centres.length || keep.length < 2) break;
    const placed = yield* nearestSteps(vectors, keep, dims);
    centres = centroids(vectors, placed.labels, keep.length, dims, CENTRE_FEATURES);
    labels = (yield* nearestSteps(vectors, centres, dims)).labels;
  }
  return { labels, centres };
}

/**
 * No theme holds more than `cap` papers: the largest is split into as many parts as it needs
 * (Ward's cut of a sample of it, refined by k-means on up to CAP_FIT of its papers) until none does.
 */
function* capSize(
  vectors: SparseVector[],
  labels: Int32Array,
  centres: Centre[],
  dims: number,
  cap: number,
): Steps<{ labels: Int32Array; centres: Centre[] }> {
  for (let round = 0; round < 8; round++) {
    const sizes = new Int32Array(centres.length);
    for (const l of labels) sizes[l]++;
    let largest = 0;
    for (let c = 1; c < sizes.length; c++) if (sizes[c] > sizes[largest]) largest = c;
    if (sizes[largest] <= cap) break;
    const inside: number[] = [];
    labels.forEach((l, i) => l === largest && inside.push(i));
    const sample = inside.slice(0, SAMPLE_PARTS).map((i) => vectors[i]);
    const parts = Math.min(sample.length - 1, MAX_PARTS, Math.ceil(sizes[largest] / cap));
    const merges = yield* wardMerges(yield* similarityMatrix(sample, dims), sample.length);
    const seeds = centroids(sample, cutTree(merges, sample.length, parts), parts, dims, CENTRE_FEATURES);
    const fit = inside.slice(0, CAP_FIT).map((i) => vectors[i]);
    const refined = yield* sphericalKMeans(fit, seeds, dims, KMEANS_ROUNDS, CENTRE_FEATURES);
    if (refined.centres.length < 2) break;
    // The theme's papers go to the nearest of its parts; the other themes keep theirs.
    const kept = centres.length - 1;
    const placed = (yield* nearestSteps(
      inside.map((i) => vectors[i]),
      refined.centres,
      dims,
    )).labels;
    const next = [...centres.filter((_, c) => c !== largest), ...refined.centres];
    labels = labels.map((l) => (l > largest ? l - 1 : l));
    inside.forEach((i, j) => (labels[i] = kept + placed[j]));
    const counts = new Int32Array(next.length);
    for (const l of labels) counts[l]++;
    centres = next.filter((_, c) => counts[c] > 0);
    labels = compactLabels(labels, next.length).labels;
    yield;
  }
  return { labels, centres };
}

/** The most parts one theme is split into at once for being too large, and how many of its papers they are fitted on. */
const MAX_PARTS = 8;
const CAP_FIT = 1000;
/** Ward's cut of this many of a theme's papers seeds its parts. */
const SAMPLE_PARTS = 160;

/** The `count` heaviest weights of a centre, as a unit sparse vector (what the model saves). */
function truncate(centre: Centre, count: number): SparseVector {
  const order = [...centre.idx.keys()].filter((k) => centre.val[k] > 0);
  order.sort((a, b) => centre.val[b] - centre.val[a] || centre.idx[a] - centre.idx[b]);
  const kept = order.slice(0, count).sort((a, b) => centre.idx[a] - centre.idx[b]);
  let norm = 0;
  for (const k of kept) norm += centre.val[k] * centre.val[k];
  norm = Math.sqrt(norm) || 1;
  return {
    idx: Int32Array.from(kept, (k) => centre.idx[k]),
    val: Float32Array.from(kept, (k) => centre.val[k] / norm),
  };
}
