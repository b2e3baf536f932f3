import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { GroupBy } from '../core/shelf/grouping';
import type { ShelfEntry } from '../core/model/types';
import { entriesFromArgs } from '../commands/paperArg';
import type { Services } from '../services';
import { pickPapers } from '../cite/paperPicker';
import { themeIcon } from '../core/themes/themeIcon';
import type { PaperTreeProvider } from './paperTree';
import { plural } from '../core/text/plural';
import { pickerText } from '../core/text/icons';
import { texToPlainLine } from '../core/tex/texText';

/** Live filtering waits this long after the last keystroke. */
const FILTER_DEBOUNCE_MS = 150;

/** The view's own commands: filter, clear filter, group by, move to theme. */
export function registerTreeCommands(services: Services, tree: PaperTreeProvider): vscode.Disposable[] {
  const groupBy = (mode: GroupBy) => () => tree.setGroupBy(mode);
  return [
    vscode.commands.registerCommand(Commands.filter, (query?: unknown) =>
      typeof query === 'string' ? tree.setFilter(query) : askForFilter(tree),
    ),
    vscode.commands.registerCommand(Commands.clearFilter, () => tree.clearFilter()),
    vscode.commands.registerCommand(Commands.groupByTheme, groupBy('theme')),
    vscode.commands.registerCommand(Commands.groupByMonth, groupBy('month')),
    vscode.commands.registerCommand(Commands.groupByNone, groupBy('none')),
    vscode.commands.registerCommand(Commands.moveToTheme, (arg?: unknown, selection?: unknown, theme?: unknown) =>
      moveToTheme(services, arg, selection, typeof theme === 'string' ? theme : undefined),
    ),
  ];
}

/** An input box that filters the tree as the user types; Escape puts the previous filter back. */
async function askForFilter(tree: PaperTreeProvider): Promise<void> {
  const previous = tree.filter;
  const input = vscode.window.createInputBox();
  input.title = 'Filter Papers';
  input.prompt =
    'Words of titles and summaries, an arXiv id, a cite key, a theme; prefixes and typos are fine. Empty shows every paper.';
  input.placeholder = 'e.g. reinf, kv cache, 2510.01152';
  input.value = previous ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let accepted = false;
  const disposables: vscode.Disposable[] = [];
  await new Promise<void>((resolve) => {
    disposables.push(
      input.onDidChangeValue((value) => {
        clearTimeout(timer);
        timer = setTimeout(() => void tree.setFilter(value), FILTER_DEBOUNCE_MS);
      }),
      input.onDidAccept(async () => {
        accepted = true;
        clearTimeout(timer);
        await tree.setFilter(input.value);
        input.hide();
      }),
      input.onDidHide(() => resolve()),
    );
    input.show();
  });
  clearTimeout(timer);
  for (const d of disposables) d.dispose();
  input.dispose();
  if (!accepted) await tree.setFilter(previous);
}

interface ThemePick extends vscode.QuickPickItem {
  theme?: string;
  action?: 'new' | 'automatic';
}

/**
 * Moves papers to another theme and remembers the choice for this workspace. `theme` given
 * (tests, other extensions) skips the picker; '' puts the papers back under automatic themes.
 */
async function moveToTheme(
  services: Services,
  arg: unknown,
  selection: unknown,
  theme: string | undefined,
): Promise<void> {
  const { shelfService } = services;
  await shelfService.ready();
  let entries: ShelfEntry[];
  if (arg === undefined && selection === undefined) {
    entries =
      (await pickPapers(services, {
        title: 'Move Papers to Another Theme',
        placeholder: 'Search the shelf, then pick the papers to move',
        canPickMany: true,
      })) ?? [];
  } else entries = entriesFromArgs(shelfService, arg, selection);
  if (!entries.length) {
    if (arg !== undefined) void vscode.window.showWarningMessage('Paper Shelf: that paper is not on the shelf.');
    return;
  }
  const target = theme ?? (await askForTheme(services, entries));
  if (target === undefined) return;
  const name = target.replace(/\s+/g, ' ').trim();
  // Written into the paper's collection file when it lives in one (co-authors see it), else remembered here.
  await shelfService.moveToTheme(
    entries.map((e) => e.paper.id),
    name,
  );
}

/** A title short enough for a picker's title bar, as the tree shows it. */
function shortTitle(title: string): string {
  const plain = texToPlainLine(title);
  return plain.length > 60 ? `${plain.slice(0, 59).trimEnd()}…` : plain;
}

/** The theme to move to: '' for automatic, undefined when cancelled. */
async function askForTheme(services: Services, entries: ShelfEntry[]): Promise<string | undefined> {
  const { shelfService } = services;
  const classifier = shelfService.classifierOrUndefined;
  const counts = new Map<string, number>();
  for (const e of shelfService.shelf.entries()) counts.set(e.theme, (counts.get(e.theme) ?? 0) + 1);
  const names = [
    ...new Set([...(classifier?.themeNames() ?? []), ...[...counts.keys()].sort((a, b) => a.localeCompare(b))]),
  ];
  const current = new Set(entries.map((e) => e.theme));
  const overridden = entries.some((e) => shelfService.shelf.getChoices().themeOverrides[e.paper.id] !== undefined);
  const items: ThemePick[] = names.map((name) => ({
    label: pickerText(name), // a theme named `$(alert)` is that text, not an icon
    iconPath: new vscode.ThemeIcon(themeIcon(classifier, name)),
    description: [plural(counts.get(name) ?? 0, 'paper'), current.has(name) ? 'current' : '']
      .filter(Boolean)
      .join(' · '),
    theme: name,
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: 'New Theme…', iconPath: new vscode.ThemeIcon('add'), action: 'new' });
  if (overridden)
    items.push({
      label: 'Automatic Theme',
      iconPath: new vscode.ThemeIcon('discard'),
      detail: 'Forget the move: let the taxonomy decide again',
      action: 'automatic',
    });
  const what = entries.length === 1 ? `"${shortTitle(entries[0]!.paper.title)}"` : plural(entries.length, 'paper');
  const chosen = await vscode.window.showQuickPick(items, {
    title: `Move ${what} to Theme`,
    placeHolder: 'Choose a theme',
  });
  if (!chosen) return undefined;
  if (chosen.action === 'automatic') return '';
  if (chosen.action === 'new') {
    const name = await vscode.window.showInputBox({
      title: 'New Theme',
      prompt: `The theme to file ${what} under`,
      validateInput: (v) =>
        !v.trim() ? 'A theme needs a name.' : v.trim().length > 60 ? 'Keep it under 60 characters.' : undefined,
    });
    return name?.trim() || undefined;
  }
  return chosen.theme;
}
