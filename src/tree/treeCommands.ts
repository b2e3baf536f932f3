import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { GroupBy } from '../core/shelf/grouping';
import type { PaperTreeProvider } from './paperTree';

/** Live filtering waits this long after the last keystroke. */
const FILTER_DEBOUNCE_MS = 150;

/** The view's own commands: filter, clear filter, group by. */
export function registerTreeCommands(tree: PaperTreeProvider): vscode.Disposable[] {
  const groupBy = (mode: GroupBy) => () => tree.setGroupBy(mode);
  return [
    vscode.commands.registerCommand(Commands.filter, (query?: unknown) =>
      typeof query === 'string' ? tree.setFilter(query) : askForFilter(tree),
    ),
    vscode.commands.registerCommand(Commands.clearFilter, () => tree.clearFilter()),
    vscode.commands.registerCommand(Commands.groupByTheme, groupBy('theme')),
    vscode.commands.registerCommand(Commands.groupByMonth, groupBy('month')),
    vscode.commands.registerCommand(Commands.groupByNone, groupBy('none')),
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
