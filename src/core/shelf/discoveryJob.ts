// Discovering the shelf's themes on another thread (the collection worker): the host describes
// its entries as it does for the index (core/search/indexJob.ts: the worker's own papers named by
// file), with the themes users gave papers, the model found last time and the shipped taxonomy's
// text; the worker discovers through ShelfThemes exactly as the host would, and answers with the
// model as saved (ThemeModel.toJSON), every paper's new automatic theme and what changed.
import { runSteps } from '../runtime/yieldToHost';
import { entriesOf, type EntryTable, type HeldPapers } from '../search/indexJob';
import { readTaxonomy } from './shelfFactory';
import { ShelfThemes, type RediscoveryReport } from './shelfThemes';

/** What the worker needs besides the entries. */
export interface DiscoveryInput {
  /** The themes users gave papers (ShelfThemes.discover's `userThemes`), as pairs. */
  userThemes: [string, string][];
  /** The model found last time (ThemeModel.toJSON), whose names carry over; none: a first discovery. */
  previous?: unknown;
  /** The shipped taxonomy, which lends names and hints (its text and how problems name it). */
  taxonomy?: { text: string; file: string };
}

/** The worker's answer. */
export interface Discovered {
  /** ThemeModel.toJSON of the new model. */
  model: unknown;
  /** Papers' new automatic themes: `themes[i]` is `ids[i]`'s. */
  ids: string[];
  themes: string[];
  report: RediscoveryReport;
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
  if (input.previous !== undefined) themes.restore(input.previous);
  const { model, assignments, report } = runSteps(themes.discover(entries, new Map(input.userThemes)));
  return { model: model.toJSON(), ids: [...assignments.keys()], themes: [...assignments.values()], report };
}
