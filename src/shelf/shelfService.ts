import * as vscode from 'vscode';
import { Shelf, type ShelfChoices, emptyChoices } from '../core/shelf/shelf';
import { readTaxonomy, shelfOptions } from '../core/shelf/shelfFactory';
import { validateKeyPattern } from '../core/cite/keys';
import type { ThemeClassifier } from '../core/themes/themes';
import type { Log } from '../log/log';
import { affects, settings, SETTINGS } from '../settings/settings';
import { ShippedPapers } from './shippedPapers';
import { TaxonomySetting } from './taxonomySetting';

const CHOICES_KEY = 'paperShelf.choices';
const TAXONOMY_FILE = 'seeds/themes.json';

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
  private classifier: ThemeClassifier | undefined;
  private shippedClassifier: ThemeClassifier | undefined;
  private loading: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    // The same wiring as the command-line tool's shelf (core/shelfFactory), so keys and themes agree.
    this.shelf = new Shelf(shelfOptions(() => this.classifier, settings.citeKeyPattern));
    this.shipped = new ShippedPapers(this.shelf, context, log);
    this.taxonomy = new TaxonomySetting(this, log);
    this.disposables.push(
      { dispose: () => this.shelf.dispose() },
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
    while (this.pending.size) await Promise.allSettled([...this.pending]);
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

  get classifierOrUndefined(): ThemeClassifier | undefined {
    return this.classifier;
  }

  /**
   * Files papers with another taxonomy (setting paperShelf.taxonomyFile), or with the shipped
   * one again when `classifier` is undefined. Explicit and user-chosen themes still win.
   */
  async setClassifier(classifier: ThemeClassifier | undefined): Promise<void> {
    await this.ready();
    this.shippedClassifier ??= this.classifier;
    this.classifier = classifier ?? this.shippedClassifier;
    this.shelf.reclassify();
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
    for (const p of problems) this.log.warn(`${TAXONOMY_FILE}:${p.location.line}: ${p.severity}: ${p.message}`);
    this.classifier = classifier;
    const stored = this.context.workspaceState.get<ShelfChoices>(CHOICES_KEY);
    if (stored) this.shelf.setChoices({ ...emptyChoices(), ...stored });
    await this.shipped.load();
    this.log.info(`The shipped papers are on the shelf (${Math.round(performance.now() - started)} ms).`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
