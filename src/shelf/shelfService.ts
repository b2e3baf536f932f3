import * as vscode from 'vscode';
import { Shelf, type ShelfChoices, emptyChoices } from '../core/shelf/shelf';
import { readTaxonomy, shelfOptions } from '../core/shelf/shelfFactory';
import { validateKeyPattern } from '../core/cite/keys';
import type { ThemeClassifier } from '../core/themes/themes';
import type { ThemeModel } from '../core/themes/themeModel';
import { assignmentsSteps, savedModelData, unpackModel } from '../core/shelf/discoveryJob';
import type { ShelfEntry } from '../core/model/types';
import { ShelfThemes, type RediscoveryReport } from '../core/shelf/shelfThemes';
import { STALE, askWhileStale } from '../core/collection/readerProtocol';
import { runInHostSlices, yieldToHost } from '../core/runtime/yieldToHost';
import type { Log } from '../log/log';
import { affects, settings, SETTINGS } from '../settings/settings';
import { ShippedPapers } from './shippedPapers';
import type { OffThreadFiles, ThemesForWorker } from '../collections/offThreadReader';
import { TaxonomySetting } from './taxonomySetting';

const CHOICES_KEY = 'paperShelf.choices';
const TAXONOMY_FILE = 'seeds/themes.json';
/**
 * The discovered themes (ThemeModel.toJSON), remembered per workspace so they stay put: the
 * workspace state names the file that holds their JSON text (see rememberModel), or holds the text
 * itself when there is no workspace storage (earlier versions stored it there too).
 */
const THEME_MODEL_KEY = 'paperShelf.themeModel';
/** The file in the workspace's storage that holds the model's text (the workspace state names it). */
const THEME_MODEL_FILE = 'theme-model.json';

/** What the workspace state holds for a model stored in a file. */
interface StoredModel {
  file: string;
  /** The text's length, so a file written only in part is not taken. */
  length: number;
}

function isStoredModel(value: unknown): value is StoredModel {
  const v = value as Partial<StoredModel> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.file === THEME_MODEL_FILE &&
    typeof v.length === 'number' &&
    Object.keys(v).length === 2
  );
}
/** How long the shelf must be quiet before its themes are checked (many files load at once). */
const THEMES_DEBOUNCE_MS = 250;
/** How long a stale discovery waits for the shelf to take in the newer read before it is done here. */
const SHELF_CHANGE_WAIT_MS = 30_000;

/**
 * Owns the extension's Shelf and the state that shapes it: the shipped papers, the taxonomy
 * (shipped, or paperShelf.taxonomyFile), the cite key pattern, and the user's choices per
 * workspace. Loads asynchronously after activation (never in activate itself). The workspace's
 * collection files are put on the shelf by collections/, which talks to the Shelf directly.
 */
export class ShelfService implements vscode.Disposable {
  readonly shelf: Shelf;
  /** The shipped papers (seeds/papers.txt) and their remembered arXiv metadata. */
  readonly shipped: ShippedPapers;
  private readonly taxonomy: TaxonomySetting;
  /** The shipped taxonomy: lends names to discovered themes it clearly fits. */
  private classifier: ThemeClassifier | undefined;
  /** Its text, for discovery in the collection worker. */
  private taxonomyText: string | undefined;
  /** A user's taxonomy (paperShelf.taxonomyFile): fixed themes instead of discovered ones. */
  private userClassifier: ThemeClassifier | undefined;
  /** The shelf's themes: discovered, or the user's taxonomy's. */
  readonly themes = new ShelfThemes(() => this.classifier);
  /** The text last remembered (see rememberModel) and the model it is of: sent to the worker as it is. */
  private remembered: { model: ThemeModel | undefined; text: string } | undefined;
  private themesTimer: ReturnType<typeof setTimeout> | undefined;
  private discovering: Promise<RediscoveryReport | undefined> | undefined;
  private loading: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    /** The collection worker (Node hosts): discovers the themes of a shelf made mostly of its papers. */
    private readonly offThread?: OffThreadFiles,
  ) {
    // The same wiring as the command-line tool's shelf (core/shelfFactory), so keys and themes agree.
    this.shelf = new Shelf(shelfOptions(() => this.themes, settings.citeKeyPattern));
    const watch = this.shelf.onDidChange(() => this.scheduleThemes());
    this.shipped = new ShippedPapers(this.shelf, context, log);
    this.taxonomy = new TaxonomySetting(this, log);
    this.disposables.push(
      { dispose: () => this.shelf.dispose() },
      { dispose: () => (watch.dispose(), clearTimeout(this.themesTimer)) },
      this.shipped,
      this.taxonomy,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, [SETTINGS.citeKeyPattern])) this.followKeyPattern();
      }),
    );
  }

  /** Resolves when the seeds are on the shelf. Safe to call many times. */
  ready(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load();
      // The user's taxonomy (if any) replaces the shipped one as soon as both are read.
      void this.taxonomy.apply();
    }
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

  /**
   * How papers are filed now, for the collection worker to file a large file's papers alike: a new
   * version whenever the shipped taxonomy, a user's taxonomy or the discovered model changes.
   */
  themesForWorker(): ThemesForWorker {
    const classifier = this.classifier;
    const fixed = this.userClassifier;
    const model = this.themes.model;
    let known = this.workerThemes;
    if (!known || known.classifier !== classifier || known.fixed !== fixed || known.model !== model)
      this.workerThemes = known = { classifier, fixed, model, version: (this.workerThemes?.version ?? 0) + 1 };
    return {
      version: known.version,
      spec: () => ({
        taxonomy: classifier?.taxonomy,
        fixed: fixed?.taxonomy,
        model: this.modelText(model),
      }),
    };
  }

  private workerThemes:
    | {
        classifier: ThemeClassifier | undefined;
        fixed: ThemeClassifier | undefined;
        model: ThemeModel | undefined;
        version: number;
      }
    | undefined;

  /** Whether themes are being discovered (the papers are about to be filed again). */
  get discoveringThemes(): boolean {
    return this.discovering !== undefined;
  }

  /**
   * Has discovery in the collection worker wait for `first` (activate gives it the search index
   * of the shelf as it is). The worker takes one request at a time, and at 100,000 papers
   * discovery is most of a minute: asked first, it would keep the shelf unsearchable that long.
   */
  discoverOffThreadAfter(first: () => Promise<void>): void {
    this.beforeOffThreadDiscovery = first;
  }

  private beforeOffThreadDiscovery: (() => Promise<void>) | undefined;
  /** The shelf changed while themes were being discovered (see scheduleThemes). */
  private changedWhileDiscovering = false;

  private scheduleThemes(): void {
    if (this.themes.isFixed) return;
    // Changed while themes are discovered: looked at again once they are filed (papers that came
    // meanwhile were not in the discovery).
    if (this.discovering) return void (this.changedWhileDiscovering = true);
    clearTimeout(this.themesTimer);
    this.themesTimer = setTimeout(() => {
      this.themesTimer = undefined;
      void this.track(this.updateThemes());
    }, THEMES_DEBOUNCE_MS);
  }

  /** Discovers the themes when there are none yet or the shelf changed substantially; else new papers joined the nearest. */
  private async updateThemes(): Promise<void> {
    const needed = await runInHostSlices(this.themes.needsDiscoverySteps(this.shelf.entries()));
    if (needed?.value) await this.discover();
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
      // Changes from now on were not seen by this discovery.
      this.changedWhileDiscovering = false;
      try {
        if (this.themes.isFixed) return undefined;
        const started = performance.now();
        // A shelf made mostly of large files' papers: discovered in the worker, exactly as here.
        // A save that changed papers while the request waited makes it stale: asked again once
        // the shelf holds the new read, not done here (at 100,000 papers that is many seconds of
        // the host's thread).
        const {
          shelf: { entries, userThemes },
          answer: off,
          asked,
        } = await askWhileStale(
          async () => ({
            entries: this.shelf.entries(),
            userThemes: (await runInHostSlices(this.shelf.userThemeSteps()))!.value,
          }),
          ({ entries, userThemes }) => this.discoverOffThread(entries, userThemes),
          ({ entries }) => this.shelfChangedFrom(entries),
        );
        if (asked > 1)
          this.log.info(`The collection worker's papers changed during theme discovery: asked ${asked} times.`);
        const here = off ? undefined : await runInHostSlices(this.themes.discover(entries, userThemes));
        const done = off ?? (here && { ...here.value, modelText: JSON.stringify(here.value.model.toJSON()) });
        if (!done) return undefined;
        const { modelText, assignments, report } = done;
        await this.rememberModel(modelText);
        const changed = this.changedWhileDiscovering;
        // Papers that joined meanwhile are filed by the new themes, not left under the old ones.
        await this.shelf.refileInSlices(assignments, yieldToHost, undefined, true);
        // The refile's own change is not one to look at again.
        this.changedWhileDiscovering = changed;
        this.log.info(
          `Discovered ${report.themes} themes in ${report.papers} papers${off ? ' in the worker' : ''} (${Math.round(performance.now() - started)} ms); ${report.moved} papers moved.`,
        );
        return report;
      } finally {
        this.discovering = undefined;
        if (this.changedWhileDiscovering) {
          this.changedWhileDiscovering = false;
          this.scheduleThemes();
        }
      }
    })();
    return this.discovering;
  }

  /** Resolves true once the shelf's entries are no longer `entries` (false after `timeoutMs` without a change). */
  private shelfChangedFrom(entries: readonly ShelfEntry[], timeoutMs = SHELF_CHANGE_WAIT_MS): Promise<boolean> {
    if (this.shelf.entries() !== entries) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (changed: boolean) => {
        clearTimeout(timer);
        listener.dispose();
        resolve(changed);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const listener = this.shelf.onDidChange(() => done(true));
    });
  }

  /** Discovery in the collection worker; undefined: discover here (no worker, too few of its papers); STALE: they changed. */
  private async discoverOffThread(
    entries: readonly ShelfEntry[],
    userThemes: ReadonlyMap<string, string>,
  ): Promise<
    { modelText: string; assignments: Map<string, string>; report: RediscoveryReport } | typeof STALE | undefined
  > {
    const offThread = this.offThread;
    if (!offThread || !(await offThread.holdsMostOf(entries))) return undefined;
    await this.beforeOffThreadDiscovery?.().catch(() => undefined);
    // The model as remembered: its text, not an object of megabytes to copy across in one step.
    const previous = this.modelText(this.themes.model);
    const found = await offThread
      .discover(entries, {
        userThemes: [...userThemes],
        previous,
        taxonomy: this.taxonomyText === undefined ? undefined : { text: this.taxonomyText, file: TAXONOMY_FILE },
      })
      .catch((err: unknown) => void this.log.warn('The collection worker could not discover the themes', err));
    if (found === STALE) return STALE;
    // The worker's model becomes the shelf's as a remembered one is restored (in slices: its
    // vocabulary's tables are tens of milliseconds of work), from its typed arrays (no text parsed).
    if (!found || !(await runInHostSlices(this.themes.restoreSteps(unpackModel(found.model))))?.value) return undefined;
    // Each entry's theme by its place in the table (the order of `entries`), by id in slices.
    const assignments = (await runInHostSlices(assignmentsSteps(entries, found)))!.value;
    return { modelText: found.modelText, assignments, report: found.report };
  }

  /**
   * Renames a discovered theme: the new name stays through rediscovery while the theme is
   * recognisably the same (grow/ also writes it into its papers' blocks). False when the model
   * has no such theme or another theme has the name.
   */
  async renameDiscoveredTheme(from: string, to: string): Promise<boolean> {
    await this.settled();
    const members = this.shelf.entries().filter((e) => e.theme === from);
    if (!this.themes.rename(from, to)) return false;
    const model = this.themes.model;
    await this.rememberModel(model && JSON.stringify(model.toJSON()));
    await this.shelf.refileInSlices(new Map(members.map((e) => [e.paper.id, to])), yieldToHost);
    return true;
  }

  /** Registers work that feeds the shelf, so settled() waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = (): void => void this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  /** Reads the remembered choices and the shipped papers again (collections/ re-reads the files). */
  async reload(): Promise<void> {
    await this.ready();
    const stored = this.context.workspaceState.get<ShelfChoices>(CHOICES_KEY);
    this.shelf.setChoices({ ...emptyChoices(), ...stored });
    await this.shipped.load();
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
    this.scheduleThemes();
  }

  /** Changes the user's choices (stars, hidden papers, moves, pinned keys) and remembers them for this workspace. */
  async saveChoices(update: (choices: ShelfChoices) => void): Promise<void> {
    const choices = this.shelf.getChoices();
    update(choices);
    this.shelf.setChoices(choices);
    await this.context.workspaceState.update(CHOICES_KEY, choices);
  }

  /** paperShelf.citeKeyPattern changed: keys follow it (cited, pinned keys stay); a bad pattern is named. */
  private followKeyPattern(): void {
    const problems = validateKeyPattern(settings.citeKeyPattern() ?? '');
    if (problems.length) void vscode.window.showWarningMessage(`Paper Shelf: ${problems.join(' ')}`);
    this.shelf.rekey();
  }

  private async load(): Promise<void> {
    const started = performance.now();
    const taxonomyText = new TextDecoder('utf-8').decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, ...TAXONOMY_FILE.split('/'))),
    );
    const { classifier, problems } = readTaxonomy(taxonomyText, TAXONOMY_FILE);
    this.taxonomyText = taxonomyText;
    for (const p of problems) this.log.warn(`${TAXONOMY_FILE}:${p.location.line}: ${p.severity}: ${p.message}`);
    this.classifier = classifier;
    const stored = this.context.workspaceState.get<ShelfChoices>(CHOICES_KEY);
    if (stored) this.shelf.setChoices({ ...emptyChoices(), ...stored });
    // The themes found last time stay (papers join the nearest); damaged or old ones are found afresh.
    const saved = await this.savedModel();
    const restored = await runInHostSlices(this.themes.restoreSteps(savedModelData(saved)));
    if (restored?.value && typeof saved === 'string') this.remembered = { model: this.themes.model, text: saved };
    await this.shipped.load();
    this.log.info(`The shipped papers are on the shelf (${Math.round(performance.now() - started)} ms).`);
  }

  /**
   * Remembers the shelf's model (its JSON text, the model being `themes.model`) for this workspace:
   * in a file of the workspace's storage, the workspace state only naming it. A large shelf's model
   * is megabytes of text, which VS Code copies through JSON in one step when the workspace state
   * is saved (117 ms of the extension host's thread at 100,000 papers). Without a workspace
   * storage folder (no folder open), in the workspace state itself.
   */
  private rememberModel(text: string | undefined): Promise<void> {
    this.remembered = text === undefined ? undefined : { model: this.themes.model, text };
    const folder = this.context.storageUri;
    const state = this.context.workspaceState;
    const write = async (): Promise<void> => {
      if (!folder) return void (await state.update(THEME_MODEL_KEY, text));
      const file = vscode.Uri.joinPath(folder, THEME_MODEL_FILE);
      if (text === undefined) {
        await state.update(THEME_MODEL_KEY, undefined);
        await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
        return;
      }
      try {
        await vscode.workspace.fs.createDirectory(folder);
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
        await state.update(THEME_MODEL_KEY, { file: THEME_MODEL_FILE, length: text.length } satisfies StoredModel);
      } catch (err) {
        // Not remembered: the next start discovers the themes afresh.
        this.log.warn('Could not remember the discovered themes', err);
      }
    };
    // One after the other: a rename right after a discovery must not be overwritten by it.
    this.modelWrites = this.modelWrites.then(write, write);
    return this.modelWrites;
  }

  private modelWrites: Promise<void> = Promise.resolve();

  /** A model's JSON text: the text remembered when it is that model's, else made now. */
  private modelText(model: ThemeModel | undefined): string | undefined {
    return model && (this.remembered?.model === model ? this.remembered.text : JSON.stringify(model.toJSON()));
  }

  /** The model remembered for this workspace: its text (or, stored by an early version, its data). */
  private async savedModel(): Promise<unknown> {
    const saved = this.context.workspaceState.get<unknown>(THEME_MODEL_KEY);
    if (!isStoredModel(saved)) return saved;
    const folder = this.context.storageUri;
    if (!folder) return undefined;
    try {
      const text = new TextDecoder('utf-8').decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, saved.file)),
      );
      // A file written only in part (the window closed meanwhile) is not taken.
      return text.length === saved.length ? text : undefined;
    } catch {
      return undefined; // the storage was cleared: the themes are discovered afresh
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
