// The shelf's full-text index, built for libraries of 100,000 papers.
//
// Why not minisearch's index itself: it scores and sorts every document that matches a term,
// through per-term Maps of per-document objects; at 100k papers a common word costs hundreds
// of milliseconds and the index holds ~660 MB. Here the dictionary is a sorted word list
// (termDictionary.ts: exact, prefix and fuzzy lookups without a tree of objects), and the postings are flat
// typed arrays per field group, scored term-at-a-time into a reused accumulator and cut to the
// top k with a small heap. A query touches only the postings of its (capped) expansions.
import { TermDictionary } from './termDictionary';
import type { ShelfEntry } from '../model/types';
import { Builder, docsOfTitle, keyForm, type Built, type TitleTable } from './indexBuilder';
import { Vocabulary, patchIndex, type Overlay } from './indexPatch';
import {
  ALL_GROUPS,
  buildSteps,
  BOOST,
  GROUPS,
  INDEX_FORMAT_VERSION,
  K1,
  SHORT_PREFIX_GROUPS,
  STRONG_MASK,
  fits,
  type IndexBuild,
  type Postings,
  type SerializedIndex,
} from './indexFormat';
import { TopK, popcount, topBy } from './topK';
import { firstArxivId } from '../arxiv/arxivId';
import { tokenize } from '../text/words';
import { STOP_WORDS, normalizeTitle, titleKey } from './tokens';
import { runSteps } from '../runtime/yieldToHost';

export interface SearchResult {
  id: string;
  score: number;
}

export interface SearchOptions {
  limit?: number;
}

/** Ranking tiers, combined into one comparable number (score stays below TIER_SCORE). */
const TIER_EXACT_ID_OR_KEY = 4e9;
const TIER_EXACT_TITLE = 2e9;
const TIER_COVERAGE = 1e6;
const TIER_STRONG = 1e4;
const TIER_SCORE = 9999;

const MAX_QUERY_TERMS = 8;
const PREFIX_EXPANSIONS_LAST = 40;
const PREFIX_EXPANSIONS_OTHER = 8;
const FUZZY_EXPANSIONS = 10;
/** Misspellings keep the first letter (see TermDictionary.fuzzy). */
const FUZZY_PREFIX = 1;
const RELATED_TERMS = 20;
/** For related(): a title hit still counts more, but one shared rare title word must not win alone. */
const RELATED_BOOST = [2, 2, 1, 1];

/** One query term's postings to visit: a dictionary term and how much a hit on it counts. */
interface Expansion {
  termId: number;
  weight: number;
  /** Bit per field group to visit (all when omitted). */
  groups?: number;
}

/** The one full-text index over the shelf (title boosted, summary, id, key, theme, authors, tags). */
export class ShelfSearch {
  private ids: string[] = [];
  private entries: readonly ShelfEntry[] = [];
  private idToDoc = new Map<string, number>();
  private keyToDoc = new Map<string, number>();
  /** Papers by the key of their normalised title (titleKey): a hit is compared again. */
  private titleToDocs: TitleTable = new Map();
  /** The built words and those patches added. */
  private vocabulary = new Vocabulary(new TermDictionary([]));
  private terms: readonly string[] = [];
  private groups: Postings[] = [];
  // Query scratch space, reused across queries (sized to the shelf).
  private scores = new Float32Array(0);
  // A bit per query word: related() asks up to 21 at once, so 16 bits would lose some (and overflow `touched`).
  private covered = new Uint32Array(0);
  private strong = new Uint16Array(0);
  private touched = new Uint32Array(0);
  /** After a patch (see indexPatch.ts): which document numbers hold a paper, and each one's place on the shelf. */
  private overlay: Overlay | undefined;
  private position: Uint32Array | undefined;
  private live = 0;

  /** Papers in the index. */
  get size(): number {
    return this.live;
  }

  /** Whether the index is as a build makes it (no empty slots, shelf order): only then can it be cached. */
  get compact(): boolean {
    return this.overlay === undefined;
  }

  /**
   * Updates the index for `entries` when only a few differ from those indexed (by entry object:
   * new, changed, gone or moved), patching it in place of a build; false when that would not
   * pay, and the caller builds afresh. Queries then answer exactly as after a build.
   */
  update(entries: readonly ShelfEntry[]): boolean {
    const next = patchIndex(
      {
        entries: this.entries,
        ids: this.ids,
        dictionary: this.vocabulary.built,
        groups: this.groups,
        idToDoc: this.idToDoc,
        keyToDoc: this.keyToDoc,
        titleToDocs: this.titleToDocs,
        overlay: this.overlay,
      },
      entries,
    );
    if (!next) return false;
    this.entries = next.entries;
    this.ids = next.ids;
    this.overlay = next.overlay;
    this.vocabulary = new Vocabulary(this.vocabulary.built, next.overlay);
    this.position = next.overlay.position;
    this.live = next.overlay.live;
    this.scratch(next.entries.length);
    return true;
  }

  /** Replaces the indexed entries (synchronously; see `beginBuild` for a sliced build). */
  setEntries(entries: readonly ShelfEntry[]): void {
    const build = this.beginBuild(entries);
    runSteps(buildSteps(build, Infinity));
  }

  /**
   * Starts replacing the index with `entries`; the old index answers queries until the
   * build's last step swaps the new one in.
   */
  beginBuild(entries: readonly ShelfEntry[]): IndexBuild {
    return new Builder(entries, (built) => this.install(built));
  }

  /** The index in a form the cache can store; `restore` takes it back for the same entries. */
  serialize(): SerializedIndex {
    return {
      version: INDEX_FORMAT_VERSION,
      ids: this.ids,
      terms: this.terms,
      groups: this.groups.map((g) => ({
        offsets: g.offsets,
        docs: g.docs,
        tfs: g.tfs,
        norms: g.norms,
        lengths: g.lengths,
      })),
    };
  }

  /**
   * Restores an index serialised for exactly these entries (same ids in the same order);
   * returns false (and keeps the current index) when it does not fit.
   */
  restore(entries: readonly ShelfEntry[], data: SerializedIndex): boolean {
    const build = this.beginRestore(entries, data);
    if (!build) return false;
    runSteps(buildSteps(build, Infinity));
    return true;
  }

  /**
   * `restore` in slices; undefined when the data does not fit these entries. `fitted`: the caller
   * found that it does (with `fitsSteps`, in slices, for exactly these entries).
   */
  beginRestore(entries: readonly ShelfEntry[], data: SerializedIndex, fitted = false): IndexBuild | undefined {
    if (!fitted && !fits(entries, data)) return undefined;
    return new Builder(entries, (built) => this.install(built), { terms: data.terms, groups: data.groups });
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(0, options.limit ?? 20);
    if (!limit || !this.live || !query.trim()) return [];

    const boosts = new Map<number, number>();
    const bump = (doc: number | undefined, bonus: number) => {
      if (doc !== undefined) boosts.set(doc, Math.max(boosts.get(doc) ?? 0, bonus));
    };
    const id = firstArxivId(query);
    if (id) bump(this.idToDoc.get(id), TIER_EXACT_ID_OR_KEY);
    bump(this.keyToDoc.get(keyForm(query)), TIER_EXACT_ID_OR_KEY);
    const titled = docsOfTitle(this.titleToDocs, titleKey(query));
    if (titled.length) {
      const title = normalizeTitle(query);
      for (const doc of titled)
        if (normalizeTitle(this.entries[doc]!.paper.title) === title) bump(doc, TIER_EXACT_TITLE);
    }

    let words = tokenize(query);
    const meaningful = words.filter((w) => !STOP_WORDS.has(w));
    if (meaningful.length) words = meaningful;
    words = [...new Set(words)].slice(0, MAX_QUERY_TERMS);

    const expansions = words.map((w, i) => this.expand(w, i === words.length - 1 && /[\p{L}\p{N}]$/u.test(query)));
    this.accumulate(expansions);
    return this.collect(limit, words.length, boosts, undefined);
  }

  /** The papers most similar to `id` (not including it): a query of its most distinctive words. */
  related(id: string, limit = 5): SearchResult[] {
    const doc = this.idToDoc.get(id) ?? this.idToDoc.get(firstArxivId(id) ?? '');
    if (doc === undefined || limit <= 0) return [];
    const paper = this.entries[doc]!.paper;
    const counts = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const w of tokenize(text)) {
        if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
        counts.set(w, (counts.get(w) ?? 0) + weight);
      }
    };
    add(paper.title, 3);
    add(paper.summary, 1);
    for (const tag of paper.tags) add(tag, 2);
    const n = this.live;
    const scored: { termId: number; weight: number }[] = [];
    for (const [word, tf] of counts) {
      const termId = this.vocabulary.get(word);
      if (termId === undefined) continue;
      const df = this.documentFrequency(termId);
      if (df <= 1) continue; // only this paper has it: says nothing about others
      scored.push({ termId, weight: (1 + Math.log(tf)) * Math.log(1 + n / df) });
    }
    scored.sort((a, b) => b.weight - a.weight);
    const top = scored.slice(0, RELATED_TERMS);
    const max = top[0]?.weight ?? 1;
    this.accumulate(
      top.map((e) => [{ termId: e.termId, weight: e.weight / max }]),
      RELATED_BOOST,
    );
    // Papers filed under the same theme get a nudge: the taxonomy is a signal of its own.
    const themeTerms = tokenize(this.entries[doc].theme)
      .map((w) => this.vocabulary.get(w))
      .filter((t) => t !== undefined);
    this.accumulate(
      [themeTerms.map((termId) => ({ termId, weight: 1 / Math.max(1, themeTerms.length) }))],
      RELATED_BOOST,
      true,
    );
    return this.collect(limit, 0, new Map(), doc);
  }

  // ---------------------------------------------------------------------------------------

  private install(built: Built): void {
    this.entries = built.entries;
    this.ids = built.ids;
    this.vocabulary = new Vocabulary(new TermDictionary(built.terms));
    this.terms = built.terms;
    this.groups = built.groups;
    this.idToDoc = built.idToDoc;
    this.keyToDoc = built.keyToDoc;
    this.titleToDocs = built.titleToDocs;
    this.overlay = undefined;
    this.position = undefined;
    this.live = built.entries.length;
    this.scratch(built.entries.length);
  }

  /** Query scratch space for `n` documents. */
  private scratch(n: number): void {
    // The query scratch space (all zero between queries) is kept while it fits: a patch adding a
    // paper or two does not make it again (it grows by an eighth at a time).
    const had = this.scores.length;
    if (had < n || had > 2 * n) {
      const size = had < n && had * 2 > n ? Math.max(n, Math.ceil(had * 1.125)) : n;
      this.scores = new Float32Array(size);
      this.covered = new Uint32Array(size);
      this.strong = new Uint16Array(size);
      this.touched = new Uint32Array(size);
    }
  }

  private documentFrequency(termId: number): number {
    let df = 0;
    for (let g = 0; g < GROUPS; g++) df = Math.max(df, this.postingsCount(termId, g));
    return df;
  }

  /** Documents with the word in group `g`: built postings (less those of documents gone) and added ones. */
  private postingsCount(termId: number, g: number): number {
    const { offsets } = this.groups[g];
    const o = this.overlay?.groups[g];
    const built = termId < offsets.length - 1 ? offsets[termId + 1] - offsets[termId] : 0;
    return o ? built - (o.dead.get(termId) ?? 0) + (o.added.get(termId)?.docs.length ?? 0) : built;
  }

  /** Dictionary terms a query word stands for: itself, words it begins, and near misspellings. */
  private expand(word: string, asYouType: boolean): Expansion[] {
    const out = new Map<number, Expansion>();
    const add = (termId: number, weight: number, groups: number) => {
      const known = out.get(termId);
      if (!known) out.set(termId, { termId, weight, groups });
      else if (weight > known.weight)
        out.set(termId, { termId, weight, groups: (known.groups ?? ALL_GROUPS) | groups });
    };
    const exact = this.vocabulary.get(word);
    if (exact !== undefined) add(exact, 1, ALL_GROUPS);

    if (word.length >= 2) {
      const cap = asYouType ? PREFIX_EXPANSIONS_LAST : PREFIX_EXPANSIONS_OTHER;
      // Two or three typed letters say little: complete them in titles and names only, where
      // a person looks first (and where the postings are short).
      const groups = word.length <= 3 ? SHORT_PREFIX_GROUPS : ALL_GROUPS;
      const candidates: { termId: number; df: number; length: number }[] = [];
      this.vocabulary.eachWithPrefix(word, (termId) => {
        if (termId === exact) return;
        const df = this.documentFrequency(termId);
        if (df > 0) candidates.push({ termId, df, length: this.vocabulary.text(termId).length });
      });
      for (const c of topBy(candidates, cap, (c) => c.df)) {
        // A longer completion is a weaker match: 'rein' -> 'reinforcement' counts less than 'reinforce'.
        add(c.termId, 0.3 + 0.5 * (word.length / c.length), groups);
      }
    }

    // Misspellings: only for words long enough to misspell, and not for a word the shelf
    // uses a lot (someone typing 'model' means 'model', not 'modes').
    const common = exact !== undefined && this.documentFrequency(exact) >= this.live / 50;
    if (word.length >= 4 && !/^\d/.test(word) && !common) {
      const distance = word.length >= 8 ? 2 : 1;
      const candidates: { termId: number; rank: number; distance: number }[] = [];
      for (const { termId, distance: d } of this.vocabulary.fuzzy(word, distance, FUZZY_PREFIX)) {
        if (termId === exact || d === 0) continue;
        const df = this.documentFrequency(termId);
        if (df > 0) candidates.push({ termId, rank: -d * 1e9 + df, distance: d });
      }
      for (const c of topBy(candidates, FUZZY_EXPANSIONS, (c) => c.rank))
        add(c.termId, c.distance === 1 ? 0.45 : 0.3, ALL_GROUPS);
    }
    return [...out.values()];
  }

  /** Adds every posting of every expansion into the scratch accumulators (term at a time). */
  private nTouched = 0;
  private accumulate(queryTerms: Expansion[][], boost = BOOST, onlyTouched = false): void {
    const { scores, covered, strong, touched } = this;
    const n = this.live;
    let nTouched = onlyTouched ? this.nTouched : 0;
    for (let q = 0; q < queryTerms.length; q++) {
      const bit = 1 << q;
      for (const { termId, weight, groups = ALL_GROUPS } of queryTerms[q]) {
        for (let g = 0; g < GROUPS; g++) {
          if (!((groups >> g) & 1)) continue;
          const df = this.postingsCount(termId, g);
          if (df === 0) continue;
          const { offsets, docs, tfs } = this.groups[g];
          const o = this.overlay?.groups[g];
          const norms = o ? o.norms : this.groups[g].norms;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const w = weight * boost[g] * idf * (K1 + 1);
          const strongBit = (STRONG_MASK >> g) & 1 ? bit : 0;
          const built = termId < offsets.length - 1;
          // Documents gone since the build are skipped where the word lost some.
          const alive = o?.dead.has(termId) ? this.overlay!.alive : undefined;
          const more = o?.added.get(termId);
          // The built postings, then those of the papers patches added.
          for (let part = 0; part < (more ? 2 : 1); part++) {
            const ds = part ? more!.docs : docs;
            const ts = part ? more!.tfs : tfs;
            const end = part ? ds.length : built ? offsets[termId + 1] : 0;
            for (let p = part || !built ? 0 : offsets[termId]; p < end; p++) {
              const d = ds[p];
              if (alive && !alive[d]) continue;
              const tf = ts[p];
              if (covered[d] === 0) {
                if (onlyTouched) continue;
                touched[nTouched++] = d;
              }
              scores[d] += (w * tf) / (tf + norms[d]);
              covered[d] |= bit;
              strong[d] |= strongBit;
            }
          }
        }
      }
    }
    this.nTouched = nTouched;
  }

  /**
   * The top `limit` documents of the accumulators, then resets them. With `terms` > 0 papers
   * are ranked by how many query words they contain, then how many of those are in the title
   * or names, then by score; papers matching clearly fewer words than the best are dropped.
   */
  private collect(
    limit: number,
    terms: number,
    boosts: Map<number, number>,
    exclude: number | undefined,
  ): SearchResult[] {
    const { scores, covered, strong, touched } = this;
    const nTouched = this.nTouched;
    let best = 0;
    if (terms > 0) for (let i = 0; i < nTouched; i++) best = Math.max(best, popcount(covered[touched[i]]));
    const minCoverage = terms >= 3 ? best - 1 : best;

    const heap = new TopK(limit);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      if (d === exclude) continue;
      const coverage = popcount(covered[d]);
      let rank = Math.min(scores[d], TIER_SCORE);
      if (terms > 0) {
        if (coverage < minCoverage && !boosts.has(d)) continue;
        rank += coverage * TIER_COVERAGE + popcount(strong[d]) * TIER_STRONG;
      }
      rank += boosts.get(d) ?? 0;
      heap.offer(d, rank, this.position?.[d] ?? d);
    }
    for (const [d, bonus] of boosts)
      if (covered[d] === 0 && d !== exclude) heap.offer(d, bonus, this.position?.[d] ?? d);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      scores[d] = 0;
      covered[d] = 0;
      strong[d] = 0;
    }
    this.nTouched = 0;
    return heap.sorted().map(({ doc, rank }) => ({ id: this.ids[doc], score: rank }));
  }
}
