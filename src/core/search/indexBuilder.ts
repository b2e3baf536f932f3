// Building the index: tokenising papers in slices, numbering the words, laying the postings out.
import type { ShelfEntry } from '../model/types';
import { WordTable, copyOfRange, hashStep, hashWord, HASH_START } from '../text/wordTable';
import { GROUPS, NAMES, SUMMARY, THEME, TITLE, type IndexBuild, type Postings } from './indexFormat';
import { LayOut, U32List, type Triples } from './postingsLayout';
import { TermSorter } from './termSorter';
import { NON_ASCII, isWordCode, newIdEnd, tokenize } from '../text/words';
import { STOP_WORDS, titleKey } from './tokens';

export interface Built {
  entries: readonly ShelfEntry[];
  ids: string[];
  /** Sorted; a term's number is its rank. */
  terms: readonly string[];
  groups: Postings[];
  idToDoc: Map<string, number>;
  keyToDoc: Map<string, number>;
  titleToDocs: TitleTable;
}

/** The exact-match tables: a paper by id, by cite key, and papers by normalised title. */
export interface Lookups {
  idToDoc: Map<string, number>;
  keyToDoc: Map<string, number>;
  /** By titleKey (a hit is compared again). */
  titleToDocs: TitleTable;
}

/** A cite key as the index matches it: lower case, no spaces. */
export const keyForm = (key: string): string => key.toLowerCase().replace(/\s+/g, '');

/** Adds document `d` (entry `e`) to the exact-match tables. */
export function addLookups(tables: Lookups, d: number, e: ShelfEntry): void {
  const { id } = e.paper;
  tables.idToDoc.set(id, d);
  const lower = id.toLowerCase();
  if (lower !== id) tables.idToDoc.set(lower, d);
  tables.keyToDoc.set(keyForm(e.key), d);
  const title = titleKey(e.paper.title);
  const known = tables.titleToDocs.get(title);
  if (known === undefined) tables.titleToDocs.set(title, d);
  else if (typeof known === 'number') tables.titleToDocs.set(title, [known, d]);
  else known.push(d);
}

/**
 * Documents by the key of their title (titleKey; a hit is compared again): one document as its
 * number, several as a list. Nearly every title is one paper's, so a large shelf's table holds
 * numbers, not 100,000 lists made (and collected) as the index is built or restored.
 */
export type TitleTable = Map<number, number | number[]>;

/** The documents a title table names for a key. */
export function docsOfTitle(table: TitleTable, key: number): readonly number[] {
  const known = table.get(key);
  return known === undefined ? [] : typeof known === 'number' ? [known] : known;
}

/** Takes document `d` (entry `e`) out of the exact-match tables. */
export function removeLookups(tables: Lookups, d: number, e: ShelfEntry): void {
  for (const id of [e.paper.id, e.paper.id.toLowerCase()]) if (tables.idToDoc.get(id) === d) tables.idToDoc.delete(id);
  const key = keyForm(e.key);
  if (tables.keyToDoc.get(key) === d) tables.keyToDoc.delete(key);
  const title = titleKey(e.paper.title);
  const rest = docsOfTitle(tables.titleToDocs, title).filter((x) => x !== d);
  if (rest.length > 1) tables.titleToDocs.set(title, rest);
  else if (rest.length === 1) tables.titleToDocs.set(title, rest[0]!);
  else tables.titleToDocs.delete(title);
}

/**
 * Tokenises papers in slices, sorts the words (a word's number becomes its rank), lays the
 * postings out per word (counting sort), builds the exact-match tables, then installs the
 * result. Restoring a cached index runs the same machine from the exact-match phase.
 */
export class Builder implements IndexBuild {
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
  readonly idToDoc = new Map<string, number>();
  readonly keyToDoc = new Map<string, number>();
  readonly titleToDocs: TitleTable = new Map();

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
    addLookups(this, d, e);
  }

  /**
   * Tokenises every entry at once and hands out the words (numbered as first met), the
   * (word, doc, tf) triples per group with docs counted from 0, and the lengths: what a patch of
   * an index needs for the papers it adds.
   */
  tokens(): { words: readonly string[]; triples: Triples[]; lengths: Uint16Array[] } {
    for (; this.next < this.entries.length; this.next++) this.addDocument(this.next, this.entries[this.next]);
    return { words: this.terms, triples: this.triples, lengths: this.lengths };
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
    this.word(keyForm(entry.key));
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
      if (!isWordCode(c)) {
        i++;
        continue;
      }
      const idEnd = c <= 57 ? newIdEnd(lower, i) : -1; // a digit
      if (idEnd > 0) {
        let h = HASH_START;
        for (let k = i; k < idEnd; k++) h = hashStep(h, lower.charCodeAt(k));
        this.hit(this.lookup(lower, i, idEnd, h));
        i = idEnd;
        continue;
      }
      // One pass: find the word's end and hash it at the same time.
      let h = hashStep(HASH_START, c);
      let end = i + 1;
      for (; end < n; end++) {
        const d = lower.charCodeAt(end);
        if (!isWordCode(d)) break;
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
