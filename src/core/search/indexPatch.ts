// Updating the index for a few changed papers instead of building it again. Documents keep their
// numbers: a paper that is gone (or changed) leaves an empty slot, and a new (or changed) one is
// tokenised alone and added at the end. Each field group's postings are copied once without the
// empty slots' postings and with the new ones appended to their words (a word never seen is
// inserted in the sorted word list); the norms are made again from the kept lengths over the
// documents still indexed. Scores are then exactly a rebuild's; ties go by the paper's place on
// the shelf (`position`), as in a rebuild. When many papers change, or empty slots pile up, the
// caller builds afresh instead.
import type { ShelfEntry } from '../model/types';
import { Builder, addLookups, removeLookups, type Lookups } from './indexBuilder';
import { GROUPS, normsOf, type Postings } from './indexFormat';
import { TermDictionary } from './termDictionary';

/** The index as the patch reads and writes it. */
export interface IndexState extends Lookups {
  /** By document number; an empty slot keeps the entry it held. */
  entries: readonly ShelfEntry[];
  ids: string[];
  terms: readonly string[];
  groups: Postings[];
  /** 1 for an indexed document, 0 for an empty slot. */
  alive: Uint8Array;
  live: number;
  /** Each document's place in the shelf's order (for ties). */
  position: Uint32Array;
}

/** The most papers a patch adds or removes, as a share of the shelf (at least MIN_PATCH). */
const MAX_PATCH_SHARE = 0.05;
const MIN_PATCH = 256;
/** Empty slots allowed, as a share of the documents indexed (at least MIN_PATCH). */
const MAX_EMPTY_SHARE = 0.25;

/**
 * The index for `entries`, patched from `state` (whose lookup tables are changed in place);
 * undefined when a patch would not pay (too many changes or empty slots): build afresh then.
 */
export function patchIndex(state: IndexState, entries: readonly ShelfEntry[]): IndexState | undefined {
  const slots = state.entries.length;
  const kept = new Uint8Array(slots);
  const fresh: ShelfEntry[] = [];
  const freshPlace: number[] = [];
  const placeOf = new Uint32Array(slots);
  // The documents in their places on the shelf (the places of the documents indexed are 0, 1, ...):
  // an entry still where it stood is found there, and only the others are looked up by id.
  const byPlace = new Int32Array(state.live).fill(-1);
  for (let d = 0; d < slots; d++)
    if (state.alive[d] && state.position[d]! < state.live) byPlace[state.position[d]!] = d;
  for (let i = 0, next = 0; i < entries.length; i++) {
    const e = entries[i]!;
    let d = next < byPlace.length ? byPlace[next]! : -1;
    if (d >= 0 && state.entries[d] === e && !kept[d]) next++;
    else {
      d = state.idToDoc.get(e.paper.id) ?? -1;
      if (d >= 0 && state.alive[d] && state.entries[d] === e && !kept[d]) next = state.position[d]! + 1;
      else d = -1;
    }
    if (d >= 0) {
      kept[d] = 1;
      placeOf[d] = i;
    } else {
      fresh.push(e);
      freshPlace.push(i);
    }
  }
  const live = entries.length;
  let removed = 0;
  for (let d = 0; d < slots; d++) if (state.alive[d] && !kept[d]) removed++;
  const limit = Math.max(MIN_PATCH, MAX_PATCH_SHARE * live);
  const empty = slots + fresh.length - live;
  if (fresh.length + removed > limit || empty > Math.max(MIN_PATCH, MAX_EMPTY_SHARE * live)) return undefined;

  // The new papers alone, tokenised exactly as a build does, and their words in the shelf's numbering;
  // the removed ones too, for the words whose postings lose them.
  const tokens = new Builder(fresh, () => undefined).tokens();
  const removedDocs: number[] = [];
  for (let d = 0; d < slots; d++) if (state.alive[d] && !kept[d]) removedDocs.push(d);
  const gone = new Builder(
    removedDocs.map((d) => state.entries[d]!),
    () => undefined,
  ).tokens();
  const dictionary = new TermDictionary(state.terms);
  const unseen = tokens.words.filter((w) => dictionary.get(w) === undefined).sort();
  // Where each new word goes among the old ones (the first old word after it).
  const insertAt = unseen.map((w) => dictionary.lowerBound(w));
  const terms = unseen.length ? insertSorted(state.terms, unseen, insertAt) : state.terms;
  // Old word number -> new.
  const renumber = new Uint32Array(state.terms.length);
  for (let t = 0, u = 0; t < state.terms.length; t++) {
    while (u < insertAt.length && insertAt[u]! <= t) u++;
    renumber[t] = t + u;
  }
  const newDictionary = unseen.length ? new TermDictionary(terms) : dictionary;
  const wordId = Uint32Array.from(tokens.words, (w) => newDictionary.get(w)!);
  const goneId = Uint32Array.from(gone.words, (w) => dictionary.get(w) ?? 0xffffffff);

  const groups: Postings[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const triples = tokens.triples[g]!;
    const count = triples.terms.length;
    const freshTerm = new Uint32Array(count);
    for (let i = 0; i < count; i++) freshTerm[i] = wordId[triples.terms.data[i]!]!;
    // By word, then document (stable: the triples are in document order).
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => freshTerm[a]! - freshTerm[b]! || a - b);
    // The old words that lose postings (a removed paper's), with the documents they lose (in order).
    const lost = new Map<number, number[]>();
    const goneTriples = gone.triples[g]!;
    for (let i = 0; i < goneTriples.terms.length; i++) {
      const t = goneId[goneTriples.terms.data[i]!]!;
      if (t === 0xffffffff) continue;
      const d = removedDocs[goneTriples.docs.data[i]!]!;
      const list = lost.get(t);
      if (list) list.push(d);
      else lost.set(t, [d]);
    }
    groups.push(
      patchGroup(
        state.groups[g]!,
        kept,
        renumber,
        terms.length,
        {
          term: freshTerm,
          docs: triples.docs.data,
          tfs: triples.tfs.data,
          order,
          base: slots,
        },
        lost,
        insertAt,
      ),
    );
  }

  const alive = new Uint8Array(slots + fresh.length);
  alive.set(kept);
  alive.fill(1, slots);
  const position = new Uint32Array(slots + fresh.length).fill(0xffffffff);
  for (let d = 0; d < slots; d++) if (kept[d]) position[d] = placeOf[d]!;
  freshPlace.forEach((place, i) => (position[slots + i] = place));
  for (let g = 0; g < GROUPS; g++) {
    const lengths = new Uint16Array(slots + fresh.length);
    lengths.set(state.groups[g]!.lengths);
    lengths.set(tokens.lengths[g]!.subarray(0, fresh.length), slots);
    for (let d = 0; d < slots; d++) if (!kept[d]) lengths[d] = 0;
    groups[g] = { ...groups[g]!, lengths, norms: normsOf(lengths, g, alive) };
  }

  for (let d = 0; d < slots; d++) if (state.alive[d] && !kept[d]) removeLookups(state, d, state.entries[d]!);
  fresh.forEach((e, i) => addLookups(state, slots + i, e));
  return {
    entries: state.entries.concat(fresh),
    ids: state.ids.concat(fresh.map((e) => e.paper.id)),
    terms,
    groups,
    idToDoc: state.idToDoc,
    keyToDoc: state.keyToDoc,
    titleToDocs: state.titleToDocs,
    alive,
    live,
    position,
  };
}

interface FreshPostings {
  /** New word number per triple, its document (from 0 among the new papers) and tf. */
  term: Uint32Array;
  docs: Uint32Array;
  tfs: Uint32Array;
  /** Triples in word order. */
  order: number[];
  /** Document number of the first new paper. */
  base: number;
}

/**
 * One group's postings without the removed documents' and with the new papers' appended per
 * word. Only the words a change touches (`lost`: old words that lose postings; the new papers'
 * words) are walked; the postings between them are copied in bulk. `insertAt`: per new word (in
 * order), the old word it goes before.
 */
function patchGroup(
  old: Postings,
  kept: Uint8Array,
  renumber: Uint32Array,
  nTerms: number,
  add: FreshPostings,
  lost: ReadonlyMap<number, readonly number[]>,
  insertAt: readonly number[],
): Postings {
  const oldTerms = old.offsets.length - 1;
  // Per new word number: the postings it gains (the new papers') less those it loses (the removed ones').
  const change = new Int32Array(nTerms);
  for (const i of add.order) change[add.term[i]!]!++;
  // Where each losing word's removed documents stand in its postings (found by halving: postings are in document order).
  const places = new Map<number, number[]>();
  for (const [t, removed] of lost) {
    const at = placesOf(old, t, removed, kept);
    places.set(t, at);
    change[renumber[t]!]! -= at.length;
  }
  // Word lengths in new order: old words keep theirs (changed as above), new words have only the new postings.
  const offsets = new Uint32Array(nTerms + 1);
  for (let t = 0, nt = 0; nt < nTerms; nt++) {
    const isOld = t < oldTerms && renumber[t] === nt;
    const base = isOld ? old.offsets[t + 1]! - old.offsets[t]! : 0;
    if (isOld) t++;
    offsets[nt + 1] = offsets[nt]! + base + change[nt]!;
  }
  const total = offsets[nTerms]!;
  const docs = new Uint32Array(total);
  const tfs = new Uint8Array(total);
  // The words to walk, in new order: those that lost postings or gain some.
  const touched = new Set<number>();
  for (const t of lost.keys()) touched.add(renumber[t]!);
  for (const i of add.order) touched.add(add.term[i]!);
  const walk = [...touched].sort((a, b) => a - b);
  // New word number -> old (-1 for a new word), and for a new word the old word after it.
  const newPlaces = insertAt.map((at, u) => at + u);
  const oldOf = (nt: number): { t: number; after: number } => {
    let lo = 0;
    let hi = newPlaces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newPlaces[mid]! < nt) lo = mid + 1;
      else hi = mid;
    }
    return newPlaces[lo] === nt ? { t: -1, after: insertAt[lo]! } : { t: nt - lo, after: nt - lo };
  };
  let f = 0;
  // Bulk-copies the untouched old words from old word `from` up to (not including) `to`.
  const copyRun = (from: number, to: number) => {
    if (to <= from) return;
    const start = old.offsets[from]!;
    const end = old.offsets[to]!;
    const at = offsets[renumber[from]!]!;
    docs.set(old.docs.subarray(start, end), at);
    tfs.set(old.tfs.subarray(start, end), at);
  };
  let nextOld = 0;
  for (const nt of walk) {
    const { t, after } = oldOf(nt);
    // Untouched old words before this one keep their postings, shifted as one block.
    copyRun(nextOld, after);
    let out = offsets[nt]!;
    if (t >= 0) {
      // The kept postings: the stretches between the removed documents', copied in bulk.
      let from = old.offsets[t]!;
      for (const p of [...(places.get(t) ?? []), old.offsets[t + 1]!]) {
        docs.set(old.docs.subarray(from, p), out);
        tfs.set(old.tfs.subarray(from, p), out);
        out += p - from;
        from = p + 1;
      }
      nextOld = t + 1;
    } else nextOld = after;
    while (f < add.order.length && add.term[add.order[f]!] === nt) {
      const i = add.order[f++]!;
      docs[out] = add.base + add.docs[i]!;
      tfs[out++] = add.tfs[i]!;
    }
  }
  copyRun(nextOld, oldTerms);
  return { offsets, docs, tfs, norms: old.norms, lengths: old.lengths };
}

/**
 * The places in word `t`'s postings of the documents `removed` (in document order): found by
 * halving, as postings are in document order; should one not be where it belongs, by walking
 * the postings for every document not `kept`.
 */
function placesOf(old: Postings, t: number, removed: readonly number[], kept: Uint8Array): number[] {
  const end = old.offsets[t + 1]!;
  const out: number[] = [];
  let lo = old.offsets[t]!;
  for (const d of removed) {
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (old.docs[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= end || old.docs[lo] !== d) {
      out.length = 0;
      for (let p = old.offsets[t]!; p < end; p++) if (!kept[old.docs[p]!]) out.push(p);
      return out;
    }
    out.push(lo++);
  }
  return out;
}

/** The sorted word list `terms` with the sorted new words `unseen` put in before the old words `insertAt` names. */
function insertSorted(terms: readonly string[], unseen: readonly string[], insertAt: readonly number[]): string[] {
  const out: string[] = new Array<string>(terms.length + unseen.length);
  let t = 0;
  let k = 0;
  for (let u = 0; u < unseen.length; u++) {
    while (t < insertAt[u]!) out[k++] = terms[t++]!;
    out[k++] = unseen[u]!;
  }
  while (t < terms.length) out[k++] = terms[t++]!;
  return out;
}
