import * as vscode from 'vscode';
import { ShelfSearch, type SearchResult } from '../core/search';
import type { ShelfService } from '../shelf/shelfService';

/**
 * The extension's single search: the tree filter, the citation picker, hovers' related lists.
 * The index follows the shelf lazily: it is rebuilt on the first query after a change.
 */
export class SearchService implements vscode.Disposable {
  private readonly index = new ShelfSearch();
  private stale = true;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly shelfService: ShelfService) {
    this.subscription = new vscode.Disposable(shelfService.shelf.onDidChange(() => (this.stale = true)).dispose);
  }

  async search(query: string, limit = 50): Promise<SearchResult[]> {
    await this.fresh();
    return this.index.search(query, { limit });
  }

  async related(id: string, limit = 5): Promise<SearchResult[]> {
    await this.fresh();
    return this.index.related(id, limit);
  }

  private async fresh(): Promise<void> {
    await this.shelfService.ready();
    if (this.stale) {
      this.index.setEntries(this.shelfService.shelf.entries());
      this.stale = false;
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
