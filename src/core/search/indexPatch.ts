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
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const d = state.idToDoc.get(e.paper.id);
    if (d !== undefined && state.alive[d] && state.entries[d] === e && !kept[d]) {
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
  const terms = unseen.length ? mergeSorted(state.terms, unseen) : state.terms;
  // Old word number -> new, and each new paper's word -> new number.
  const renumber = new Uint32Array(state.terms.length);
  for (let t = 0, u = 0; t < state.terms.length; t++) {
    while (u < unseen.length && unseen[u]! < state.terms[t]!) u++;
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
    // The old words that lose postings (a removed paper's), in word order.
    const lost = new Set<number>();
    const goneTriples = gone.triples[g]!;
    for (let i = 0; i < goneTriples.terms.length; i++) {
      const t = goneId[goneTriples.terms.data[i]!]!;
      if (t !== 0xffffffff) lost.add(t);
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
        [...lost].sort((a, b) => a - b),
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
    entries: [...state.entries, ...fresh],
    ids: [...state.ids, ...fresh.map((e) => e.paper.id)],
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
 * words) are walked; the postings between them are copied in bulk.
 */
function patchGroup(
  old: Postings,
  kept: Uint8Array,
  renumber: Uint32Array,
  nTerms: number,
  add: FreshPostings,
  lost: readonly number[],
): Postings {
  const oldTerms = old.offsets.length - 1;
  // Every old word's postings as they will be kept: their count, for the touched words only.
  const keptCount = new Map<number, number>();
  for (const t of lost) {
    let n = 0;
    for (let p = old.offsets[t]!, end = old.offsets[t + 1]!; p < end; p++) if (kept[old.docs[p]!]) n++;
    keptCount.set(t, n);
  }
  // New words' lengths: an old word's (less what it lost) plus the new papers' postings.
  const freshCount = new Uint32Array(nTerms);
  for (const i of add.order) freshCount[add.term[i]!]!++;
  const offsets = new Uint32Array(nTerms + 1);
  const oldOf = new Int32Array(nTerms).fill(-1);
  for (let t = 0; t < oldTerms; t++) oldOf[renumber[t]!] = t;
  for (let nt = 0; nt < nTerms; nt++) {
    const t = oldOf[nt]!;
    const base = t < 0 ? 0 : (keptCount.get(t) ?? old.offsets[t + 1]! - old.offsets[t]!);
    offsets[nt + 1] = offsets[nt]! + base + freshCount[nt]!;
  }
  const total = offsets[nTerms]!;
  const docs = new Uint32Array(total);
  const tfs = new Uint8Array(total);
  // The words to walk, in new order: those that lost postings or gain some.
  const touched = new Set<number>();
  for (const t of lost) touched.add(renumber[t]!);
  for (const i of add.order) touched.add(add.term[i]!);
  const walk = [...touched].sort((a, b) => a - b);
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
    const t = oldOf[nt]!;
    // Untouched old words before this one keep their postings, shifted as one block.
    const upTo = t >= 0 ? t : firstOldAfter(oldOf, nt, oldTerms);
    copyRun(nextOld, upTo);
    let out = offsets[nt]!;
    if (t >= 0) {
      for (let p = old.offsets[t]!, end = old.offsets[t + 1]!; p < end; p++) {
        const d = old.docs[p]!;
        if (!kept[d]) continue;
        docs[out] = d;
        tfs[out++] = old.tfs[p]!;
      }
      nextOld = t + 1;
    } else nextOld = upTo;
    while (f < add.order.length && add.term[add.order[f]!] === nt) {
      const i = add.order[f++]!;
      docs[out] = add.base + add.docs[i]!;
      tfs[out++] = add.tfs[i]!;
    }
  }
  copyRun(nextOld, oldTerms);
  return { offsets, docs, tfs, norms: old.norms, lengths: old.lengths };
}

/** The first old word numbered after new word `nt` (or the number of old words). */
function firstOldAfter(oldOf: Int32Array, nt: number, oldTerms: number): number {
  for (let k = nt + 1; k < oldOf.length; k++) if (oldOf[k]! >= 0) return oldOf[k]!;
  return oldTerms;
}

/** Two sorted, disjoint word lists as one. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
