import * as vscode from 'vscode';
import { shortMonthLabel } from '../core/grouping';
import { texToPlainLine } from '../core/texText';
import type { ShelfEntry } from '../core/types';
import type { SearchService } from '../search/searchService';
import type { ShelfService } from '../shelf/shelfService';

interface PaperPick extends vscode.QuickPickItem {
  entry: ShelfEntry;
}

/**
 * Asks for papers when a paper command comes from the palette without an argument. Typing
 * ranks the shelf through the shared search (prefix and fuzzy), like the tree filter does.
 */
export async function pickPapers(
  shelfService: ShelfService,
  search: SearchService,
  options: { title: string; canPickMany?: boolean },
): Promise<ShelfEntry[]> {
  await shelfService.ready();
  const entries = shelfService.shelf.entries();
  if (!entries.length) {
    void vscode.window.showInformationMessage('The shelf is empty: there is no paper to choose.');
    return [];
  }
  const toItem = (entry: ShelfEntry): PaperPick => ({
    label: texToPlainLine(entry.paper.title),
    description: [entry.paper.id, shortMonthLabel(entry.month)].filter(Boolean).join(' · '),
    detail: entry.theme,
    iconPath: new vscode.ThemeIcon(entry.starred ? 'star-full' : 'file-text'),
    alwaysShow: true,
    entry,
  });
  const everything = entries.map(toItem);
  const pick = vscode.window.createQuickPick<PaperPick>();
  pick.title = options.title;
  pick.placeholder = 'Type words of the title or summary, an arXiv id or a cite key';
  pick.canSelectMany = options.canPickMany ?? false;
  pick.matchOnDescription = true;
  pick.items = everything;
  let generation = 0;
  const disposables: vscode.Disposable[] = [
    pick.onDidChangeValue(async (value) => {
      const mine = ++generation;
      if (!value.trim()) {
        pick.items = everything;
        return;
      }
      pick.busy = true;
      const results = await search.search(value, 50);
      if (mine !== generation) return;
      pick.busy = false;
      pick.items = results
        .map((r) => shelfService.shelf.get(r.id))
        .filter((e): e is ShelfEntry => e !== undefined)
        .map(toItem);
    }),
  ];
  try {
    return await new Promise<ShelfEntry[]>((resolve) => {
      disposables.push(
        pick.onDidAccept(() => {
          const chosen = pick.canSelectMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
          resolve(chosen.map((i) => i.entry));
          pick.hide();
        }),
        pick.onDidHide(() => resolve([])),
      );
      pick.show();
    });
  } finally {
    for (const d of disposables) d.dispose();
    pick.dispose();
  }
}
