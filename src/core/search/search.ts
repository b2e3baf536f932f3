// The shelf's full-text index, built for libraries of 100,000 papers.
//
// Why not minisearch's index itself: it scores and sorts every document that matches a term,
// through per-term Maps of per-document objects; at 100k papers a common word costs hundreds
// of milliseconds and the index holds ~660 MB. Here the dictionary is a sorted word list
// (termDictionary.ts: exact, prefix and fuzzy lookups without a tree of objects), and the postings are flat
// typed arrays per field group, scored term-at-a-time into a reused accumulator and cut to the
// top k with a small heap. A query touches only the postings of its (capped) expansions.
import { TermDictionary } from './termDictionary';
import { WordTable, copyOfRange, hashStep, hashWord, HASH_START } from '../text/wordTable';
import type { ShelfEntry } from '../model/types';

export interface SearchResult {
  id: string;
  score: number;
}

export interface SearchOptions {
  limit?: number;
}

/** Field groups, each with its own postings, length normalisation and boost. */
const TITLE = 0;
const NAMES = 1; // id, cite key, authors, tags
const THEME = 2;
const SUMMARY = 3;
const GROUPS = 4;
const BOOST = [6, 5, 1.5, 1];
/** BM25 length normalisation per group: titles a little, names and themes not at all. */
const B = [0.5, 0, 0, 0.75];
const K1 = 1.2;
/** Groups whose hits put a paper in the "matched in its title or names" tier. */
const STRONG_MASK = (1 << TITLE) | (1 << NAMES);
const ALL_GROUPS = (1 << GROUPS) - 1;
const SHORT_PREFIX_GROUPS = (1 << TITLE) | (1 << NAMES) | (1 << THEME);

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

/**
 * Words so common in English prose (and in abstracts) that they carry no meaning for search.
 * Deliberately short: "learning", "model" or "network" stay searchable, ranking handles them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can do does for from had has have how i if in into is it its ' +
    'of on or our over so such than that the their them then there these they this those to was we ' +
    'were what when where which while who whose why will with within without would you your also ' +
    'both each not only very via'
  ).split(' '),
);

const ASCII_TOKEN = /\d{4}\.\d{1,5}|[a-z0-9]+/g;
const UNICODE_TOKEN = /\d{4}\.\d{1,5}|[\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Lower-cased words and numbers of `text`; new-scheme arXiv ids ('2510.01152') stay one token.
 * Accents are folded so 'Schrödinger' is found by 'schrodinger'.
 */
export function tokenize(text: string): string[] {
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  const folded = text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  return folded.match(UNICODE_TOKEN) ?? [];
}

/** A title or query reduced to its words, for exact-title comparison. */
function normalizeTitle(text: string): string {
  return tokenize(text).join(' ');
}

const NEW_ID = /(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])/i;
const OLD_ID = /(?<![\w-])([a-z][a-z-]*)(?:\.[a-z]{2})?\/(\d{7})(?:v\d+)?(?!\d)/i;

/** The canonical arXiv id a query names (any form: bare, arXiv:, versioned, URL), if it names one. */
export function idInQuery(query: string): string | undefined {
  const n = NEW_ID.exec(query);
  if (n) return n[1];
  const o = OLD_ID.exec(query);
  return o ? `${o[1].toLowerCase()}/${o[2]}` : undefined;
}

/** One query term's postings to visit: a dictionary term and how much a hit on it counts. */
interface Expansion {
  termId: number;
  weight: number;
  /** Bit per field group to visit (all when omitted). */
  groups?: number;
}

interface Postings {
  /** offsets[t]..offsets[t+1] index `docs`/`tfs` for term t. */
  offsets: Uint32Array;
  /** Document numbers, ascending within a term. */
  docs: Uint32Array;
  /** Term frequency in that document's field group, capped at 255. */
  tfs: Uint8Array;
  /** Per document: K1 * (1 - b + b * length / average length). */
  norms: Float32Array;
}

/** What the cache stores: the sorted words and the postings; the exact-match tables are rebuilt. */
export interface SerializedIndex {
  version: number;
  ids: string[];
  terms: readonly string[];
  groups: { offsets: Uint32Array; docs: Uint32Array; tfs: Uint8Array; norms: Float32Array }[];
}

export const INDEX_FORMAT_VERSION = 2;

/** A build that can run in slices: `step(ms)` works for about `ms` and says whether it is done. */
export interface IndexBuild {
  step(budgetMs: number): boolean;
  /** Papers tokenised so far (for "Indexing 12,000 of 100,000 papers…"). */
  readonly indexed: number;
  readonly total: number;
}

/** The one full-text index over the shelf (title boosted, summary, id, key, theme, authors, tags). */
export class ShelfSearch {
  private ids: string[] = [];
  private entries: readonly ShelfEntry[] = [];
  private idToDoc = new Map<string, number>();
  private keyToDoc = new Map<string, number>();
  private titleToDocs = new Map<string, number[]>();
  private dictionary = new TermDictionary([]);
  private terms: readonly string[] = [];
  private groups: Postings[] = [];
  // Query scratch space, reused across queries (sized to the shelf).
  private scores = new Float32Array(0);
  private covered = new Uint16Array(0);
  private strong = new Uint16Array(0);
  private touched = new Uint32Array(0);

  /** Papers in the index. */
  get size(): number {
    return this.ids.length;
  }

  /** Replaces the indexed entries (synchronously; see `beginBuild` for a sliced build). */
  setEntries(entries: readonly ShelfEntry[]): void {
    const build = this.beginBuild(entries);
    while (!build.step(Infinity));
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
      groups: this.groups.map((g) => ({ offsets: g.offsets, docs: g.docs, tfs: g.tfs, norms: g.norms })),
    };
  }

  /**
   * Restores an index serialised for exactly these entries (same ids in the same order);
   * returns false (and keeps the current index) when it does not fit.
   */
  restore(entries: readonly ShelfEntry[], data: SerializedIndex): boolean {
    const build = this.beginRestore(entries, data);
    if (!build) return false;
    while (!build.step(Infinity));
    return true;
  }

  /** `restore` in slices; undefined when the data does not fit these entries. */
  beginRestore(entries: readonly ShelfEntry[], data: SerializedIndex): IndexBuild | undefined {
    if (!fits(entries, data)) return undefined;
    return new Builder(entries, (built) => this.install(built), { terms: data.terms, groups: data.groups });
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(0, options.limit ?? 20);
    if (!limit || !this.ids.length || !query.trim()) return [];

    const boosts = new Map<number, number>();
    const bump = (doc: number | undefined, bonus: number) => {
      if (doc !== undefined) boosts.set(doc, Math.max(boosts.get(doc) ?? 0, bonus));
    };
    const id = idInQuery(query);
    if (id) bump(this.idToDoc.get(id), TIER_EXACT_ID_OR_KEY);
    bump(this.keyToDoc.get(query.toLowerCase().replace(/\s+/g, '')), TIER_EXACT_ID_OR_KEY);
    for (const doc of this.titleToDocs.get(normalizeTitle(query)) ?? []) bump(doc, TIER_EXACT_TITLE);

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
    const doc = this.idToDoc.get(id) ?? this.idToDoc.get(idInQuery(id) ?? '');
    if (doc === undefined || limit <= 0) return [];
    const paper = this.entries[doc].paper;
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
    const n = this.ids.length;
    const scored: { termId: number; weight: number }[] = [];
    for (const [word, tf] of counts) {
      const termId = this.dictionary.get(word);
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
      .map((w) => this.dictionary.get(w))
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
    const n = built.entries.length;
    this.entries = built.entries;
    this.ids = built.ids;
    this.dictionary = new TermDictionary(built.terms);
    this.terms = built.terms;
    this.groups = built.groups;
    this.idToDoc = built.idToDoc;
    this.keyToDoc = built.keyToDoc;
    this.titleToDocs = built.titleToDocs;
    this.scores = new Float32Array(n);
    this.covered = new Uint16Array(n);
    this.strong = new Uint16Array(n);
    this.touched = new Uint32Array(n);
  }

  private documentFrequency(termId: number): number {
    let df = 0;
    for (const g of this.groups) df = Math.max(df, g.offsets[termId + 1] - g.offsets[termId]);
    return df;
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
    const exact = this.dictionary.get(word);
    if (exact !== undefined) add(exact, 1, ALL_GROUPS);

    if (word.length >= 2) {
      const cap = asYouType ? PREFIX_EXPANSIONS_LAST : PREFIX_EXPANSIONS_OTHER;
      // Two or three typed letters say little: complete them in titles and names only, where
      // a person looks first (and where the postings are short).
      const groups = word.length <= 3 ? SHORT_PREFIX_GROUPS : ALL_GROUPS;
      const candidates: { termId: number; df: number; length: number }[] = [];
      const [start, end] = this.dictionary.prefixRange(word);
      for (let termId = start; termId < end; termId++) {
        if (termId === exact) continue;
        const df = this.documentFrequency(termId);
        if (df > 0) candidates.push({ termId, df, length: this.terms[termId].length });
      }
      for (const c of topBy(candidates, cap, (c) => c.df)) {
        // A longer completion is a weaker match: 'rein' -> 'reinforcement' counts less than 'reinforce'.
        add(c.termId, 0.3 + 0.5 * (word.length / c.length), groups);
      }
    }

    // Misspellings: only for words long enough to misspell, and not for a word the shelf
    // uses a lot (someone typing 'model' means 'model', not 'modes').
    const common = exact !== undefined && this.documentFrequency(exact) >= this.ids.length / 50;
    if (word.length >= 4 && !/^\d/.test(word) && !common) {
      const distance = word.length >= 8 ? 2 : 1;
      const candidates: { termId: number; rank: number; distance: number }[] = [];
      for (const { termId, distance: d } of this.dictionary.fuzzy(word, distance, FUZZY_PREFIX)) {
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
    const n = this.ids.length;
    let nTouched = onlyTouched ? this.nTouched : 0;
    for (let q = 0; q < queryTerms.length; q++) {
      const bit = 1 << q;
      for (const { termId, weight, groups = ALL_GROUPS } of queryTerms[q]) {
        for (let g = 0; g < GROUPS; g++) {
          if (!((groups >> g) & 1)) continue;
          const { offsets, docs, tfs, norms } = this.groups[g];
          const start = offsets[termId];
          const end = offsets[termId + 1];
          if (start === end) continue;
          const idf = Math.log(1 + (n - (end - start) + 0.5) / (end - start + 0.5));
          const w = weight * boost[g] * idf * (K1 + 1);
          const strongBit = (STRONG_MASK >> g) & 1 ? bit : 0;
          for (let p = start; p < end; p++) {
            const d = docs[p];
            const tf = tfs[p];
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
      heap.offer(d, rank);
    }
    for (const [d, bonus] of boosts) if (covered[d] === 0 && d !== exclude) heap.offer(d, bonus);
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

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** A flat copy of text[start, end) that does not keep `text` alive. */
function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

function topBy<T>(items: T[], k: number, key: (t: T) => number): T[] {
  if (items.length <= k) return items;
  return items.sort((a, b) => key(b) - key(a)).slice(0, k);
}

/** A bounded min-heap keeping the k best (doc, rank) pairs; ties go to the lower doc number. */
class TopK {
  private readonly docs: number[] = [];
  private readonly ranks: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const a = this.ranks[i];
    const b = this.ranks[j];
    return a < b || (a === b && this.docs[i] > this.docs[j]);
  }

  offer(doc: number, rank: number): void {
    const { docs, ranks } = this;
    if (docs.length < this.k) {
      docs.push(doc);
      ranks.push(rank);
      let i = docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (rank < ranks[0] || (rank === ranks[0] && doc > docs[0])) return;
    docs[0] = doc;
    ranks[0] = rank;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < docs.length && this.worse(l, m)) m = l;
      if (r < docs.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.ranks[i], this.ranks[j]] = [this.ranks[j], this.ranks[i]];
  }

  sorted(): { doc: number; rank: number }[] {
    return this.docs.map((doc, i) => ({ doc, rank: this.ranks[i] })).sort((a, b) => b.rank - a.rank || a.doc - b.doc);
  }
}

// --- building --------------------------------------------------------------------------------

interface Built {
  entries: readonly ShelfEntry[];
  ids: string[];
  /** Sorted; a term's number is its rank. */
  terms: readonly string[];
  groups: Postings[];
  idToDoc: Map<string, number>;
  keyToDoc: Map<string, number>;
  titleToDocs: Map<string, number[]>;
}

function fits(entries: readonly ShelfEntry[], data: SerializedIndex): boolean {
  if (data.version !== INDEX_FORMAT_VERSION || data.ids.length !== entries.length || data.groups.length !== GROUPS)
    return false;
  for (let i = 0; i < entries.length; i++) if (entries[i].paper.id !== data.ids[i]) return false;
  for (const g of data.groups) {
    if (g.offsets.length !== data.terms.length + 1 || g.norms.length !== entries.length) return false;
    if (g.docs.length !== g.tfs.length || g.offsets[data.terms.length] !== g.docs.length) return false;
  }
  return true;
}

/** Growable typed array of unsigned 32-bit values. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Tokenises papers in slices, sorts the words (a word's number becomes its rank), lays the
 * postings out per word (counting sort), builds the exact-match tables, then installs the
 * result. Restoring a cached index runs the same machine from the exact-match phase.
 */
class Builder implements IndexBuild {
  /** The words, numbered as first met. */
  private readonly table = new WordTable();
  private readonly terms: string[] = this.table.words;
  /** Per group: (termId, doc, tf) triples in document order. */
  private readonly triples: Triples[] = Array.from({ length: GROUPS }, () => ({
    terms: new U32List(),
    docs: new U32List(),
    tfs: new U32List(),
  }));
  private readonly lengths = Array.from({ length: GROUPS }, () => new Uint16Array(0));
  private lastDoc = new Int32Array(1024).fill(-1);
  private tf = new Uint32Array(1024);
  private next = 0;
  private phase: 'tokenize' | 'sort' | 'postings' | 'lookups' | 'done' = 'tokenize';
  private groupsOut: Postings[] = [];
  private layingOut: LayOut | undefined;
  /** Tokenising number -> rank in sorted order. */
  private rank = new Uint32Array(0);
  private sortedTerms: readonly string[] = [];
  private readonly sorter = new TermSorter(this.terms, (w, h) => this.lookup(w, 0, w.length, h));
  private lookupNext = 0;
  private readonly ids: string[] = [];
  private readonly idToDoc = new Map<string, number>();
  private readonly keyToDoc = new Map<string, number>();
  private readonly titleToDocs = new Map<string, number[]>();

  constructor(
    private readonly entries: readonly ShelfEntry[],
    private readonly onDone: (built: Built) => void,
    restored?: { terms: readonly string[]; groups: Postings[] },
  ) {
    if (restored) {
      this.sortedTerms = restored.terms;
      this.groupsOut = restored.groups;
      this.next = entries.length;
      this.phase = 'lookups';
    } else {
      for (let g = 0; g < GROUPS; g++) this.lengths[g] = new Uint16Array(entries.length);
    }
  }

  get indexed(): number {
    return this.phase === 'tokenize' ? this.next : this.entries.length;
  }

  get total(): number {
    return this.entries.length;
  }

  step(budgetMs: number): boolean {
    const deadline = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
    while (this.phase !== 'done') {
      if (this.phase === 'tokenize') {
        while (this.next < this.entries.length) {
          const stop = Math.min(this.entries.length, this.next + 128);
          for (; this.next < stop; this.next++) this.addDocument(this.next, this.entries[this.next]);
          if (performance.now() >= deadline) return false;
        }
        this.phase = 'sort';
      } else if (this.phase === 'sort') {
        // Words sorted in resumable pieces (at 100,000 papers there are about 250,000 of them,
        // too many to sort in one slice): runs sorted by the engine's own string sort (no
        // comparator calling back into JavaScript), merged pairwise, then each word's rank.
        if (!this.sorter.run(deadline)) return false;
        this.sortedTerms = this.sorter.sorted;
        this.rank = this.sorter.rank;
        this.phase = 'postings';
        if (performance.now() >= deadline) return false;
      } else if (this.phase === 'postings') {
        const g = this.groupsOut.length;
        this.layingOut ??= new LayOut(this.triples[g], this.lengths[g], g, this.rank, this.terms.length);
        const postings = this.layingOut.run(deadline);
        if (!postings) return false;
        this.groupsOut.push(postings);
        this.layingOut = undefined;
        if (this.groupsOut.length === GROUPS) this.phase = 'lookups';
        if (performance.now() >= deadline) return false;
      } else if (this.phase === 'lookups') {
        while (this.lookupNext < this.entries.length) {
          const stop = Math.min(this.entries.length, this.lookupNext + 1024);
          for (; this.lookupNext < stop; this.lookupNext++)
            this.addLookups(this.lookupNext, this.entries[this.lookupNext]);
          if (performance.now() >= deadline) return false;
        }
        this.phase = 'done';
        this.onDone({
          entries: this.entries,
          ids: this.ids,
          terms: this.sortedTerms,
          groups: this.groupsOut,
          idToDoc: this.idToDoc,
          keyToDoc: this.keyToDoc,
          titleToDocs: this.titleToDocs,
        });
      }
    }
    return true;
  }

  private addLookups(d: number, e: ShelfEntry): void {
    this.ids.push(e.paper.id);
    this.idToDoc.set(e.paper.id, d);
    this.idToDoc.set(e.paper.id.toLowerCase(), d);
    this.keyToDoc.set(e.key.toLowerCase().replace(/\s+/g, ''), d);
    const title = normalizeTitle(e.paper.title);
    const list = this.titleToDocs.get(title);
    if (list) list.push(d);
    else this.titleToDocs.set(title, [d]);
  }

  // --- the term table (WordTable): tokenising a summary allocates a string only for a word
  // never seen before.
  private stop = new Uint8Array(1024);
  // The (doc, group) being tokenised.
  private mark = -1;
  private group = 0;
  private dropStopWords = false;
  private groupLength = 0;
  private readonly seen: number[] = [];

  private addDocument(doc: number, entry: ShelfEntry): void {
    const p = entry.paper;
    this.begin(doc, TITLE, false);
    this.scan(p.title);
    this.end(doc);
    this.begin(doc, NAMES, false);
    this.scan(p.id);
    this.word(p.id.toLowerCase());
    this.word(entry.key.toLowerCase().replace(/\s+/g, ''));
    for (const a of p.authors) this.scan(a);
    for (const t of p.tags) this.scan(t);
    this.end(doc);
    this.begin(doc, THEME, true);
    this.scan(entry.theme);
    this.end(doc);
    this.begin(doc, SUMMARY, true);
    this.scan(p.summary);
    this.end(doc);
  }

  private begin(doc: number, group: number, dropStopWords: boolean): void {
    // lastDoc marks "seen in this (doc, group)": encode both so groups do not collide.
    this.mark = doc * GROUPS + group;
    this.group = group;
    this.dropStopWords = dropStopWords;
    this.groupLength = 0;
    this.seen.length = 0;
  }

  private end(doc: number): void {
    const out = this.triples[this.group];
    for (const t of this.seen) {
      out.terms.push(t);
      out.docs.push(doc);
      out.tfs.push(Math.min(255, this.tf[t]));
    }
    this.lengths[this.group][doc] = Math.min(65535, this.groupLength);
  }

  private hit(t: number): void {
    if (this.dropStopWords && this.stop[t]) return;
    this.groupLength++;
    if (this.lastDoc[t] !== this.mark) {
      this.lastDoc[t] = this.mark;
      this.tf[t] = 1;
      this.seen.push(t);
    } else this.tf[t]++;
  }

  /** Every token of `text`, exactly as `tokenize` splits it. */
  private scan(text: string): void {
    if (!text) return;
    const lower = text.toLowerCase();
    if (NON_ASCII.test(lower)) {
      for (const w of tokenize(text)) this.word(w);
      return;
    }
    const n = lower.length;
    let i = 0;
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (!isAlnum(c)) {
        i++;
        continue;
      }
      let end = i + 1;
      if (
        i + 5 < n &&
        isDigit(c) &&
        isDigit(lower.charCodeAt(i + 1)) &&
        isDigit(lower.charCodeAt(i + 2)) &&
        isDigit(lower.charCodeAt(i + 3)) &&
        lower.charCodeAt(i + 4) === 46 /* . */ &&
        isDigit(lower.charCodeAt(i + 5))
      ) {
        // A new-scheme id ('2510.01152'): four digits, a dot, up to five digits.
        end = i + 6;
        while (end < n && end < i + 10 && isDigit(lower.charCodeAt(end))) end++;
        let h = HASH_START;
        for (let k = i; k < end; k++) h = hashStep(h, lower.charCodeAt(k));
        this.hit(this.lookup(lower, i, end, h));
        i = end;
        continue;
      }
      // One pass: find the word's end and hash it at the same time.
      let h = hashStep(HASH_START, c);
      for (; end < n; end++) {
        const d = lower.charCodeAt(end);
        if (!isAlnum(d)) break;
        h = hashStep(h, d);
      }
      this.hit(this.lookup(lower, i, end, h));
      i = end;
    }
  }

  /** One already-split word. */
  private word(w: string): void {
    if (!w) return;
    this.hit(this.lookup(w, 0, w.length, hashWord(w)));
  }

  private lookup(text: string, start: number, end: number, h: number): number {
    const found = this.table.find(text, start, end, h);
    if (found >= 0) return found;
    // A new term: a copy of its characters (a slice would keep the whole summary alive).
    const t = this.table.add(copyOfRange(text, start, end), h);
    if (t >= this.stop.length) this.growTerms();
    this.stop[t] = STOP_WORDS.has(this.terms[t]) ? 1 : 0;
    return t;
  }

  private growTerms(): void {
    const size = this.stop.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.stop = grow(this.stop, (n) => new Uint8Array(n));
    this.tf = grow(this.tf, (n) => new Uint32Array(n));
    const lastDoc = new Int32Array(size).fill(-1);
    lastDoc.set(this.lastDoc);
    this.lastDoc = lastDoc;
  }
}

type Triples = { terms: U32List; docs: U32List; tfs: U32List };

/**
 * Sorts the index's words in code-unit order (what `Array.prototype.sort()` gives) and numbers
 * each word by its rank, resumably: runs of RUN words sorted natively, merged two at a time,
 * then ranked, checking the deadline every few thousand steps.
 */
class TermSorter {
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

/**
 * Lays one group's (word, doc, tf) triples out per word (a counting sort), resumable in
 * chunks: the summary group holds 14 million triples at 100,000 papers, far too many for one
 * slice of the extension host's time.
 */
class LayOut {
  private stage: 'count' | 'allocate' | 'fill' | 'finish' = 'count';
  private i = 0;
  private readonly offsets: Uint32Array;
  private cursor = new Uint32Array(0);
  private docs = new Uint32Array(0);
  private tfs = new Uint8Array(0);

  constructor(
    private readonly t: Triples,
    private readonly lengths: Uint16Array,
    private readonly g: number,
    private readonly rank: Uint32Array,
    private readonly nTerms: number,
  ) {
    this.offsets = new Uint32Array(nTerms + 1);
  }

  /** Works until `deadline` (performance.now() time); the postings once done. */
  run(deadline: number): Postings | undefined {
    const CHUNK = 1 << 16;
    const { t, rank, offsets } = this;
    const count = t.terms.length;
    const terms = t.terms.data;
    for (;;) {
      if (this.stage === 'count') {
        const stop = Math.min(count, this.i + CHUNK);
        for (let i = this.i; i < stop; i++) offsets[rank[terms[i]] + 1]++;
        this.i = stop;
        if (stop === count) this.stage = 'allocate';
      } else if (this.stage === 'allocate') {
        for (let i = 0; i < this.nTerms; i++) offsets[i + 1] += offsets[i];
        this.cursor = offsets.slice(0, this.nTerms);
        this.docs = new Uint32Array(count);
        this.tfs = new Uint8Array(count);
        this.i = 0;
        this.stage = 'fill';
      } else if (this.stage === 'fill') {
        const { cursor, docs, tfs } = this;
        const docsIn = t.docs.data;
        const tfsIn = t.tfs.data;
        const stop = Math.min(count, this.i + CHUNK);
        for (let i = this.i; i < stop; i++) {
          const at = cursor[rank[terms[i]]]++;
          docs[at] = docsIn[i];
          tfs[at] = tfsIn[i];
        }
        this.i = stop;
        if (stop === count) this.stage = 'finish';
      } else {
        // Free the triples as soon as they are laid out.
        t.terms = new U32List();
        t.docs = new U32List();
        t.tfs = new U32List();
        const { lengths, g } = this;
        let total = 0;
        for (let d = 0; d < lengths.length; d++) total += lengths[d];
        const average = Math.max(1, total / Math.max(1, lengths.length));
        const norms = new Float32Array(lengths.length);
        for (let d = 0; d < lengths.length; d++) norms[d] = K1 * (1 - B[g] + (B[g] * lengths[d]) / average);
        return { offsets, docs: this.docs, tfs: this.tfs, norms };
      }
      if (performance.now() >= deadline) return undefined;
    }
  }
}
