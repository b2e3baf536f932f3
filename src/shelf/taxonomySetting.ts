import * as vscode from 'vscode';
import { ThemeClassifier } from '../core/themes/themes';
import { parseTaxonomy } from '../core/themes/taxonomy';
import type { Problem } from '../core/model/types';
import type { ShelfService } from './shelfService';
import type { Log } from '../log/log';
import { affects, settings, SETTINGS } from '../settings/settings';
import { taxonomyFileTarget } from '../settings/settingPaths';

/**
 * Follows the paperShelf.taxonomyFile setting: reads the user's taxonomy, watches the file, and
 * files the shelf's papers again whenever it changes. A broken file keeps the last good
 * taxonomy and says what is wrong, with the line.
 */
export class TaxonomySetting implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private generation = 0;
  /** The file in use, when a user taxonomy is active. */
  private active: vscode.Uri | undefined;

  constructor(
    private readonly shelfService: ShelfService,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, [SETTINGS.taxonomyFile])) void this.apply();
      }),
    );
  }

  /** Reads the setting and applies it; resolves when the shelf is filed accordingly. */
  async apply(): Promise<void> {
    const generation = ++this.generation;
    const value = settings.taxonomyFile();
    const { uri, problem } = taxonomyFileTarget();
    this.watch(uri);
    if (!value) {
      if (this.active) {
        this.active = undefined;
        await this.shelfService.setClassifier(undefined);
      }
      return;
    }
    if (!uri) {
      const message = `Paper Shelf: the taxonomy file ${problem ?? `"${value}" names no file`}; using the shipped taxonomy.`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      if (generation !== this.generation) return;
      void this.report(uri, `cannot be read (${err instanceof Error ? err.message : String(err)})`, []);
      return;
    }
    if (generation !== this.generation) return;
    const { taxonomy, problems } = parseTaxonomy(text, uri.fsPath);
    if (!taxonomy) {
      void this.report(uri, 'is not a usable taxonomy', problems);
      return;
    }
    if (problems.length) void this.report(uri, 'has problems (the rest of it is in use)', problems);
    this.active = uri;
    await this.shelfService.setClassifier(new ThemeClassifier(taxonomy));
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private watch(uri: vscode.Uri | undefined): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (!uri) return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const reload = () => void this.apply();
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  private async report(uri: vscode.Uri, what: string, problems: readonly Problem[]): Promise<void> {
    const first = problems[0];
    const detail = first ? ` Line ${first.location.line}: ${first.message}` : '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const keeps = this.active ? 'keeping the previous taxonomy' : 'using the shipped taxonomy';
    const message = `Paper Shelf: the taxonomy file ${vscode.workspace.asRelativePath(uri)} ${what}${what.includes('in use') ? '' : `; ${keeps}`}.${detail}${more}`;
    this.log.warn(message);
    const open = 'Open File';
    const answer = await vscode.window.showWarningMessage(message, open);
    if (answer === open) {
      const line = Math.max(0, (first?.location.line ?? 1) - 1);
      const column = Math.max(0, (first?.location.column ?? 1) - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, column, line, column) });
    }
  }
}
