// How a Shelf is put together from texts: the one wiring of themes and cite keys that the
// extension (ShelfService) and the command-line tool both use, so they agree on every key and theme.
import { Shelf, type ShelfChoices, type ShelfOptions } from './shelf';
import { parseCollection } from '../collection/collection';
import { cachedBaseKey } from '../cite/keys';
import { KeyAssignment } from '../cite/keyAssignment';
import { ThemeClassifier } from '../themes/themes';
import { parseTaxonomy } from '../themes/taxonomy';
import type { Paper, Problem } from '../model/types';
import { runSteps } from '../runtime/yieldToHost';
import { ShelfThemes } from './shelfThemes';

/** Source id of the shipped collection; it is always the first source, so any other file wins over it. */
export const SEEDS_SOURCE = 'seeds';

/** The theme of every paper when no taxonomy could be read. */
export const UNCLASSIFIED_THEME = 'Other';

/**
 * The Shelf's policies. Both are read through getters at the moment of use, because the
 * extension learns its taxonomy asynchronously and its key pattern from a setting that can change.
 */
export function shelfOptions(
  classifier: () => { classify(paper: Paper): string } | undefined,
  keyPattern: () => string | undefined,
): ShelfOptions {
  // Remembers the last assignment, so a change of a few papers re-assigns only the keys they touch.
  const keys = new KeyAssignment();
  return {
    classify: (paper) => classifier()?.classify(paper) ?? UNCLASSIFIED_THEME,
    // An empty or missing pattern means the default one (assignKeys' own default).
    assignKeys: (papers, pinned) => keys.assign(papers, pinned, keyPattern() || undefined),
    assignKeySteps: (papers, pinned) => keys.assignSteps(papers, pinned, keyPattern() || undefined),
    updateKeys: (changes) => keys.update(changes, keyPattern() || undefined),
    keyPreparer: () => {
      const pattern = keyPattern() || undefined;
      return (paper) => void cachedBaseKey(paper, pattern);
    },
  };
}

/** The classifier for a taxonomy text (seeds/themes.json or a replacement), with the text's problems. */
export function readTaxonomy(text: string, file = ''): { classifier?: ThemeClassifier; problems: Problem[] } {
  const { taxonomy, problems } = parseTaxonomy(text, file);
  return { classifier: taxonomy ? new ThemeClassifier(taxonomy) : undefined, problems };
}

export interface CollectionText {
  /** How problems name the file, and the paper's source id on the shelf. */
  file: string;
  text: string;
}

export interface ShelfInputs {
  /** The shipped collection; omitted means a shelf without the seeds. */
  seeds?: CollectionText;
  /** The taxonomy; omitted (or unreadable) means every paper is in the fallback theme. */
  taxonomy?: { file: string; text: string };
  /** More collection files, in order: a later file wins field by field over earlier ones and the seeds. */
  collections?: readonly CollectionText[];
  /** Cite key pattern; omitted or '' means the default pattern. */
  keyPattern?: string;
  /** The user's choices (pinned keys, hidden papers, theme moves, stars). */
  choices?: ShelfChoices;
  /**
   * Discover the themes from the papers (what the extension does unless a taxonomy file is set):
   * the taxonomy then only lends names to themes it clearly fits. Otherwise it files every paper.
   */
  discover?: boolean;
  /**
   * Themes an earlier discovery of these same papers found (ThemeModel.toJSON, e.g. from a cache
   * keyed by the shelf's texts): the papers are placed by them instead of discovering again,
   * which files every paper as that discovery did. Ignored when unreadable or no longer fitting.
   */
  savedThemes?: unknown;
}

export interface BuiltShelf {
  shelf: Shelf;
  classifier?: ThemeClassifier;
  /** The shelf's themes (discovered, or the taxonomy's). */
  themes: ShelfThemes;
  /** Problems of the taxonomy and of each collection, in input order. */
  problems: Problem[];
  /** Whether themes were discovered afresh (not fixed by a taxonomy, nor restored from `savedThemes`). */
  discovered: boolean;
}

/** A complete shelf from texts alone: no file system, no editor. */
export function buildShelf(inputs: ShelfInputs): BuiltShelf {
  const problems: Problem[] = [];
  let classifier: ThemeClassifier | undefined;
  if (inputs.taxonomy) {
    const read = readTaxonomy(inputs.taxonomy.text, inputs.taxonomy.file);
    classifier = read.classifier;
    problems.push(...read.problems);
  }
  const themes = new ShelfThemes(() => classifier);
  if (!inputs.discover) themes.setFixed(classifier);
  // Restored before the papers arrive, so each is filed by the saved themes as it is added.
  const restored = inputs.discover && inputs.savedThemes !== undefined && themes.restore(inputs.savedThemes);
  const shelf = new Shelf(
    shelfOptions(
      () => (inputs.discover ? themes : classifier),
      () => inputs.keyPattern,
    ),
  );
  if (inputs.choices) shelf.setChoices(inputs.choices);
  if (inputs.seeds) {
    const parsed = parseCollection(inputs.seeds.text, inputs.seeds.file);
    problems.push(...parsed.problems);
    shelf.setSource(SEEDS_SOURCE, parsed.papers);
  }
  for (const collection of inputs.collections ?? []) {
    const parsed = parseCollection(collection.text, collection.file);
    problems.push(...parsed.problems);
    shelf.setSource(collection.file, parsed.papers);
  }
  let discovered = false;
  if (inputs.discover && shelf.size && !(restored && !themes.needsDiscovery(shelf.entries()))) {
    // Discovered afresh, as if nothing had been saved (no names carried over from a stale model).
    themes.setModel(undefined);
    const { assignments } = runSteps(themes.discover(shelf.entries(), shelf.userThemes()));
    shelf.refile(assignments);
    discovered = true;
  }
  return { shelf, classifier, themes, problems, discovered };
}
