// The discovered themes as data: a tree of themes, each with the centre of its papers' vectors
// over a frozen vocabulary. A paper (new or old) is placed by walking down to the nearest centre,
// so the themes stay where they are while the shelf changes a little; the model is saved per
// workspace and only rediscovered when the shelf has changed substantially or on request.
import type { Paper } from '../model/types';
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { hashWord } from '../text/wordTable';
import { CentreIndex } from './centreIndex';
import { FeatureIndex, cosine, type SparseVector, type Vocabulary } from './vectors';

export type ThemeOrigin = 'discovered' | 'taxonomy' | 'user';

export interface ModelTheme {
  name: string;
  /** Index of the broader theme in `themes`, or -1 at the top. */
  parent: number;
  /** Codicon id when the name came from a taxonomy. */
  icon?: string;
  description?: string;
  /** Distinctive terms, as they read in the papers, most distinctive first. */
  terms: string[];
  /** The centre's heaviest features: vocabulary indices (ascending) and weights. */
  centre: SparseVector;
  /** Papers in the theme (with its subtopics) when it was discovered. */
  size: number;
  origin: ThemeOrigin;
}

/** A model as saved (JSON-safe). */
export interface ThemeModelData {
  version: 1;
  fallback: string;
  minSimilarity: number;
  features: string[];
  idf: number[];
  themes: {
    name: string;
    parent: number;
    icon?: string;
    description?: string;
    terms: string[];
    idx: number[];
    val: number[];
    size: number;
    origin: ThemeOrigin;
  }[];
  /** Hashes (32-bit) of the ids of the papers discovered from, ascending. */
  paperHashes: number[];
}

export const MODEL_VERSION = 1;

/** Extra features of a paper (the shipped taxonomy's opinion), added to its words and categories. */
export type PaperHints = (paper: Pick<Paper, 'title' | 'summary'>) => readonly string[];

export class ThemeModel {
  private readonly index: FeatureIndex;
  private readonly children: number[][] = [];
  private readonly roots: number[] = [];
  private readonly byName = new Map<string, number>();
  /** The paper hashes as a set, made when first needed (drift). */
  private paperHashSet: Set<number> | undefined;
  /** Per broader theme (-1: the top), the index of its themes' centres; built on first placement. */
  private readonly levels = new Map<number, CentreIndex>();
  private scratch: Float64Array | undefined;

  constructor(
    readonly vocabulary: Vocabulary,
    readonly themes: readonly ModelTheme[],
    readonly fallback: string,
    readonly minSimilarity: number,
    readonly paperHashes: readonly number[],
    private readonly hints?: PaperHints,
  ) {
    this.index = FeatureIndex.of(vocabulary);
    themes.forEach((t, i) => {
      this.children[i] = [];
      this.byName.set(t.name.toLowerCase(), i);
    });
    themes.forEach((t, i) => (t.parent >= 0 ? this.children[t.parent].push(i) : this.roots.push(i)));
  }

  /** The leaf theme for a paper: down the tree to the nearest centre at each level; the catch-all when nothing is near. */
  assign(paper: Pick<Paper, 'title' | 'summary' | 'categories'>): string {
    return this.assignVector(this.vectorOf(paper));
  }

  /** The paper's vector over this model's vocabulary (the discovery's own weighting). */
  vectorOf(paper: Pick<Paper, 'title' | 'summary' | 'categories'>): SparseVector {
    return this.index.paperVector(paper, hintFeatures(paper, this.hints));
  }

  assignVector(v: SparseVector): string {
    const leaf = this.leafOf(v);
    return leaf < 0 ? this.fallback : this.themes[leaf].name;
  }

  /** The index of the leaf theme for a vector, or -1 for the catch-all. */
  leafOf(v: SparseVector): number {
    return this.place(v).leaf;
  }

  /**
   * Where a vector goes: its leaf theme (-1 for the catch-all) and its similarity to the nearest
   * top theme. Each level down compares it with the themes of that level only (an inverted index
   * of their centres), so placing a paper costs a few small look-ups however large the tree.
   */
  place(v: SparseVector): { leaf: number; topSimilarity: number } {
    if (!this.roots.length || !v.idx.length) return { leaf: -1, topSimilarity: -1 };
    this.scratch ??= new Float64Array(this.themes.length);
    let level = this.roots;
    let at = -1;
    let topSimilarity = -Infinity;
    while (level.length) {
      const sims = this.levelIndex(at).scores(v, this.scratch);
      let best = 0;
      let bestSim = -Infinity;
      for (let j = 0; j < level.length; j++) {
        if (sims[j] > bestSim) {
          bestSim = sims[j];
          best = j;
        }
      }
      if (at < 0) {
        topSimilarity = bestSim;
        if (bestSim < this.minSimilarity) return { leaf: -1, topSimilarity };
      }
      at = level[best];
      level = this.children[at];
    }
    return { leaf: at, topSimilarity };
  }

  /** The centre index of the themes under `parent` (-1: the top), made when first needed. */
  private levelIndex(parent: number): CentreIndex {
    let index = this.levels.get(parent);
    if (!index) {
      const level = parent < 0 ? this.roots : this.children[parent];
      index = new CentreIndex(
        level.map((t) => this.themes[t].centre),
        this.vocabulary.features.length,
        true,
      );
      this.levels.set(parent, index);
    }
    return index;
  }

  /** Cosine of a unit vector with a theme's (unit) centre: both are sparse, so no dense copies are kept. */
  similarity(v: SparseVector, theme: number): number {
    return cosine(v, this.themes[theme]!.centre);
  }

  /** Indices of the top themes. */
  topIndices(): readonly number[] {
    return this.roots;
  }

  /** The theme named so (any case), if the model has one. */
  find(name: string): ModelTheme | undefined {
    const i = this.byName.get(name.trim().toLowerCase());
    return i === undefined ? undefined : this.themes[i];
  }

  /** Names from the top theme down to `name` (just [name] when the model does not know it). */
  pathOf(name: string): string[] {
    const path: string[] = [];
    let i = this.byName.get(name.trim().toLowerCase());
    if (i === undefined) return [name];
    while (i >= 0) {
      path.unshift(this.themes[i].name);
      i = this.themes[i].parent;
    }
    return path;
  }

  /** The narrower themes of a theme ('' for the top level), in model order. */
  childrenOf(name: string): ModelTheme[] {
    if (!name) return this.roots.map((i) => this.themes[i]);
    const i = this.byName.get(name.trim().toLowerCase());
    return i === undefined ? [] : this.children[i].map((c) => this.themes[c]);
  }

  /** How many of `ids` the model was not discovered from, and how many it was discovered from are gone. */
  drift(ids: Iterable<string>): { added: number; removed: number } {
    return runSteps(this.driftSteps(ids));
  }

  /** `drift` in steps of a few thousand ids. */
  *driftSteps(ids: Iterable<string>): Steps<{ added: number; removed: number }> {
    const known = (this.paperHashSet ??= new Set(this.paperHashes));
    yield;
    const present = new Set<number>();
    let added = 0;
    let n = 0;
    for (const id of ids) {
      if ((++n & 4095) === 0) yield;
      const h = hashWord(id) >>> 0;
      present.add(h);
      if (!known.has(h)) added++;
    }
    let removed = 0;
    for (let i = 0; i < this.paperHashes.length; i++) {
      if ((i & 4095) === 4095) yield;
      if (!present.has(this.paperHashes[i]!)) removed++;
    }
    return { added, removed };
  }

  /** Whether the shelf has changed so much since discovery that its themes should be found afresh. */
  needsRediscovery(ids: Iterable<string>): boolean {
    return runSteps(this.needsRediscoverySteps(ids));
  }

  /** `needsRediscovery` as steps. */
  *needsRediscoverySteps(ids: Iterable<string>): Steps<boolean> {
    const { added, removed } = yield* this.driftSteps(ids);
    const base = Math.max(this.paperHashes.length, 1);
    return added + removed > Math.max(2, 0.25 * base);
  }

  /** A copy under other names (`names`: old name -> new name). */
  renamed(names: ReadonlyMap<string, string>): ThemeModel {
    const themes = this.themes.map((t) => {
      const name = names.get(t.name);
      return name ? { ...t, name, origin: 'user' as const } : t;
    });
    return new ThemeModel(this.vocabulary, themes, this.fallback, this.minSimilarity, this.paperHashes, this.hints);
  }

  toJSON(): ThemeModelData {
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    return {
      version: MODEL_VERSION,
      fallback: this.fallback,
      minSimilarity: this.minSimilarity,
      features: this.vocabulary.features,
      idf: [...this.vocabulary.idf].map(round),
      themes: this.themes.map((t) => ({
        name: t.name,
        parent: t.parent,
        ...(t.icon ? { icon: t.icon } : {}),
        ...(t.description ? { description: t.description } : {}),
        terms: t.terms,
        idx: [...t.centre.idx],
        val: [...t.centre.val].map(round),
        size: t.size,
        origin: t.origin,
      })),
      paperHashes: [...this.paperHashes],
    };
  }

  /** A saved model, or undefined when it is damaged or of another version. */
  static fromJSON(data: unknown, hints?: PaperHints): ThemeModel | undefined {
    return runSteps(ThemeModel.fromJSONSteps(data, hints));
  }

  /** `fromJSON` as steps: the vocabulary's tables are filled a slice at a time (see FeatureIndex.ofSteps). */
  static *fromJSONSteps(data: unknown, hints?: PaperHints): Steps<ThemeModel | undefined> {
    try {
      const d = data as ThemeModelData;
      if (!d || d.version !== MODEL_VERSION || !Array.isArray(d.features) || !Array.isArray(d.themes)) return undefined;
      if (d.idf.length !== d.features.length) return undefined;
      const dims = d.features.length;
      const themes: ModelTheme[] = [];
      for (const t of d.themes) {
        if (themes.length % 16 === 15) yield;
        if (typeof t.name !== 'string' || !Number.isInteger(t.parent) || t.parent >= d.themes.length)
          throw new Error('bad theme');
        if (t.idx.length !== t.val.length || t.idx.some((i) => !(i >= 0 && i < dims))) throw new Error('bad centre');
        themes.push({
          name: t.name,
          parent: t.parent,
          icon: typeof t.icon === 'string' ? t.icon : undefined,
          description: typeof t.description === 'string' ? t.description : undefined,
          terms: Array.isArray(t.terms) ? t.terms.filter((x) => typeof x === 'string') : [],
          centre: { idx: Int32Array.from(t.idx), val: Float32Array.from(t.val) },
          size: Number(t.size) || 0,
          origin: t.origin === 'taxonomy' || t.origin === 'user' ? t.origin : 'discovered',
        });
      }
      const vocabulary = { features: d.features, idf: Float32Array.from(d.idf) };
      yield;
      // The model's constructor finds the index made here.
      yield* FeatureIndex.ofSteps(vocabulary);
      // An array as saved, or a typed one (core/shelf/discoveryJob's packed model): a plain array of numbers here.
      const paperHashes = Array.prototype.filter.call(d.paperHashes, (h) => typeof h === 'number') as number[];
      yield;
      return new ThemeModel(vocabulary, themes, String(d.fallback), Number(d.minSimilarity) || 0, paperHashes, hints);
    } catch {
      return undefined;
    }
  }
}

/** The 32-bit hash of a paper id that models remember papers by. */
export function paperHash(id: string): number {
  return hashWord(id) >>> 0;
}

/** A paper's hints as the features they are in the vocabulary ('h:…'). */
export function hintFeatures(paper: Pick<Paper, 'title' | 'summary'>, hintsOf?: PaperHints): string[] {
  return hintsOf ? hintsOf(paper).map((h) => `h:${h.toLowerCase()}`) : [];
}
