import * as vscode from 'vscode';
import { Shelf, type ShelfChoices, emptyChoices } from '../core/shelf';
import { parseCollection } from '../core/collection';
import { SEEDS_SOURCE, readTaxonomy, shelfOptions } from '../core/shelfFactory';
import type { ThemeClassifier } from '../core/themes';
import type { Problem } from '../core/types';

export { SEEDS_SOURCE };
const CHOICES_KEY = 'paperShelf.choices';

/**
 * Owns the extension's Shelf: loads the shipped seeds and the taxonomy asynchronously after
 * activation (never in activate itself), remembers the user's choices per workspace, and tells
 * the views when the shelf changes.
 */
export class ShelfService implements vscode.Disposable {
  readonly shelf: Shelf;
  private classifier: ThemeClassifier | undefined;
  private shippedClassifier: ThemeClassifier | undefined;
  private loading: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Problems found in the shipped data (seeds, taxonomy); shown in the output channel. */
  readonly problems: Problem[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    // The same wiring as the command-line tool's shelf (core/shelfFactory), so keys and themes agree.
    this.shelf = new Shelf(shelfOptions(() => this.classifier, () => this.keyPattern()));
    this.disposables.push({ dispose: () => this.shelf.dispose() });
  }

  /** Resolves when the seeds are on the shelf. Safe to call many times. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
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
    const { papers, problems } = parseCollection(seedsText, 'seeds/papers.txt');
    this.problems.push(...problems);
    this.shelf.setSource(SEEDS_SOURCE, papers);
  }

  private async readText(uri: vscode.Uri): Promise<string> {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
