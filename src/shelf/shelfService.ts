import * as vscode from 'vscode';
import { Shelf, type ShelfChoices, emptyChoices } from '../core/shelf/shelf';
import { parseCollection } from '../core/collection/collection';
import { SEEDS_SOURCE, readTaxonomy, shelfOptions } from '../core/shelf/shelfFactory';
import type { ThemeClassifier } from '../core/themes/themes';
import type { Paper, Problem } from '../core/model/types';
import { ShelfThemes, type RediscoveryReport } from '../core/shelf/shelfThemes';
import { runStepsInSlices, yieldToHost } from '../core/runtime/yieldToHost';

export { SEEDS_SOURCE };
/** Metadata fetched from arXiv for the shipped papers (authors, categories, dates...). */
export const SEED_METADATA_SOURCE = 'seeds:arxiv';
const CHOICES_KEY = 'paperShelf.choices';
const SEED_METADATA_KEY = 'paperShelf.seedMetadata';
/** The discovered themes (ThemeModel.toJSON), remembered per workspace so they stay put. */
const THEME_MODEL_KEY = 'paperShelf.themeModel';
/** How long the shelf must be quiet before its themes are checked (many files load at once). */
const THEMES_DEBOUNCE_MS = 250;

/** Something that feeds the shelf from outside the extension (the workspace collection files). */
export interface ShelfSourceLoader {
  /** Re-reads everything it provides. */
  reloadAll(): Promise<void>;
  /** Reads one file (just written by the extension) and puts its papers on the shelf. */
  loadFile(uri: vscode.Uri): Promise<void>;
}

/** Writes curation into collection files (registered by the grow feature). */
export interface ShelfCurator {
  /** Moves papers to `theme` ('' = automatic): into their files' blocks, else remembered here. */
  setTheme(ids: readonly string[], theme: string): Promise<void>;
}

/**
 * Owns the extension's Shelf: loads the shipped seeds and the taxonomy asynchronously after
 * activation (never in activate itself), remembers the user's choices per workspace, and tells
 * the views when the shelf changes.
 */
export class ShelfService implements vscode.Disposable {
  readonly shelf: Shelf;
  /** The shipped taxonomy: lends names to discovered themes it clearly fits. */
  private classifier: ThemeClassifier | undefined;
  /** A user's taxonomy (paperShelf.taxonomyFile): fixed themes instead of discovered ones. */
  private userClassifier: ThemeClassifier | undefined;
  /** The shelf's themes: discovered, or the user's taxonomy's. */
  readonly themes = new ShelfThemes(() => this.classifier);
  private themesTimer: ReturnType<typeof setTimeout> | undefined;
  private discovering: Promise<RediscoveryReport | undefined> | undefined;
  private loading: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Problems found in the shipped data (seeds, taxonomy); shown in the output channel. */
  readonly problems: Problem[] = [];
  private seedPapers: readonly Paper[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private loaders: ShelfSourceLoader[] = [];
  private curator: ShelfCurator | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    // The same wiring as the command-line tool's shelf (core/shelfFactory), so keys and themes agree.
    this.shelf = new Shelf(
      shelfOptions(
        () => this.themes,
        () => this.keyPattern(),
      ),
    );
    this.disposables.push({ dispose: () => this.shelf.dispose() });
    const watch = this.shelf.onDidChange(() => this.scheduleThemes());
    this.disposables.push({ dispose: () => (watch.dispose(), clearTimeout(this.themesTimer)) });
  }

  /** Resolves when the seeds are on the shelf. Safe to call many times. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /**
   * Resolves when the seeds and every source being loaded (workspace collection files found so
   * far) are on the shelf. Never needed for activation; tests and commands that read files use it.
   */
  async settled(): Promise<void> {
    await this.ready();
    while (this.pending.size || this.themesTimer !== undefined) {
      if (this.themesTimer !== undefined) {
        clearTimeout(this.themesTimer);
        this.themesTimer = undefined;
        void this.track(this.updateThemes());
      }
      await Promise.allSettled([...this.pending]);
    }
  }

  private scheduleThemes(): void {
    if (this.themes.isFixed || this.discovering) return;
    clearTimeout(this.themesTimer);
    this.themesTimer = setTimeout(() => {
      this.themesTimer = undefined;
      void this.track(this.updateThemes());
    }, THEMES_DEBOUNCE_MS);
  }

  /** Discovers the themes when there are none yet or the shelf changed substantially; else new papers joined the nearest. */
  private async updateThemes(): Promise<void> {
    if (this.themes.needsDiscovery(this.shelf.entries())) await this.discover();
  }

  /**
   * Discovers the shelf's themes afresh, in slices (the host stays responsive), remembers them
   * for this workspace and files the papers under them. Themes recognisably the same keep their
   * names. Resolves to what changed (undefined when the themes are fixed by a taxonomy file).
   */
  rediscover(): Promise<RediscoveryReport | undefined> {
    return this.track(this.discover());
  }

  private discover(): Promise<RediscoveryReport | undefined> {
    this.discovering ??= (async () => {
      try {
        if (this.themes.isFixed) return undefined;
        const entries = this.shelf.entries();
        const done = await runStepsInSlices(this.themes.discover(entries, this.shelf.userThemes()), yieldToHost, 12);
        if (!done) return undefined;
        await this.context.workspaceState.update(THEME_MODEL_KEY, done.value.model.toJSON());
        await this.shelf.refileInSlices(done.value.assignments, yieldToHost);
        return done.value.report;
      } finally {
        this.discovering = undefined;
      }
    })();
    return this.discovering;
  }

  /**
   * Renames a theme. A discovered theme keeps the new name through rediscovery while it is
   * recognisably the same; its papers get the name too: written into their collection files'
   * blocks (`Theme:`), remembered here for shipped papers. False when there is no such theme or
   * another one has the name already.
   */
  async renameTheme(from: string, to: string): Promise<boolean> {
    await this.settled();
    const name = to.replace(/\s+/g, ' ').trim();
    if (!name) return false;
    const members = this.shelf.entries().filter((e) => e.theme === from);
    const discovered = this.themes.describe(from) !== undefined;
    if (!discovered && !members.length) return false;
    if (discovered) {
      if (!this.themes.rename(from, name)) return false;
      await this.context.workspaceState.update(THEME_MODEL_KEY, this.themes.model?.toJSON());
      await this.shelf.refileInSlices(new Map(members.map((e) => [e.paper.id, name])), yieldToHost);
    }
    if (members.length)
      await this.moveToTheme(
        members.map((e) => e.paper.id),
        name,
      );
    return true;
  }

  /** Registers work that feeds the shelf, so settled() waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = (): void => void this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  addLoader(loader: ShelfSourceLoader): vscode.Disposable {
    this.loaders.push(loader);
    return new vscode.Disposable(() => (this.loaders = this.loaders.filter((l) => l !== loader)));
  }

  setCurator(curator: ShelfCurator): vscode.Disposable {
    this.curator = curator;
    return new vscode.Disposable(() => {
      if (this.curator === curator) this.curator = undefined;
    });
  }

  /**
   * Moves papers to a theme ('' = back to automatic). A paper in a workspace collection file gets
   * `Theme:` written into its block (co-authors see it); a shipped paper's move is remembered here.
   */
  async moveToTheme(ids: readonly string[], theme: string): Promise<void> {
    if (this.curator) return this.curator.setTheme(ids, theme);
    await this.saveChoices((choices) => {
      for (const id of ids) {
        if (theme) choices.themeOverrides[id] = theme;
        else delete choices.themeOverrides[id];
      }
    });
  }

  /** Puts a collection file the extension just wrote on the shelf, without waiting for a watcher. */
  async loadFile(uri: vscode.Uri): Promise<void> {
    await this.track(Promise.all(this.loaders.map((l) => l.loadFile(uri))));
  }

  /** Reads everything again: the remembered choices, the seeds and every workspace collection. */
  async reload(): Promise<void> {
    await this.ready();
    const stored = this.context.workspaceState.get<ShelfChoices>(CHOICES_KEY);
    this.shelf.setChoices({ ...emptyChoices(), ...stored });
    const seedsText = await this.readText(vscode.Uri.joinPath(this.context.extensionUri, 'seeds', 'papers.txt'));
    this.seedPapers = parseCollection(seedsText, 'seeds/papers.txt').papers;
    this.applySeeds();
    await this.track(Promise.all(this.loaders.map((l) => l.reloadAll())));
  }

  /** Whether the shipped papers are on the shelf (setting paperShelf.showShippedPapers). */
  seedsShown(): boolean {
    return vscode.workspace.getConfiguration('paperShelf').get<boolean>('showShippedPapers', true);
  }

  /** Puts the seeds (and what arXiv told about them) on the shelf or takes them off, per the setting. */
  applySeeds(): void {
    const show = this.seedsShown();
    const shown = this.shelf.sourceIds().includes(SEEDS_SOURCE);
    if (!show) {
      this.shelf.removeSource(SEED_METADATA_SOURCE);
      this.shelf.removeSource(SEEDS_SOURCE);
      return;
    }
    // Sources set later win field by field: the seeds must stay first, whatever came since.
    const later = shown ? [] : this.shelf.sourceIds().map((id) => [id, this.shelf.papersOf(id)] as const);
    for (const [id] of later) this.shelf.removeSource(id);
    this.shelf.setSource(SEEDS_SOURCE, this.seedPapers);
    this.shelf.setSource(SEED_METADATA_SOURCE, this.seedMetadata());
    for (const [id, papers] of later) this.shelf.setSource(id, papers);
  }

  /** Remembers arXiv's metadata for shipped papers (on this machine, for every workspace). */
  async saveSeedMetadata(papers: readonly Paper[]): Promise<void> {
    const seedIds = new Set(this.seedPapers.map((p) => p.id));
    const stored = { ...this.context.globalState.get<Record<string, SeedMetadata>>(SEED_METADATA_KEY) };
    for (const p of papers) {
      if (!seedIds.has(p.id)) continue;
      stored[p.id] = {
        authors: p.authors,
        categories: p.categories,
        published: p.published,
        updated: p.updated,
        doi: p.doi,
        comment: p.comment,
        journalRef: p.journalRef,
      };
    }
    await this.context.globalState.update(SEED_METADATA_KEY, stored);
    if (this.seedsShown()) this.shelf.setSource(SEED_METADATA_SOURCE, this.seedMetadata());
  }

  isSeed(id: string): boolean {
    return this.seedPapers.some((p) => p.id === id);
  }

  /** Metadata-only papers for the seeds: empty title/summary/PDF, so the seeds' own text wins. */
  private seedMetadata(): Paper[] {
    const stored = this.context.globalState.get<Record<string, SeedMetadata>>(SEED_METADATA_KEY) ?? {};
    const out: Paper[] = [];
    for (const seed of this.seedPapers) {
      const m = stored[seed.id];
      if (!m) continue;
      out.push({
        id: seed.id,
        title: '',
        summary: '',
        pdfUrl: '',
        authors: Array.isArray(m.authors) ? m.authors.filter((a) => typeof a === 'string') : [],
        categories: Array.isArray(m.categories) ? m.categories.filter((c) => typeof c === 'string') : [],
        published: m.published,
        updated: m.updated,
        doi: m.doi,
        comment: m.comment,
        journalRef: m.journalRef,
        tags: [],
        extra: {},
        source: seed.source,
      });
    }
    return out;
  }

  /** The taxonomy in use for icons and descriptions: the user's, else the shipped one. */
  get classifierOrUndefined(): ThemeClassifier | undefined {
    return this.userClassifier ?? this.classifier;
  }

  /**
   * Files papers with a user's taxonomy (setting paperShelf.taxonomyFile), or under discovered
   * themes again when `classifier` is undefined. Explicit and user-chosen themes still win.
   */
  async setClassifier(classifier: ThemeClassifier | undefined): Promise<void> {
    await this.ready();
    this.userClassifier = classifier;
    this.themes.setFixed(classifier);
    this.shelf.reclassify();
  }

  async saveChoices(update: (choices: ShelfChoices) => void): Promise<void> {
    const choices = this.shelf.getChoices();
    update(choices);
    this.shelf.setChoices(choices);
    await this.context.workspaceState.update(CHOICES_KEY, choices);
  }

  private keyPattern(): string | undefined {
    return vscode.workspace.getConfiguration('paperShelf').get<string>('citeKeyPattern') || undefined;
  }

  private async load(): Promise<void> {
    const [taxonomyText, seedsText] = await Promise.all([
      this.readText(vscode.Uri.joinPath(this.context.extensionUri, 'seeds', 'themes.json')),
      this.readText(vscode.Uri.joinPath(this.context.extensionUri, 'seeds', 'papers.txt')),
    ]);
    const { classifier, problems: taxonomyProblems } = readTaxonomy(taxonomyText, 'seeds/themes.json');
    this.problems.push(...taxonomyProblems);
    this.classifier = classifier;
    const stored = this.context.workspaceState.get<ShelfChoices>(CHOICES_KEY);
    if (stored) this.shelf.setChoices({ ...emptyChoices(), ...stored });
    // The themes found last time stay (the papers join the nearest); damaged or old ones are found afresh.
    this.themes.restore(this.context.workspaceState.get(THEME_MODEL_KEY));
    const { papers, problems } = parseCollection(seedsText, 'seeds/papers.txt');
    this.problems.push(...problems);
    this.seedPapers = papers;
    this.applySeeds();
  }

  private async readText(uri: vscode.Uri): Promise<string> {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

interface SeedMetadata {
  authors: string[];
  categories: string[];
  published?: string;
  updated?: string;
  doi?: string;
  comment?: string;
  journalRef?: string;
}
