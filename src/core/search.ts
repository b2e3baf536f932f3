// The shelf's full-text index, built for libraries of 100,000 papers.
//
// Why not minisearch's index itself: it scores and sorts every document that matches a term,
// through per-term Maps of per-document objects; at 100k papers a common word costs hundreds
// of milliseconds and the index holds ~660 MB. Here minisearch's radix tree (SearchableMap)
// is only the term dictionary (exact, prefix and fuzzy expansion), and the postings are flat
// typed arrays per field group, scored term-at-a-time into a reused accumulator and cut to the
// top k with a small heap. A query touches only the postings of its (capped) expansions.
import SearchableMap from 'minisearch/SearchableMap';
import type { ShelfEntry } from './types';

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

/** What the cache stores: everything but the dictionary tree, which is rebuilt from `terms`. */
export interface SerializedIndex {
  version: number;
  ids: string[];
  terms: string[];
  groups: { offsets: Uint32Array; docs: Uint32Array; tfs: Uint8Array; norms: Float32Array }[];
}

export const INDEX_FORMAT_VERSION = 1;

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
  private dictionary = new SearchableMap<number>();
  private terms: string[] = [];
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

  /** The index in a form the cache can store; `fromSerialized` restores it for the same entries. */
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
    this.accumulate(top.map((e) => [{ termId: e.termId, weight: e.weight / max }]), RELATED_BOOST);
    // Papers filed under the same theme get a nudge: the taxonomy is a signal of its own.
    const themeTerms = tokenize(this.entries[doc].theme).map((w) => this.dictionary.get(w)).filter((t) => t !== undefined);
    this.accumulate([themeTerms.map((termId) => ({ termId, weight: 1 / Math.max(1, themeTerms.length) }))], RELATED_BOOST, true);
    return this.collect(limit, 0, new Map(), doc);
  }

  // ---------------------------------------------------------------------------------------

  private install(built: Built): void {
    const n = built.entries.length;
    this.entries = built.entries;
    this.ids = built.ids;
    this.dictionary = built.dictionary;
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
    const out = new Map<number, number>();
    const exact = this.dictionary.get(word);
    if (exact !== undefined) out.set(exact, 1);

    if (word.length >= 2) {
      const cap = asYouType ? PREFIX_EXPANSIONS_LAST : PREFIX_EXPANSIONS_OTHER;
      const candidates: { termId: number; df: number; length: number }[] = [];
      for (const [term, termId] of this.dictionary.atPrefix(word)) {
        if (termId === exact) continue;
        candidates.push({ termId, df: this.documentFrequency(termId), length: term.length });
      }
      for (const c of topBy(candidates, cap, (c) => c.df)) {
        // A longer completion is a weaker match: 'rein' -> 'reinforcement' counts less than 'reinforce'.
        out.set(c.termId, Math.max(out.get(c.termId) ?? 0, 0.3 + 0.5 * (word.length / c.length)));
      }
    }

    if (word.length >= 4 && !/^\d/.test(word)) {
      const distance = word.length >= 8 ? 2 : 1;
      const candidates: { termId: number; rank: number; distance: number }[] = [];
      for (const [, [termId, d]] of this.dictionary.fuzzyGet(word, distance)) {
        if (termId === exact || d === 0) continue;
        candidates.push({ termId, rank: -d * 1e9 + this.documentFrequency(termId), distance: d });
      }
      for (const c of topBy(candidates, FUZZY_EXPANSIONS, (c) => c.rank)) {
        out.set(c.termId, Math.max(out.get(c.termId) ?? 0, c.distance === 1 ? 0.45 : 0.3));
      }
    }
    return [...out].map(([termId, weight]) => ({ termId, weight }));
  }

  /** Adds every posting of every expansion into the scratch accumulators (term at a time). */
  private nTouched = 0;
  private accumulate(queryTerms: Expansion[][], boost = BOOST, onlyTouched = false): void {
    const { scores, covered, strong, touched } = this;
    const n = this.ids.length;
    let nTouched = onlyTouched ? this.nTouched : 0;
    for (let q = 0; q < queryTerms.length; q++) {
      const bit = 1 << q;
      for (const { termId, weight } of queryTerms[q]) {
        for (let g = 0; g < GROUPS; g++) {
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
  private collect(limit: number, terms: number, boosts: Map<number, number>, exclude: number | undefined): SearchResult[] {
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
    return this.docs
      .map((doc, i) => ({ doc, rank: this.ranks[i] }))
      .sort((a, b) => b.rank - a.rank || a.doc - b.doc);
  }
}

// --- building --------------------------------------------------------------------------------

interface Built {
  entries: readonly ShelfEntry[];
  ids: string[];
  dictionary: SearchableMap<number>;
  terms: string[];
  groups: Postings[];
  idToDoc: Map<string, number>;
  keyToDoc: Map<string, number>;
  titleToDocs: Map<string, number[]>;
}

function fits(entries: readonly ShelfEntry[], data: SerializedIndex): boolean {
  if (data.version !== INDEX_FORMAT_VERSION || data.ids.length !== entries.length || data.groups.length !== GROUPS) return false;
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
 * Tokenises papers in slices, lays the postings out per term (counting sort), builds the
 * dictionary and the exact-match tables, then installs the result. Restoring a cached
 * index runs the same machine from the dictionary phase.
 */
class Builder implements IndexBuild {
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Per group: (termId, doc, tf) triples in document order. */
  private readonly triples = Array.from({ length: GROUPS }, () => ({ terms: new U32List(), docs: new U32List(), tfs: new U32List() }));
  private readonly lengths = Array.from({ length: GROUPS }, () => new Uint16Array(0));
  private lastDoc = new Int32Array(1024).fill(-1);
  private tf = new Uint32Array(1024);
  private next = 0;
  private phase: 'tokenize' | 'postings' | 'dictionary' | 'lookups' | 'done' = 'tokenize';
  private groupsOut: Postings[] = [];
  private readonly dictionary = new SearchableMap<number>();
  private dictionaryNext = 0;
  private lookupNext = 0;
  private readonly ids: string[] = [];
  private readonly idToDoc = new Map<string, number>();
  private readonly keyToDoc = new Map<string, number>();
  private readonly titleToDocs = new Map<string, number[]>();

  constructor(
    private readonly entries: readonly ShelfEntry[],
    private readonly onDone: (built: Built) => void,
    restored?: { terms: string[]; groups: Postings[] },
  ) {
    if (restored) {
      this.terms = restored.terms;
      this.groupsOut = restored.groups;
      this.next = entries.length;
      this.phase = 'dictionary';
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
        this.phase = 'postings';
      } else if (this.phase === 'postings') {
        // One group per slice: laying out a group is a few linear passes over its postings.
        this.groupsOut.push(this.layOut(this.triples[this.groupsOut.length], this.lengths[this.groupsOut.length], this.groupsOut.length));
        if (this.groupsOut.length === GROUPS) this.phase = 'dictionary';
        if (performance.now() >= deadline) return false;
      } else if (this.phase === 'dictionary') {
        while (this.dictionaryNext < this.terms.length) {
          const stop = Math.min(this.terms.length, this.dictionaryNext + 2048);
          for (; this.dictionaryNext < stop; this.dictionaryNext++) this.dictionary.set(this.terms[this.dictionaryNext], this.dictionaryNext);
          if (performance.now() >= deadline) return false;
        }
        this.phase = 'lookups';
      } else if (this.phase === 'lookups') {
        while (this.lookupNext < this.entries.length) {
          const stop = Math.min(this.entries.length, this.lookupNext + 1024);
          for (; this.lookupNext < stop; this.lookupNext++) this.addLookups(this.lookupNext, this.entries[this.lookupNext]);
          if (performance.now() >= deadline) return false;
        }
        this.phase = 'done';
        this.onDone({
          entries: this.entries,
          ids: this.ids,
          dictionary: this.dictionary,
          terms: this.terms,
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

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      if (id >= this.lastDoc.length) {
        const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
        lastDoc.set(this.lastDoc);
        this.lastDoc = lastDoc;
        const tf = new Uint32Array(this.tf.length * 2);
        tf.set(this.tf);
        this.tf = tf;
      }
    }
    return id;
  }

  private addDocument(doc: number, entry: ShelfEntry): void {
    const p = entry.paper;
    this.addGroup(doc, TITLE, [tokenize(p.title)], false);
    const names = [tokenize(p.id), [p.id.toLowerCase(), entry.key.toLowerCase().replace(/\s+/g, '')], ...p.authors.map(tokenize), ...p.tags.map(tokenize)];
    this.addGroup(doc, NAMES, names, false);
    this.addGroup(doc, THEME, [tokenize(entry.theme)], true);
    this.addGroup(doc, SUMMARY, [tokenize(p.summary)], true);
  }

  private addGroup(doc: number, group: number, lists: string[][], dropStopWords: boolean): void {
    const seen: number[] = [];
    let length = 0;
    // lastDoc marks "seen in this (doc, group)": encode both so groups do not collide.
    const mark = doc * GROUPS + group;
    for (const list of lists) {
      for (const word of list) {
        if (!word || (dropStopWords && STOP_WORDS.has(word))) continue;
        length++;
        const t = this.termId(word);
        if (this.lastDoc[t] !== mark) {
          this.lastDoc[t] = mark;
          this.tf[t] = 1;
          seen.push(t);
        } else this.tf[t]++;
      }
    }
    const out = this.triples[group];
    for (const t of seen) {
      out.terms.push(t);
      out.docs.push(doc);
      out.tfs.push(Math.min(255, this.tf[t]));
    }
    this.lengths[group][doc] = Math.min(65535, length);
  }

  private layOut(t: { terms: U32List; docs: U32List; tfs: U32List }, lengths: Uint16Array, g: number): Postings {
    const nTerms = this.terms.length;
    const offsets = new Uint32Array(nTerms + 1);
    const count = t.terms.length;
    const terms = t.terms.data;
    for (let i = 0; i < count; i++) offsets[terms[i] + 1]++;
    for (let i = 0; i < nTerms; i++) offsets[i + 1] += offsets[i];
    const cursor = offsets.slice(0, nTerms);
    const docs = new Uint32Array(count);
    const tfs = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const at = cursor[terms[i]]++;
      docs[at] = t.docs.data[i];
      tfs[at] = t.tfs.data[i];
    }
    // Free the triples as soon as they are laid out.
    t.terms = new U32List();
    t.docs = new U32List();
    t.tfs = new U32List();
    let total = 0;
    for (let d = 0; d < lengths.length; d++) total += lengths[d];
    const average = Math.max(1, total / Math.max(1, lengths.length));
    const norms = new Float32Array(lengths.length);
    for (let d = 0; d < lengths.length; d++) norms[d] = K1 * (1 - B[g] + (B[g] * lengths[d]) / average);
    return { offsets, docs, tfs, norms };
  }
}
