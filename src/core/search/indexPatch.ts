// Updating the index for a few changed papers instead of building it again. The built postings
// stay as they are: a paper that is gone (or changed) leaves an empty slot, its postings counted
// as gone per word and skipped by queries; a new (or changed) one is tokenised alone and added at
// the end, its postings kept beside the built ones per word, and its words the built index lacks
// numbered after the built ones. The norms are made again from the kept lengths over the
// documents still indexed. So an edit costs its own papers' words and a few passes over typed
// arrays, never a copy of the postings; scores are exactly a rebuild's, and ties go by the paper's
// place on the shelf (`position`), as in a rebuild. When many papers change, or empty slots pile
// up, the caller builds afresh instead.
import type { ShelfEntry } from '../model/types';
import { Builder, addLookups, removeLookups, type Lookups } from './indexBuilder';
import { GROUPS, normsOf, type Postings } from './indexFormat';
import { TermDictionary } from './termDictionary';

/** One field group's part of a patch. */
export interface OverlayGroup {
  /** Per built word number: how many of its built postings are of documents gone since (words that lost some). */
  dead: Map<number, number>;
  /** Per word number (built or added): the added documents' postings, documents ascending. */
  added: Map<number, AddedPostings>;
  /** Per document: its length in this group (0 once gone) and its norm. */
  lengths: Uint16Array;
  norms: Float32Array;
}

/** The postings of one word in the papers patches added. */
export interface AddedPostings {
  docs: Uint32Array;
  tfs: Uint8Array;
}

/** What patches changed of a built index. */
export interface Overlay {
  /** 1 for an indexed document, 0 for an empty slot. */
  alive: Uint8Array;
  live: number;
  /** Each document's place in the shelf's order (for ties). */
  position: Uint32Array;
  /** Words the built index lacks, numbered from its word count on, in the order met. */
  words: string[];
  wordIds: Map<string, number>;
  /** `words` sorted (for prefixes and misspellings), and each one's number. */
  sorted: TermDictionary;
  sortedIds: number[];
  groups: OverlayGroup[];
}

/** The index as the patch reads it. */
export interface IndexState extends Lookups {
  /** By document number; an empty slot keeps the entry it held. */
  entries: readonly ShelfEntry[];
  ids: string[];
  /** The built index. */
  dictionary: TermDictionary;
  groups: Postings[];
  overlay: Overlay | undefined;
}

/** The most papers a patch adds or removes, as a share of the shelf (at least MIN_PATCH). */
const MAX_PATCH_SHARE = 0.05;
const MIN_PATCH = 256;
/** Empty slots (and papers added since the build) allowed, as a share of the documents indexed (at least MIN_PATCH). */
const MAX_EMPTY_SHARE = 0.25;

/**
 * The index for `entries`, patched from `state` (whose lookup tables and overlay are changed in
 * place); undefined, with nothing changed, when a patch would not pay (too many changes or empty
 * slots): build afresh then.
 */
export function patchIndex(
  state: IndexState,
  entries: readonly ShelfEntry[],
): { entries: readonly ShelfEntry[]; ids: string[]; overlay: Overlay } | undefined {
  const slots = state.entries.length;
  const prior = state.overlay;
  const alive0 = prior?.alive;
  const position0 = prior?.position;
  const live0 = prior ? prior.live : slots;
  const kept = new Uint8Array(slots);
  const fresh: ShelfEntry[] = [];
  const freshPlace: number[] = [];
  const placeOf = new Uint32Array(slots);
  // The documents in their places on the shelf (the places of the documents indexed are 0, 1, ...):
  // an entry still where it stood is found there, and only the others are looked up by id.
  const byPlace = new Int32Array(live0).fill(-1);
  for (let d = 0; d < slots; d++) {
    if (alive0 && !alive0[d]) continue;
    const place = position0 ? position0[d]! : d;
    if (place < live0) byPlace[place] = d;
  }
  // More new entries than a patch takes (every paper filed again after a discovery, say): given
  // up as soon as that is known, not after a pass over every entry (100 ms at 100,000 papers).
  const limit = Math.max(MIN_PATCH, MAX_PATCH_SHARE * entries.length);
  for (let i = 0, next = 0; i < entries.length; i++) {
    const e = entries[i]!;
    let d = next < byPlace.length ? byPlace[next]! : -1;
    if (d >= 0 && state.entries[d] === e && !kept[d]) next++;
    else {
      d = state.idToDoc.get(e.paper.id) ?? -1;
      if (d >= 0 && (!alive0 || alive0[d]) && state.entries[d] === e && !kept[d])
        next = (position0 ? position0[d]! : d) + 1;
      else d = -1;
    }
    if (d >= 0) {
      kept[d] = 1;
      placeOf[d] = i;
    } else {
      if (fresh.push(e) > limit) return undefined;
      freshPlace.push(i);
    }
  }
  const removed: number[] = [];
  for (let d = 0; d < slots; d++) if ((!alive0 || alive0[d]) && !kept[d]) removed.push(d);
  const live = entries.length;
  const total = slots + fresh.length;
  const builtDocs = state.groups[0]?.lengths.length ?? 0;
  const room = Math.max(MIN_PATCH, MAX_EMPTY_SHARE * live);
  if (fresh.length + removed.length > limit || total - live > room || total - builtDocs > room) return undefined;

  const alive = new Uint8Array(total);
  if (alive0) alive.set(alive0);
  else alive.fill(1, 0, slots);
  alive.fill(1, slots);
  for (const d of removed) alive[d] = 0;
  const position = new Uint32Array(total).fill(0xffffffff);
  for (let d = 0; d < slots; d++) if (kept[d]) position[d] = placeOf[d]!;
  freshPlace.forEach((place, i) => (position[slots + i] = place));

  // The new papers and the removed ones, tokenised exactly as a build does, their words numbered.
  const words = prior?.words ?? [];
  const wordIds = prior?.wordIds ?? new Map<string, number>();
  const builtWords = state.dictionary.size;
  const known = (w: string) => state.dictionary.get(w) ?? wordIds.get(w);
  const tokens = new Builder(fresh, () => undefined).tokens();
  const before = words.length;
  const freshId = tokens.words.map((w) => {
    let id = known(w);
    if (id === undefined) {
      id = builtWords + words.length;
      words.push(w);
      wordIds.set(w, id);
    }
    return id;
  });
  const gone = new Builder(
    removed.map((d) => state.entries[d]!),
    () => undefined,
  ).tokens();
  const goneId = gone.words.map((w) => known(w) ?? -1);
  let sorted = prior?.sorted ?? new TermDictionary([]);
  let sortedIds = prior?.sortedIds ?? [];
  if (words.length !== before) {
    sortedIds = words
      .map((_, i) => builtWords + i)
      .sort((a, b) => (words[a - builtWords]! < words[b - builtWords]! ? -1 : 1));
    sorted = new TermDictionary(sortedIds.map((id) => words[id - builtWords]!));
  }

  const groups: OverlayGroup[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const { dead, added } = prior?.groups[g] ?? { dead: new Map<number, number>(), added: new Map() };
    // Per word: the added documents that go, and the new ones' postings (in document order).
    const leaving = new Map<number, Set<number>>();
    const goneTriples = gone.triples[g]!;
    for (let i = 0; i < goneTriples.terms.length; i++) {
      const t = goneId[goneTriples.terms.data[i]!]!;
      const d = removed[goneTriples.docs.data[i]!]!;
      if (t < 0) continue;
      if (d < builtDocs) dead.set(t, (dead.get(t) ?? 0) + 1);
      else (leaving.get(t) ?? leaving.set(t, new Set()).get(t)!).add(d);
    }
    const coming = new Map<number, { docs: number[]; tfs: number[] }>();
    const triples = tokens.triples[g]!;
    for (let i = 0; i < triples.terms.length; i++) {
      const t = freshId[triples.terms.data[i]!]!;
      const list = coming.get(t) ?? coming.set(t, { docs: [], tfs: [] }).get(t)!;
      list.docs.push(slots + triples.docs.data[i]!);
      list.tfs.push(triples.tfs.data[i]!);
    }
    for (const t of new Set([...leaving.keys(), ...coming.keys()])) {
      const next = changedPostings(added.get(t), leaving.get(t), coming.get(t));
      if (next) added.set(t, next);
      else added.delete(t);
    }
    const lengths = new Uint16Array(total);
    lengths.set(prior ? prior.groups[g]!.lengths : state.groups[g]!.lengths);
    lengths.set(tokens.lengths[g]!.subarray(0, fresh.length), slots);
    for (const d of removed) lengths[d] = 0;
    groups.push({ dead, added, lengths, norms: normsOf(lengths, g, alive) });
  }

  for (const d of removed) removeLookups(state, d, state.entries[d]!);
  fresh.forEach((e, i) => addLookups(state, slots + i, e));
  return {
    entries: state.entries.concat(fresh),
    ids: state.ids.concat(fresh.map((e) => e.paper.id)),
    overlay: { alive, live, position, words, wordIds, sorted, sortedIds, groups },
  };
}

/**
 * One word's added postings without the documents `leaving` and with those `coming` after them
 * (new documents come after every other, so the order stays); undefined when none is left.
 */
function changedPostings(
  old: AddedPostings | undefined,
  leaving: ReadonlySet<number> | undefined,
  coming: { docs: number[]; tfs: number[] } | undefined,
): AddedPostings | undefined {
  const docs: number[] = [];
  const tfs: number[] = [];
  for (let i = 0; old && i < old.docs.length; i++) {
    if (leaving?.has(old.docs[i]!)) continue;
    docs.push(old.docs[i]!);
    tfs.push(old.tfs[i]!);
  }
  if (coming) {
    docs.push(...coming.docs);
    tfs.push(...coming.tfs);
  }
  // Stored as a build stores them (term frequencies as bytes).
  return docs.length ? { docs: Uint32Array.from(docs), tfs: Uint8Array.from(tfs) } : undefined;
}

/**
 * The words of an index: the built ones (numbered by rank) and those patches added (numbered
 * after them), looked up as one sorted list would be.
 */
export class Vocabulary {
  constructor(
    readonly built: TermDictionary,
    private readonly overlay?: Overlay,
  ) {}

  /** The word's number, if indexed. */
  get(word: string): number | undefined {
    return this.built.get(word) ?? this.overlay?.wordIds.get(word);
  }

  text(termId: number): string {
    const n = this.built.size;
    return termId < n ? this.built.terms[termId]! : this.overlay!.words[termId - n]!;
  }

  /** Visits the numbers of the words beginning with `prefix` (itself included), in word order. */
  eachWithPrefix(prefix: string, visit: (termId: number) => void): void {
    const [start, end] = this.built.prefixRange(prefix);
    const o = this.overlay;
    const [first, last] = o ? o.sorted.prefixRange(prefix) : [0, 0];
    let j = first;
    for (let t = start; t < end; t++) {
      while (j < last && o!.sorted.terms[j]! < this.built.terms[t]!) visit(o!.sortedIds[j++]!);
      visit(t);
    }
    while (j < last) visit(o!.sortedIds[j++]!);
  }

  /** TermDictionary.fuzzy over every word, in word order. */
  fuzzy(word: string, max: number, prefixLength = 0): { termId: number; distance: number }[] {
    const built = this.built.fuzzy(word, max, prefixLength);
    const o = this.overlay;
    if (!o?.words.length) return built;
    const more = o.sorted.fuzzy(word, max, prefixLength).map((m) => ({ ...m, termId: o.sortedIds[m.termId]! }));
    return [...built, ...more].sort((a, b) => (this.text(a.termId) < this.text(b.termId) ? -1 : 1));
  }
}
