import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ShelfEntry } from '../core/model/types';
import { texToPlainLine } from '../core/tex/texText';
import { escapeIcons, pickerText } from '../core/text/icons';
import { shortMonthLabel } from '../core/shelf/grouping';

interface PaperItem extends vscode.QuickPickItem {
  entry: ShelfEntry;
}

export interface PickOptions {
  title: string;
  placeholder: string;
  canPickMany: boolean;
  /** Which papers may be picked (star offers the unstarred ones); every paper when omitted. */
  candidates?: (entry: ShelfEntry) => boolean;
  /** Buttons shown on every item; `onItemButton` receives the press. */
  itemButtons?: vscode.QuickInputButton[];
  onItemButton?: (entry: ShelfEntry, button: vscode.QuickInputButton) => void;
}

/** How many papers the picker lists at once: the top of the ranking, never the whole shelf. */
const LIMIT = 60;
const EXCERPT = 160;

function excerpt(summary: string): string {
  const plain = texToPlainLine(summary);
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT).replace(/\s+\S*$/, '')}…` : plain;
}

function paperItem(entry: ShelfEntry, buttons?: vscode.QuickInputButton[]): PaperItem {
  // The month as the tree, the hover and the panel show it ('Oct 2025'), not the raw '2025-10'.
  const meta = [entry.paper.id, shortMonthLabel(entry.month), pickerText(entry.theme)].filter(Boolean).join(' · ');
  // Paper text is text: `$(alert)` in a title, theme or summary shows as written, not as an icon.
  return {
    label: `${entry.starred ? '$(star-full) ' : ''}${escapeIcons(texToPlainLine(entry.paper.title))}`,
    description: meta,
    detail: escapeIcons(excerpt(entry.paper.summary)),
    alwaysShow: true, // ranking is ours (full text), not the quick pick's label filter
    buttons,
    entry,
  };
}

/**
 * A quick pick over the whole shelf with live full-text search (title, summary, id, key,
 * theme, authors) as the user types. Shows "Indexing…" while the index is being built.
 */
export function pickPapers(services: Services, options: PickOptions): Promise<ShelfEntry[] | undefined> {
  const { search, shelfService } = services;
  const pick = vscode.window.createQuickPick<PaperItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canPickMany;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  const chosen = new Map<string, ShelfEntry>();
  let query = '';
  let sequence = 0;
  let replacing = false;
  let shownQuery: string | undefined;

  const show = (entries: readonly ShelfEntry[]) => {
    replacing = true;
    // The same results again (the index caught up): keep the row the user moved to.
    const activeId = query === shownQuery ? pick.activeItems[0]?.entry.paper.id : undefined;
    shownQuery = query;
    const items = entries.map((e) => paperItem(e, options.itemButtons));
    pick.items = items;
    if (options.canPickMany) {
      pick.selectedItems = items.filter((i) => chosen.has(i.entry.paper.id));
      // A multi-select quick pick highlights no row by itself, so Enter with nothing ticked
      // would close the picker and insert nothing. Highlight the top result, as a single-choice
      // picker does: Enter takes the highlighted paper.
      const active = items.find((i) => i.entry.paper.id === activeId) ?? items[0];
      pick.activeItems = active ? [active] : [];
    }
    replacing = false;
  };

  const candidates = options.candidates ?? (() => true);
  // A narrowed picker asks the index for more, so that enough candidates survive the filter.
  const limit = options.candidates ? LIMIT * 4 : LIMIT;
  const initial = (): ShelfEntry[] => {
    const all = shelfService.shelf.entries().filter(candidates);
    const starred = all.filter((e) => e.starred);
    return [...starred, ...all.filter((e) => !e.starred)].slice(0, LIMIT);
  };

  const refresh = async () => {
    const mine = ++sequence;
    const q = query.trim();
    const state = search.indexingState;
    if (state.indexing) {
      pick.busy = true;
      pick.placeholder = `Indexing the shelf (${state.indexed.toLocaleString()} of ${state.total.toLocaleString()} papers)…`;
    }
    if (!q) {
      await shelfService.ready();
      if (mine === sequence) show(initial());
    } else {
      // While indexing, answer from the index as it is, then again once it is up to date.
      if (state.indexing) {
        const now = search.searchNow(q, limit);
        if (now.length) show(resolve(now.map((r) => r.id)));
      }
      const results = await search.search(q, limit);
      if (mine !== sequence) return;
      show(resolve(results.map((r) => r.id)));
    }
    if (mine === sequence) {
      pick.busy = false;
      pick.placeholder = options.placeholder;
    }
  };

  const resolve = (ids: string[]): ShelfEntry[] =>
    ids
      .map((id) => shelfService.shelf.get(id))
      .filter((e): e is ShelfEntry => !!e && candidates(e))
      .slice(0, LIMIT);

  return new Promise((done) => {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    const finish = (result: ShelfEntry[] | undefined) => {
      if (settled) return;
      settled = true;
      done(result);
      pick.hide();
    };
    disposables.push(
      pick.onDidChangeValue((value) => {
        query = value;
        void refresh();
      }),
      pick.onDidChangeSelection((selected) => {
        if (replacing || !options.canPickMany) return;
        for (const item of pick.items) chosen.delete(item.entry.paper.id);
        for (const item of selected) chosen.set(item.entry.paper.id, item.entry);
      }),
      pick.onDidAccept(() => {
        if (options.canPickMany && chosen.size) finish([...chosen.values()]);
        else {
          const active = pick.activeItems[0] ?? pick.selectedItems[0];
          finish(active ? [active.entry] : undefined);
        }
      }),
      pick.onDidTriggerItemButton((e) => options.onItemButton?.(e.item.entry, e.button)),
      search.onDidChangeIndexing((state) => {
        if (state.indexing) {
          pick.busy = true;
          pick.placeholder = `Indexing the shelf (${state.indexed.toLocaleString()} of ${state.total.toLocaleString()} papers)…`;
        } else void refresh();
      }),
      pick.onDidHide(() => {
        finish(undefined);
        for (const d of disposables) d.dispose();
        pick.dispose();
      }),
    );
    pick.busy = true;
    pick.show();
    void refresh();
  });
}
