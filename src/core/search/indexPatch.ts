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

  // The new papers alone, tokenised exactly as a build does, and their words in the shelf's numbering.
  const tokens = new Builder(fresh, () => undefined).tokens();
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

  const groups: Postings[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const triples = tokens.triples[g]!;
    const count = triples.terms.length;
    const freshTerm = new Uint32Array(count);
    for (let i = 0; i < count; i++) freshTerm[i] = wordId[triples.terms.data[i]!]!;
    // By word, then document (stable: the triples are in document order).
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => freshTerm[a]! - freshTerm[b]! || a - b);
    groups.push(
      patchGroup(state.groups[g]!, kept, renumber, terms.length, {
        term: freshTerm,
        docs: triples.docs.data,
        tfs: triples.tfs.data,
        order,
        base: slots,
      }),
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

/** One group's postings without the removed documents' and with the new papers' appended per word. */
function patchGroup(
  old: Postings,
  kept: Uint8Array,
  renumber: Uint32Array,
  nTerms: number,
  add: FreshPostings,
): Postings {
  const capacity = old.docs.length + add.order.length;
  const docs = new Uint32Array(capacity);
  const tfs = new Uint8Array(capacity);
  const offsets = new Uint32Array(nTerms + 1);
  let out = 0;
  let f = 0;
  let next = 0;
  const emitFresh = (t: number) => {
    while (f < add.order.length && add.term[add.order[f]!] === t) {
      const i = add.order[f++]!;
      docs[out] = add.base + add.docs[i]!;
      tfs[out++] = add.tfs[i]!;
    }
  };
  const closeTerm = (t: number) => {
    emitFresh(t);
    offsets[t + 1] = out;
  };
  const oldTerms = old.offsets.length - 1;
  for (let t = 0; t < oldTerms; t++) {
    const nt = renumber[t]!;
    while (next < nt) closeTerm(next++);
    for (let p = old.offsets[t]!, end = old.offsets[t + 1]!; p < end; p++) {
      const d = old.docs[p]!;
      if (!kept[d]) continue;
      docs[out] = d;
      tfs[out++] = old.tfs[p]!;
    }
    closeTerm(next++);
  }
  while (next < nTerms) closeTerm(next++);
  return { offsets, docs: docs.subarray(0, out), tfs: tfs.subarray(0, out), norms: old.norms, lengths: old.lengths };
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
