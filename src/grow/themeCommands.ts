// Rename Theme… and Rediscover Themes. A renamed theme keeps its name through rediscovery while
// it is recognisably the same; its papers get the name in their collection files' blocks
// (`Theme:`, co-authors see it), shipped papers remember it for this workspace.
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { GroupNode } from '../tree/paperTree';
import { collapseSpace } from '../core/text/spaces';
import { setTheme } from './curate';
import type { GrowContext } from './growContext';

const MAX_NAME = 60;

export function registerThemeCommands(ctx: GrowContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.renameTheme, (arg?: unknown, newName?: unknown) =>
      renameTheme(ctx, arg, typeof newName === 'string' ? newName : undefined),
    ),
    vscode.commands.registerCommand(Commands.rediscoverThemes, () => rediscoverThemes(ctx)),
  ];
}

/** The theme a command was run on: a theme row of the tree, or a name (tests, other extensions). */
function themeArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as Partial<GroupNode> | undefined;
  return node?.type === 'group' && node.group?.kind === 'theme' ? node.group.value : undefined;
}

/** Papers per theme, a broad theme counting those of its topics. */
function themeCounts(ctx: GrowContext): Map<string, number> {
  const { shelfService } = ctx.services;
  const counts = new Map<string, number>();
  for (const e of shelfService.shelf.entries())
    for (const name of shelfService.themes.model?.pathOf(e.theme) ?? [e.theme])
      counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

function problemWith(ctx: GrowContext, value: string, from: string): string | undefined {
  const name = collapseSpace(value);
  if (!name) return 'A theme needs a name.';
  if (name.length > MAX_NAME) return `Keep it under ${MAX_NAME} characters.`;
  const { themes } = ctx.services.shelfService;
  const taken = themeCounts(ctx).has(name) || themes.describe(name) !== undefined || name === themes.fallback;
  if (taken && name.toLowerCase() !== from.toLowerCase()) return `There is a theme "${name}" already.`;
  return undefined;
}

/** Renames a theme (from its row in the tree, or picked from the palette). */
async function renameTheme(ctx: GrowContext, arg: unknown, newName: string | undefined): Promise<boolean> {
  const { shelfService } = ctx.services;
  await shelfService.settled();
  const { themes } = shelfService;
  let from = themeArg(arg);
  const counts = themeCounts(ctx);
  if (!from) {
    const picked = await vscode.window.showQuickPick(
      [...counts.keys()]
        .filter((name) => name !== themes.fallback)
        .sort((a, b) => a.localeCompare(b))
        .map((name) => ({
          label: name,
          description: `${counts.get(name)} papers`,
          detail: themes.termsOf(name).join(', ') || undefined,
          iconPath: new vscode.ThemeIcon(themes.iconOf(name)),
        })),
      { title: 'Rename Theme', placeHolder: 'The theme to rename', matchOnDetail: true },
    );
    from = picked?.label;
  }
  if (!from) return false;
  if (from === themes.fallback) {
    void vscode.window.showInformationMessage(
      `Paper Shelf: "${from}" holds the papers no theme fits; move them to a theme instead.`,
    );
    return false;
  }
  if (!counts.has(from) && !themes.describe(from)) {
    void vscode.window.showWarningMessage(`Paper Shelf: there is no theme "${from}" on the shelf.`);
    return false;
  }
  const current = from;
  const typed =
    newName ??
    (await vscode.window.showInputBox({
      title: `Rename Theme "${current}"`,
      value: current,
      prompt: 'The new name stays while the theme is recognisably the same, even when themes are rediscovered.',
      validateInput: (v) => problemWith(ctx, v, current),
    }));
  const name = typed === undefined ? undefined : collapseSpace(typed);
  if (!name || name === from) return false;
  const problem = problemWith(ctx, name, from);
  if (problem) {
    void vscode.window.showWarningMessage(`Paper Shelf: ${problem}`);
    return false;
  }
  const members = shelfService.shelf
    .entries()
    .filter((e) => e.theme === from)
    .map((e) => e.paper.id);
  if (themes.describe(from)) await shelfService.renameDiscoveredTheme(from, name);
  // The papers carry the name too: their collection files' blocks, or (shipped papers) this workspace.
  if (members.length) await setTheme(ctx, members, name);
  return true;
}

/** Discovers the themes afresh (with progress) and says what moved. */
async function rediscoverThemes(ctx: GrowContext): Promise<void> {
  const { shelfService } = ctx.services;
  await shelfService.settled();
  if (shelfService.themes.isFixed) {
    const open = 'Open Setting';
    const answer = await vscode.window.showInformationMessage(
      'Paper Shelf: the themes come from the taxonomy file in paperShelf.taxonomyFile. Clear that setting to discover themes from the papers.',
      open,
    );
    if (answer === open)
      await vscode.commands.executeCommand('workbench.action.openSettings', 'paperShelf.taxonomyFile');
    return;
  }
  const report = await vscode.window.withProgress(
    { location: { viewId: 'paperShelf.papers' }, title: 'Discovering themes' },
    () => shelfService.rediscover(),
  );
  if (!report) return;
  const parts = [
    `Paper Shelf: ${report.papers} papers in ${report.themes} themes; ${report.moved === 1 ? '1 paper' : `${report.moved} papers`} moved.`,
  ];
  if (report.added.length) parts.push(`New: ${report.added.join(', ')}.`);
  if (report.removed.length) parts.push(`Gone: ${report.removed.join(', ')}.`);
  void vscode.window.showInformationMessage(parts.join(' '));
}
