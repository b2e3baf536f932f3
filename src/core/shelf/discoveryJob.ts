// Discovering the shelf's themes on another thread (the collection worker): the host describes
// its entries as it does for the index (core/search/indexJob.ts: the worker's own papers named by
// file), with the themes users gave papers, the model found last time (as the JSON text the host
// remembers it by) and the shipped taxonomy's text; the worker discovers through ShelfThemes
// exactly as the host would. Its answer is made to be cheap for the host to take in: the model
// as the text the host remembers and as typed arrays the host restores from in slices, and every
// paper's theme as an index per entry of the table (entry order: no ids cross), the typed arrays
// transferred, not copied.
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { entriesOf, type EntryTable, type HeldPapers } from '../search/indexJob';
import type { ShelfEntry } from '../model/types';
import type { ThemeModelData } from '../themes/themeModel';
import { readTaxonomy } from './shelfFactory';
import { ShelfThemes, type RediscoveryReport } from './shelfThemes';

/** What the worker needs besides the entries. */
export interface DiscoveryInput {
  /** The themes users gave papers (ShelfThemes.discover's `userThemes`), as pairs. */
  userThemes: [string, string][];
  /** The model found last time as JSON text (of ThemeModel.toJSON), whose names carry over; none: a first discovery. */
  previous?: string;
  /** The shipped taxonomy, which lends names and hints (its text and how problems name it). */
  taxonomy?: { text: string; file: string };
}

/**
 * ThemeModelData with its long number lists as typed arrays: the same numbers, rounded as toJSON
 * rounds them, each list moved as one block; every theme's centre in one pair of arrays (theme
 * i's from `centreAt[i]` to `centreAt[i + 1]`), as a clone of thousands of small arrays is slow.
 */
export interface PackedModel extends Omit<ThemeModelData, 'idf' | 'themes' | 'paperHashes'> {
  idf: Float64Array;
  themes: Omit<ThemeModelData['themes'][number], 'idx' | 'val'>[];
  centreAt: Int32Array;
  idx: Int32Array;
  val: Float64Array;
  paperHashes: Float64Array;
}

/** The worker's answer. */
export interface Discovered {
  /** The new model as the host remembers it: JSON.stringify(ThemeModel.toJSON()). */
  modelText: string;
  /** The same model to restore from (ThemeModel.fromJSONSteps), without parsing the text. */
  model: PackedModel;
  /** The distinct new automatic themes; `themeOf[i]` is the table's entry i's (-1: none was found for it). */
  themes: string[];
  themeOf: Int32Array;
  report: RediscoveryReport;
}

/** The buffers of an answer that move to the host instead of being copied. */
export function transfersOf(found: Discovered): ArrayBuffer[] {
  const { model } = found;
  return [found.themeOf, model.idf, model.paperHashes, model.centreAt, model.idx, model.val].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The model's data with typed arrays for its number lists. */
export function packModel(data: ThemeModelData): PackedModel {
  const centreAt = new Int32Array(data.themes.length + 1);
  data.themes.forEach((t, i) => (centreAt[i + 1] = centreAt[i] + t.idx.length));
  const idx = new Int32Array(centreAt[data.themes.length]);
  const val = new Float64Array(idx.length);
  data.themes.forEach((t, i) => (idx.set(t.idx, centreAt[i]), val.set(t.val, centreAt[i])));
  return {
    ...data,
    idf: Float64Array.from(data.idf),
    themes: data.themes.map(({ idx: _idx, val: _val, ...rest }) => rest),
    centreAt,
    idx,
    val,
    paperHashes: Float64Array.from(data.paperHashes),
  };
}

/**
 * The packed model as ThemeModel.fromJSONSteps reads it (its lists are array-likes there): each
 * theme's centre a view of the shared arrays, nothing copied.
 */
export function unpackModel(model: PackedModel): unknown {
  const { centreAt, idx, val, ...rest } = model;
  const at = (i: number) => [centreAt[i] ?? 0, centreAt[i + 1] ?? 0] as const;
  return {
    ...rest,
    themes: model.themes.map((t, i) => ({ ...t, idx: idx.subarray(...at(i)), val: val.subarray(...at(i)) })),
  };
}

/**
 * The worker's side: the themes of the described entries, as ShelfThemes.discover finds them on
 * the host; undefined when the worker's papers are not those the host described.
 */
export function discoverFromTable(
  table: EntryTable,
  held: (sourceId: string) => HeldPapers | undefined,
  input: DiscoveryInput,
): Discovered | undefined {
  const entries = entriesOf(table, held);
  if (!entries) return undefined;
  const classifier = input.taxonomy && readTaxonomy(input.taxonomy.text, input.taxonomy.file).classifier;
  const themes = new ShelfThemes(() => classifier);
  if (input.previous !== undefined) themes.restore(savedModelData(input.previous));
  const { model, assignments, report } = runSteps(themes.discover(entries, new Map(input.userThemes)));
  const data = model.toJSON();
  const names: string[] = [];
  const numbers = new Map<string, number>();
  const themeOf = new Int32Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const theme = assignments.get(entries[i].paper.id);
    let n = theme === undefined ? -1 : numbers.get(theme);
    if (n === undefined) numbers.set(theme!, (n = names.push(theme!) - 1));
    themeOf[i] = n;
  }
  return { modelText: JSON.stringify(data), model: packModel(data), themes: names, themeOf, report };
}

/**
 * A remembered model's data: its JSON text parsed (earlier versions remembered the object itself,
 * passed as it is); undefined when the text is damaged (then the themes are found afresh).
 */
export function savedModelData(saved: unknown): unknown {
  if (typeof saved !== 'string') return saved;
  try {
    return JSON.parse(saved);
  } catch {
    return undefined;
  }
}

/**
 * The host's side: the papers' new automatic themes by id from an answer, `entries` being those
 * the table described, in its order (a few thousand entries per step).
 */
export function* assignmentsSteps(
  entries: readonly ShelfEntry[],
  found: Pick<Discovered, 'themes' | 'themeOf'>,
): Steps<Map<string, string>> {
  const assignments = new Map<string, string>();
  for (let i = 0; i < entries.length; i++) {
    if ((i & 4095) === 4095) yield;
    const n = found.themeOf[i];
    if (n !== undefined && n >= 0) assignments.set(entries[i].paper.id, found.themes[n]!);
  }
  return assignments;
}
