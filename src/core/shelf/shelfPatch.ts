// A shelf change of a few papers without a rebuild: the entries of the changed ids are made
// again (merged across sources, keyed, filed), and only the cite keys their change touches are
// assigned again (KeyAssignment); every other entry stays the same object. The entries' order is
// the rebuild's (sources in order, each in its file's order), so the result is what a rebuild gives.
import { mergePapers, monthOf } from '../model/paper';
import type { Paper, ShelfEntry } from '../model/types';
import type { PaperChange } from '../cite/keyAssignment';
import type { Built, ShelfChoices } from './shelf';

/** What patchShelf reads of the shelf. */
export interface ShelfState {
  sources: ReadonlyMap<string, readonly Paper[]>;
  sourceMap(sourceId: string): ReadonlyMap<string, Paper>;
  choices: ShelfChoices;
  byId: Map<string, ShelfEntry>;
  byKey: Map<string, ShelfEntry>;
  /** The entries in the shelf's order before the change. */
  ordered: readonly ShelfEntry[];
  /** The theme a paper is filed under (the user's, its `Theme:`, else the automatic one). */
  themeOf(paper: Paper): string;
  updateKeys?(changes: ReadonlyMap<string, PaperChange>): Map<string, string | undefined> | undefined;
}

/** The one way an entry is made from its merged paper. */
export function entryOf(
  paper: Paper,
  sourceId: string,
  key: string | undefined,
  theme: string,
  starred: ReadonlySet<string>,
): ShelfEntry {
  return {
    paper,
    key: key ?? paper.id,
    theme,
    month: monthOf(paper),
    sourceId,
    // Starred on this machine, or in a shared collection file (`Tags: starred`) for everyone.
    starred: starred.has(paper.id) || paper.tags.includes('starred'),
  };
}

/**
 * The shelf with the papers of `changed` ids made again from the sources; undefined when it
 * cannot be patched (no incremental keys, or a pinned key is involved). Updates `state.byId`
 * and `state.byKey` in place only when it succeeds.
 */
export function patchShelf(state: ShelfState, changed: ReadonlySet<string>, sameOrder = false): Built | undefined {
  if (!state.updateKeys) return undefined;
  const hidden = new Set(state.choices.hidden);
  const merged = new Map<string, { paper: Paper; sourceId: string }>();
  const changes = new Map<string, PaperChange>();
  for (const id of changed) {
    if (state.choices.pinnedKeys[id] !== undefined) return undefined;
    let paper: Paper | undefined;
    let from = '';
    if (!hidden.has(id)) {
      for (const sourceId of state.sources.keys()) {
        const p = state.sourceMap(sourceId).get(id);
        if (!p) continue;
        paper = paper ? mergePapers(paper, p) : p;
        from = sourceId;
      }
    }
    const before = state.byId.get(id)?.paper;
    if (!before && !paper) continue;
    changes.set(id, { before, after: paper });
    if (paper) merged.set(id, { paper, sourceId: from });
  }
  const keys = state.updateKeys(changes);
  if (!keys) return undefined;

  const starred = new Set(state.choices.starred);
  const { byId, byKey } = state;
  // The entries before the change, of every paper made again (its own or a key moved).
  const previous = new Map<string, ShelfEntry>();
  for (const id of [...changes.keys(), ...keys.keys()]) {
    const entry = byId.get(id);
    if (entry) previous.set(id, entry);
  }
  const drop = (entry: ShelfEntry | undefined) => {
    if (entry && byKey.get(entry.key) === entry) byKey.delete(entry.key);
  };
  for (const id of changes.keys()) {
    const old = byId.get(id);
    drop(old);
    const next = merged.get(id);
    if (!next) {
      byId.delete(id);
      continue;
    }
    const key = keys.has(id) ? keys.get(id) : old?.key;
    byId.set(id, entryOf(next.paper, next.sourceId, key, state.themeOf(next.paper), starred));
  }
  // Papers whose key moved because a paper of their group came or went.
  for (const [id, key] of keys) {
    const entry = byId.get(id);
    if (!entry || changes.has(id) || key === undefined) continue;
    drop(entry);
    byId.set(id, { ...entry, key });
  }
  const replaced = new Map<ShelfEntry, ShelfEntry>();
  let inPlace = sameOrder;
  for (const id of new Set([...changes.keys(), ...keys.keys()])) {
    const entry = byId.get(id);
    if (entry) byKey.set(entry.key, entry);
    const before = previous.get(id);
    if (entry && before) replaced.set(before, entry);
    else if (entry || before) inPlace = false;
  }
  return { byId, byKey, ordered: (inPlace && replacedInPlace(state.ordered, replaced)) || orderOf(state, byId) };
}

/**
 * The entries in the old order with a few replaced (every id kept its place: no paper came,
 * went or moved); undefined when one of them is not found.
 */
function replacedInPlace(
  ordered: readonly ShelfEntry[],
  replaced: ReadonlyMap<ShelfEntry, ShelfEntry>,
): ShelfEntry[] | undefined {
  const out = ordered.slice();
  for (const [before, after] of replaced) {
    const at = out.indexOf(before);
    if (at < 0) return undefined;
    out[at] = after;
  }
  return out;
}

/** The entries in the rebuild's order. */
function orderOf(state: ShelfState, byId: ReadonlyMap<string, ShelfEntry>): ShelfEntry[] {
  // The rebuild's order: by first listing, sources in order (ids within one source are unique).
  const ordered: ShelfEntry[] = [];
  const earlier: ReadonlyMap<string, Paper>[] = [];
  for (const [sourceId, papers] of state.sources) {
    for (const paper of papers) {
      if (earlier.length && earlier.some((m) => m.has(paper.id))) continue;
      const entry = byId.get(paper.id);
      if (entry) ordered.push(entry);
    }
    earlier.push(state.sourceMap(sourceId));
  }
  return ordered;
}
