// The shelf's themes: discovered from its papers (the default), or fixed by a taxonomy the user
// chose. Holds the discovered model, decides when the shelf has changed enough to discover
// afresh, and says what moved when it does. The extension and the command-line tool share it,
// so the tree and `paper-shelf list --group theme` file every paper alike.
import type { Paper, ShelfEntry } from '../model/types';
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { ThemeClassifier } from '../themes/themes';
import type { Taxonomy } from '../themes/taxonomy';
import { discoverThemes } from '../themes/discover';
import { ThemeModel, type ModelTheme, type PaperHints } from '../themes/themeModel';
import type { LentName } from '../themes/themeNames';

export const CATCH_ALL_THEME = 'Other';

/**
 * What a shelf's automatic themes depend on, as data another thread can take (the collection
 * worker files a large file's papers with it): the shipped taxonomy, a user's taxonomy fixing the
 * themes, the discovered model as JSON text (ThemeModel.toJSON).
 */
export interface ThemesSpec {
  taxonomy?: Taxonomy;
  fixed?: Taxonomy;
  model?: string;
}

/** ShelfThemes as `spec` describes them: `classify` files every paper as the described ones do. */
export function themesFrom(spec: ThemesSpec): ShelfThemes {
  const taxonomy = spec.taxonomy && new ThemeClassifier(spec.taxonomy);
  const themes = new ShelfThemes(() => taxonomy);
  if (spec.model !== undefined && !themes.restore(JSON.parse(spec.model)))
    throw new Error('the theme model could not be read');
  if (spec.fixed) themes.setFixed(new ThemeClassifier(spec.fixed));
  return themes;
}

/** What rediscovery changed, for the message that reports it. */
export interface RediscoveryReport {
  themes: number;
  /** Top themes that are new, and earlier ones that are gone. */
  added: string[];
  removed: string[];
  /** Papers whose automatic theme changed. */
  moved: number;
  papers: number;
}

/** How sure the shipped taxonomy must be for its opinion to count: 4x its minimum score, and a clear lead. */
const SURE_FACTOR = 4;
const SURE_LEAD = 0.25;

export class ShelfThemes {
  private current: ThemeModel | undefined;
  private fixed: ThemeClassifier | undefined;

  /** `taxonomy`: the shipped one, which may lend names and pull papers it is sure of together. */
  constructor(private taxonomy: () => ThemeClassifier | undefined) {}

  /** Themes from a user's taxonomy instead of discovery (undefined: discover again). */
  setFixed(classifier: ThemeClassifier | undefined): void {
    this.fixed = classifier;
  }

  get isFixed(): boolean {
    return this.fixed !== undefined;
  }

  get model(): ThemeModel | undefined {
    return this.fixed ? undefined : this.current;
  }

  setModel(model: ThemeModel | undefined): void {
    this.current = model;
  }

  /** A saved model (ThemeModel.toJSON), if it is still readable. */
  restore(data: unknown): boolean {
    return runSteps(this.restoreSteps(data));
  }

  /** `restore` as steps (see ThemeModel.fromJSONSteps). */
  *restoreSteps(data: unknown): Steps<boolean> {
    const model = yield* ThemeModel.fromJSONSteps(data, this.hints);
    if (model) this.current = model;
    return model !== undefined;
  }

  get fallback(): string {
    return this.fixed?.taxonomy.fallback ?? this.taxonomy()?.taxonomy.fallback ?? CATCH_ALL_THEME;
  }

  /** The automatic theme of a paper: the fixed taxonomy's, the model's nearest theme, or (before any discovery) the shipped taxonomy's. */
  classify(paper: Paper): string {
    if (this.fixed) return this.fixed.classify(paper);
    if (this.current) return this.current.assign(paper);
    return this.taxonomy()?.classify(paper) ?? CATCH_ALL_THEME;
  }

  /** Whether the shelf's papers call for discovery: none yet, or the shelf changed substantially since. */
  needsDiscovery(entries: readonly ShelfEntry[]): boolean {
    return runSteps(this.needsDiscoverySteps(entries));
  }

  /** `needsDiscovery` as steps (a pass over every paper's id). */
  *needsDiscoverySteps(entries: readonly ShelfEntry[]): Steps<boolean> {
    if (this.fixed || !entries.length) return false;
    return !this.current || (yield* this.current.needsRediscoverySteps(idsOf(entries)));
  }

  /**
   * Discovers the themes of `entries` afresh. Themes recognisably the same as before keep their
   * names (a rename included); the names users gave papers win. Resolves to the papers' new
   * automatic themes by id, and what changed.
   */
  *discover(
    entries: readonly ShelfEntry[],
    userThemes: ReadonlyMap<string, string>,
  ): Steps<{ model: ThemeModel; assignments: Map<string, string>; report: RediscoveryReport }> {
    const before = this.current;
    const previous = new Map<string, string[]>();
    if (before) for (const e of entries) previous.set(e.paper.id, before.pathOf(e.theme));
    const { model, assignments } = yield* discoverThemes({
      papers: entries.map((e) => e.paper),
      fallback: this.fallback,
      hints: this.hints,
      lend: this.lend,
      userThemes,
      previous,
    });
    const report = compare(before, model, entries, assignments, userThemes);
    this.current = model;
    return { model, assignments, report };
  }

  /** The theme as the model knows it (terms, icon, place in the tree), if it is a discovered one. */
  describe(name: string): ModelTheme | undefined {
    return this.model?.find(name);
  }

  /**
   * The theme's codicon: a discovered theme's (the taxonomy's when it lent the name, else a
   * library for a broad theme and a bookmark for a topic), the taxonomy's, the catch-all's, or a
   * tag for themes users made up.
   */
  iconOf(name: string): string {
    const discovered = this.describe(name);
    if (discovered) return discovered.icon ?? (discovered.parent < 0 ? 'library' : 'bookmark');
    const classifier = this.fixed ?? this.taxonomy();
    if (classifier && (classifier.definition(name) || name === classifier.taxonomy.fallback))
      return classifier.iconOf(name);
    return name === this.fallback ? 'question' : 'tag';
  }

  /** The themes a paper can be moved to: the discovered ones (topics, not their broad themes) or the taxonomy's. */
  themeNames(): string[] {
    const model = this.model;
    if (model) {
      const leaves = model.themes.filter((t) => !model.childrenOf(t.name).length).map((t) => t.name);
      return [...leaves.sort((a, b) => a.localeCompare(b)), this.fallback];
    }
    return (this.fixed ?? this.taxonomy())?.themeNames() ?? [this.fallback];
  }

  /** What a theme is about: a discovered theme's distinctive terms, else the taxonomy's heaviest terms for it. */
  termsOf(name: string): string[] {
    const discovered = this.describe(name);
    if (discovered) return discovered.terms;
    const terms = (this.fixed ?? this.taxonomy())?.definition(name)?.terms;
    if (!terms) return [];
    const weighted = Array.isArray(terms) ? terms.map((t) => [t, 1] as const) : Object.entries(terms);
    return [...weighted]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([t]) => t);
  }

  /** Renames a discovered theme in the model; false when the model has no such theme or the new name is taken. */
  rename(from: string, to: string): boolean {
    const model = this.model;
    if (!model?.find(from) || (model.find(to) && from.toLowerCase() !== to.toLowerCase())) return false;
    this.current = model.renamed(new Map([[model.find(from)!.name, to]]));
    return true;
  }

  /**
   * The shipped taxonomy's theme for a paper when it is sure of it. Discovery asks it of every
   * paper for its hints and again, for names, at each level of the tree the paper is in: the
   * answer is remembered per paper object and taxonomy (a changed paper is a new object; its
   * text is not kept, which may be read on demand: see core/model/paper.ts).
   */
  private sure(paper: Pick<Paper, 'title' | 'summary'>): string | undefined {
    const classifier = this.taxonomy();
    if (!classifier) return undefined;
    if (this.sureOf?.classifier !== classifier) this.sureOf = { classifier, papers: new WeakMap() };
    const known = this.sureOf.papers.get(paper);
    if (known) return known.theme;
    const { theme, best, second } = classifier.top(paper);
    const minScore = classifier.taxonomy.minScore ?? 3;
    const sure =
      theme !== classifier.taxonomy.fallback && best >= SURE_FACTOR * minScore && best - second >= SURE_LEAD * best;
    this.sureOf.papers.set(paper, { theme: sure ? theme : undefined });
    return sure ? theme : undefined;
  }

  private sureOf:
    | {
        classifier: ThemeClassifier;
        papers: WeakMap<object, { theme: string | undefined }>;
      }
    | undefined;

  private readonly hints: PaperHints = (paper) => {
    const theme = this.sure(paper);
    return theme ? [theme] : [];
  };

  private readonly lend = (paper: Paper): LentName | undefined => {
    const theme = this.sure(paper);
    if (!theme) return undefined;
    const definition = this.taxonomy()?.definition(theme);
    return { name: theme, icon: definition?.icon, description: definition?.description };
  };
}

function* idsOf(entries: readonly ShelfEntry[]): Iterable<string> {
  for (const e of entries) yield e.paper.id;
}

function compare(
  before: ThemeModel | undefined,
  after: ThemeModel,
  entries: readonly ShelfEntry[],
  assignments: ReadonlyMap<string, string>,
  userThemes: ReadonlyMap<string, string>,
): RediscoveryReport {
  const tops = (m: ThemeModel | undefined) => new Set(m?.childrenOf('').map((t) => t.name) ?? []);
  const was = tops(before);
  const now = tops(after);
  let moved = 0;
  for (const e of entries) {
    if (userThemes.has(e.paper.id)) continue;
    const next = assignments.get(e.paper.id);
    if (before && next !== undefined && next !== e.theme) moved++;
  }
  return {
    themes: after.themes.length,
    added: [...now].filter((t) => !was.has(t)),
    removed: [...was].filter((t) => !now.has(t)),
    moved,
    papers: entries.length,
  };
}
