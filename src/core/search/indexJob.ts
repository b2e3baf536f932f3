// Building the search index on another thread (the collection worker): the host describes the
// shelf's entries in a few columns, naming the papers the worker already holds (those of the
// collection files it read) by their file and leaving them out, and the worker makes the same
// entries again, fingerprints them, finds their cache or builds the index, and answers with the
// cache format's bytes (transferred, not copied). The host restores those bytes as it restores
// a cache (ShelfSearch.beginRestore): the host never tokenises, sorts or lays out postings.
import type { Paper, ShelfEntry } from '../model/types';
import { ShelfSearch } from './search';
import { decodeIndex, encodeIndex, fingerprintEntries } from './indexCache';
import { runSteps, type Steps } from '../runtime/yieldToHost';

/** The shelf's entries as the worker receives them (columns, so they clone quickly). */
export interface EntryTable {
  /** Every entry's paper id, in shelf order. */
  ids: string[];
  keys: string[];
  /** The distinct themes; `themeOf[i]` is entry i's. */
  themes: string[];
  themeOf: Uint32Array;
  /** The files whose papers the worker holds, with the read of each the host's papers came from. */
  sources: { key: string; read: number }[];
  /** Entry i's paper is `sources[sourceOf[i]]`'s paper of that id; -1: it is the next of `inline`. */
  sourceOf: Int32Array;
  /** The papers the worker does not hold (other sources, papers merged across files), in shelf order. */
  inline: Paper[];
}

/** The papers of a file the host read through the worker: the read they came from, by id. */
export interface HeldPapers {
  read: number;
  /**
   * The worker's side: the first of the reads these papers are all from (the reads after it
   * changed none), so a request naming any read from `since` to `read` names these very papers.
   */
  since?: number;
  byId: ReadonlyMap<string, Paper>;
}

/** The worker's copy of an entry's paper, if it holds the very object (a merge of sources is not one). */
function heldFile(entry: ShelfEntry, held: (sourceId: string) => HeldPapers | undefined): HeldPapers | undefined {
  const file = held(entry.sourceId);
  return file && file.byId.get(entry.paper.id) === entry.paper ? file : undefined;
}

/** Whether describeEntries would describe `entries` (without making the table): at most `maxInline` papers to copy, not all. */
export function holdsMost(
  entries: readonly ShelfEntry[],
  held: (sourceId: string) => HeldPapers | undefined,
  maxInline: number,
): boolean {
  return runSteps(holdsMostSteps(entries, held, maxInline));
}

/** `holdsMost` in steps of a few thousand entries (see runStepsInSlices). */
export function* holdsMostSteps(
  entries: readonly ShelfEntry[],
  held: (sourceId: string) => HeldPapers | undefined,
  maxInline: number,
): Steps<boolean> {
  let inline = 0;
  for (let i = 0; i < entries.length; i++) {
    if ((i & 4095) === 4095) yield;
    if (!heldFile(entries[i], held) && ++inline > maxInline) return false;
  }
  return inline < entries.length;
}

/**
 * The host's side: the table for `entries`, or undefined when the worker holds too few of their
 * papers for the work to be worth sending (more than `maxInline` papers would be copied across,
 * or none is the worker's).
 */
export function describeEntries(
  entries: readonly ShelfEntry[],
  held: (sourceId: string) => HeldPapers | undefined,
  maxInline: number,
): EntryTable | undefined {
  return runSteps(describeEntriesSteps(entries, held, maxInline));
}

/** `describeEntries` in steps of a few thousand entries (see runStepsInSlices). */
export function* describeEntriesSteps(
  entries: readonly ShelfEntry[],
  held: (sourceId: string) => HeldPapers | undefined,
  maxInline: number,
): Steps<EntryTable | undefined> {
  const themeIds = new Map<string, number>();
  const sourceIds = new Map<string, number>();
  const table: EntryTable = {
    ids: [],
    keys: [],
    themes: [],
    themeOf: new Uint32Array(entries.length),
    sources: [],
    sourceOf: new Int32Array(entries.length),
    inline: [],
  };
  for (let i = 0; i < entries.length; i++) {
    if ((i & 4095) === 4095) yield;
    const { paper, key, theme, sourceId } = entries[i];
    table.ids.push(paper.id);
    table.keys.push(key);
    let t = themeIds.get(theme);
    if (t === undefined) themeIds.set(theme, (t = table.themes.push(theme) - 1));
    table.themeOf[i] = t;
    // Only the very object of the worker's read: a paper merged with another source's is sent whole.
    const file = heldFile(entries[i], held);
    if (file) {
      let s = sourceIds.get(sourceId);
      if (s === undefined) sourceIds.set(sourceId, (s = table.sources.push({ key: sourceId, read: file.read }) - 1));
      table.sourceOf[i] = s;
    } else {
      table.sourceOf[i] = -1;
      if (table.inline.push(paper) > maxInline) return undefined;
    }
  }
  return table.inline.length < entries.length ? table : undefined;
}

/**
 * The worker's side: the entries of `table` from the papers it holds; undefined when a file's
 * papers are not those of the read the host named (a newer read that changed some overtook the
 * request).
 */
export function entriesOf(
  table: EntryTable,
  held: (sourceId: string) => HeldPapers | undefined,
): ShelfEntry[] | undefined {
  const files: ReadonlyMap<string, Paper>[] = [];
  for (const { key, read } of table.sources) {
    const file = held(key);
    if (!file || read > file.read || read < (file.since ?? file.read)) return undefined;
    files.push(file.byId);
  }
  const entries: ShelfEntry[] = [];
  let inline = 0;
  for (let i = 0; i < table.ids.length; i++) {
    const s = table.sourceOf[i];
    const paper = s < 0 ? table.inline[inline++] : files[s]?.get(table.ids[i]);
    if (!paper || paper.id !== table.ids[i]) return undefined;
    const sourceId = s < 0 ? '' : table.sources[s].key;
    // Only what the index and its fingerprint read matters here: id, texts, key and theme.
    entries.push({
      paper,
      key: table.keys[i],
      theme: table.themes[table.themeOf[i]],
      month: '',
      sourceId,
      starred: false,
    });
  }
  return entries;
}

/** The worker's answer: the index in the cache format, for the entries' fingerprint. */
export interface BuiltIndex {
  fingerprint: string;
  bytes: Uint8Array;
  /** The bytes are a cache file's (nothing was built; the host need not store them). */
  fromCache: boolean;
}

/**
 * The index of `entries` as cache bytes: the cache's own when `readCache` finds a file for their
 * fingerprint that decodes, else built here.
 */
export async function buildIndexBytes(
  entries: readonly ShelfEntry[],
  readCache?: (fingerprint: string) => Promise<Uint8Array | undefined>,
): Promise<BuiltIndex> {
  const fingerprint = fingerprintEntries(entries);
  const cached = await readCache?.(fingerprint);
  if (cached && decodeIndex(cached, fingerprint)) return { fingerprint, bytes: cached, fromCache: true };
  const search = new ShelfSearch();
  search.setEntries(entries);
  return { fingerprint, bytes: encodeIndex(search.serialize(), fingerprint), fromCache: false };
}
