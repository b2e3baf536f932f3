// The map's 2-D layout: where each paper sits, from its text vector and its theme.
//
// Every theme gets an anchor: the themes' centroid vectors are placed in the plane by metric
// multidimensional scaling (so themes that share words sit near each other), then pushed apart
// until no two anchors crowd. A paper sits at the average of the anchors weighted by how close
// its text is to each theme's centroid (a softmax of cosine similarities), so a paper between two
// topics sits between them; around that point it is spread by a fixed random projection of its
// own vector (similar texts get similar offsets). Nothing is iterative over the papers, so the
// layout is deterministic, linear in the shelf's size, and a few added papers change the
// centroids and word weights only a little: the others barely move.
import type { TextVectors } from './vectors';
import type { Steps } from '../runtime/yieldToHost';
import { hashWord } from '../text/wordTable';
import { seededRandom } from '../runtime/seededRandom';

export interface LayoutInput {
  vectors: TextVectors;
  /** Per paper: its theme's index in 0..themeCount-1. */
  themeOf: ArrayLike<number>;
  /** Theme names, by index (their hashes fix where the themes start before the anchors settle). */
  themeNames: readonly string[];
}

export interface Layout {
  /** Per paper, in the plane: the anchors lie within the unit circle, papers around them. */
  x: Float64Array;
  y: Float64Array;
  /** Per theme: its anchor. */
  anchors: { x: number; y: number }[];
}

/** How sharply a paper is drawn to its most similar theme (softmax temperature over cosines). */
const SHARPNESS = 12;
/** A paper's own theme counts as this much extra similarity (the theme is information too). */
const OWN_THEME_BONUS = 0.08;
/** Spread of a theme's cloud around its anchor, as a share of the least anchor separation. */
const SPREAD = 0.28;

/** The layout of the papers, yielding between papers so a caller can run it in slices. */
export function* layoutSteps(input: LayoutInput): Steps<Layout> {
  const { vectors, themeOf } = input;
  const k = input.themeNames.length;
  const n = vectors.offsets.length - 1;
  const vocabulary = vectors.terms.length;
  // Theme centroids, term-major (centroid[t * k + c]) so one paper's terms read k values in a row.
  const centroid = new Float64Array(vocabulary * k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = themeOf[i];
    sizes[c]++;
    for (let j = vectors.offsets[i]; j < vectors.offsets[i + 1]; j++)
      centroid[vectors.termIds[j] * k + c] += vectors.weights[j];
  }
  const norms = new Float64Array(k);
  for (let t = 0; t < vocabulary; t++) for (let c = 0; c < k; c++) norms[c] += centroid[t * k + c] ** 2;
  for (let c = 0; c < k; c++) norms[c] = norms[c] > 0 ? 1 / Math.sqrt(norms[c]) : 0;
  for (let t = 0; t < vocabulary; t++) for (let c = 0; c < k; c++) centroid[t * k + c] *= norms[c];
  yield;

  const anchors = placeAnchors(centroidSimilarities(centroid, vocabulary, k), input.themeNames);
  const separation = leastSeparation(anchors);
  const gx = vectors.terms.map((t) => gaussian(hashWord(t)));
  const gy = vectors.terms.map((t) => gaussian(hashWord(`${t}\u0001`)));

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const jitterX = new Float64Array(n);
  const jitterY = new Float64Array(n);
  const sims = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sims.fill(0);
    let jx = 0;
    let jy = 0;
    for (let j = vectors.offsets[i]; j < vectors.offsets[i + 1]; j++) {
      const t = vectors.termIds[j];
      const w = vectors.weights[j];
      const base = t * k;
      for (let c = 0; c < k; c++) sims[c] += w * centroid[base + c];
      jx += w * gx[t];
      jy += w * gy[t];
    }
    sims[themeOf[i]] += OWN_THEME_BONUS;
    let best = -Infinity;
    for (let c = 0; c < k; c++) best = Math.max(best, sims[c]);
    let sum = 0;
    let px = 0;
    let py = 0;
    for (let c = 0; c < k; c++) {
      const w = Math.exp(SHARPNESS * (sims[c] - best));
      sum += w;
      px += w * anchors[c].x;
      py += w * anchors[c].y;
    }
    x[i] = px / sum;
    y[i] = py / sum;
    jitterX[i] = jx;
    jitterY[i] = jy;
    yield;
  }
  // Each theme's offsets are centred on zero, so its cloud sits on its anchor.
  const meanX = new Float64Array(k);
  const meanY = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    meanX[themeOf[i]] += jitterX[i];
    meanY[themeOf[i]] += jitterY[i];
  }
  const scale = SPREAD * separation;
  for (let i = 0; i < n; i++) {
    const c = themeOf[i];
    x[i] += scale * (jitterX[i] - meanX[c] / sizes[c]);
    y[i] += scale * (jitterY[i] - meanY[c] / sizes[c]);
  }
  return { x, y, anchors };
}

/** Cosine similarity of every pair of (unit) centroids. */
function centroidSimilarities(centroid: Float64Array, vocabulary: number, k: number): Float64Array {
  const s = new Float64Array(k * k);
  for (let t = 0; t < vocabulary; t++) {
    const base = t * k;
    for (let a = 0; a < k; a++) {
      const va = centroid[base + a];
      if (va === 0) continue;
      for (let b = a; b < k; b++) s[a * k + b] += va * centroid[base + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) s[a * k + b] = s[b * k + a];
  return s;
}

/**
 * Anchors for k themes from their similarities: metric MDS (SMACOF's Guttman transform) on the
 * chord distances of the unit centroids, started from a circle on which each theme's angle is
 * fixed by a hash of its name, so the same themes start in the same places however the shelf
 * grows (classical MDS flips and rotates when themes are about equally far apart, as text
 * centroids are); then scaled into the unit circle and relaxed until no pair crowds.
 */
export function placeAnchors(similarity: Float64Array, names: readonly string[]): { x: number; y: number }[] {
  const k = names.length;
  if (k === 0) return [];
  if (k === 1) return [{ x: 0, y: 0 }];
  const chord = (a: number, b: number) => Math.sqrt(Math.max(0, 2 - 2 * similarity[a * k + b]));
  let nearest = Infinity;
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) nearest = Math.min(nearest, chord(a, b));
  // Text centroids are all about equally far apart: most of that common part is taken away so
  // that the differences (which topics are neighbours) shape the picture.
  const target = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) target[a * k + b] = a === b ? 0 : Math.max(0.05, chord(a, b) - 0.6 * nearest);
  let points = names.map((name) => {
    const angle = ((hashWord(name) >>> 0) / 4294967296) * 2 * Math.PI;
    return { x: Math.cos(angle), y: Math.sin(angle) };
  });
  for (let iteration = 0; iteration < 300; iteration++) {
    const next = points.map(() => ({ x: 0, y: 0 }));
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        if (a === b) continue;
        const dx = points[a].x - points[b].x;
        const dy = points[a].y - points[b].y;
        const d = Math.hypot(dx, dy);
        const ratio = d > 1e-12 ? target[a * k + b] / d : 0;
        next[a].x += (points[b].x + ratio * dx) / k;
        next[a].y += (points[b].y + ratio * dy) / k;
      }
    let change = 0;
    next.forEach((p, i) => (change = Math.max(change, Math.hypot(p.x - points[i].x, p.y - points[i].y))));
    points = next;
    if (change < 1e-7) break;
  }
  return relax(points);
}

/** Scales the anchors into the unit circle and pushes crowded pairs apart (a fixed number of rounds). */
function relax(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const k = points.length;
  const fit = () => {
    const radius = Math.max(1e-9, ...points.map((p) => Math.hypot(p.x, p.y)));
    for (const p of points) {
      p.x /= radius;
      p.y /= radius;
    }
  };
  fit();
  const least = 1.6 / Math.sqrt(k);
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) {
        let dx = points[b].x - points[a].x;
        let dy = points[b].y - points[a].y;
        let d = Math.hypot(dx, dy);
        if (d >= least) continue;
        if (d < 1e-9) {
          // Themes with the same words: split them along a direction fixed by their indices.
          dx = Math.cos(a + 2 * b);
          dy = Math.sin(a + 2 * b);
          d = 1;
        }
        const push = (least - Math.hypot(points[b].x - points[a].x, points[b].y - points[a].y)) / 2;
        points[a].x -= (dx / d) * push;
        points[a].y -= (dy / d) * push;
        points[b].x += (dx / d) * push;
        points[b].y += (dy / d) * push;
        moved = true;
      }
    if (!moved) break;
  }
  fit();
  return points;
}

function leastSeparation(anchors: readonly { x: number; y: number }[]): number {
  let least = Infinity;
  for (let a = 0; a < anchors.length; a++)
    for (let b = a + 1; b < anchors.length; b++)
      least = Math.min(least, Math.hypot(anchors[a].x - anchors[b].x, anchors[a].y - anchors[b].y));
  return Number.isFinite(least) ? least : 1;
}

/** A standard-normal number fixed by a hash (Box-Muller over two uniforms seeded by it). */
function gaussian(hash: number): number {
  const random = seededRandom(hash);
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
