import * as vscode from 'vscode';
import type { ShelfEntry } from '../core/model/types';
import type { Services } from '../services';
import { texToPlainLine } from '../core/tex/texText';
import { pickerText } from '../core/text/icons';
import { plural } from '../core/text/plural';

interface ThemePick extends vscode.QuickPickItem {
  theme?: string;
  action?: 'new' | 'automatic';
}

/** A title short enough for a picker's title bar, as the tree shows it. */
function shortTitle(title: string): string {
  const plain = texToPlainLine(title);
  return plain.length > 60 ? `${plain.slice(0, 59).trimEnd()}…` : plain;
}

/**
 * Asks which theme to move `entries` to: one of the shelf's themes, a new one, or
 * automatic (''). Undefined when cancelled.
 */
export async function pickTheme(services: Services, entries: ShelfEntry[]): Promise<string | undefined> {
  const { shelfService } = services;
  const { themes } = shelfService;
  const counts = new Map<string, number>();
  for (const e of shelfService.shelf.entries()) counts.set(e.theme, (counts.get(e.theme) ?? 0) + 1);
  const names = [...new Set([...themes.themeNames(), ...[...counts.keys()].sort((a, b) => a.localeCompare(b))])];
  const current = new Set(entries.map((e) => e.theme));
  const overridden = entries.some((e) => shelfService.shelf.getChoices().themeOverrides[e.paper.id] !== undefined);
  const items: ThemePick[] = names.map((name) => ({
    label: pickerText(name), // a theme named `$(alert)` is that text, not an icon
    iconPath: new vscode.ThemeIcon(themes.iconOf(name)),
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
      detail: 'Forget the move: the nearest theme takes the paper again',
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
