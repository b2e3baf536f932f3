// paper-shelf list: the shelf as the sidebar shows it, by theme, by month or as one list.
import type { Command } from '../command';
import { JSON_OPTION, optionValue } from '../command';
import { clean, json, table } from '../output';
import type { ShelfEntry } from '../../core/types';
import type { ThemeClassifier } from '../../core/themes';
import { UNCLASSIFIED_THEME } from '../../core/shelfFactory';

export type Grouping = 'theme' | 'month' | 'none';

export interface Group {
  name: string;
  entries: ShelfEntry[];
}

export const ALL_PAPERS = 'All papers';
export const UNDATED = 'Undated';

/**
 * Groups in a stable order: themes in the taxonomy's order (themes it does not know
 * alphabetically after them, the fallback last); months newest first (undated last).
 * Within a group papers keep shelf order. Empty groups are left out.
 */
export function groupEntries(entries: readonly ShelfEntry[], by: Grouping, classifier?: ThemeClassifier): Group[] {
  if (by === 'none') return entries.length ? [{ name: ALL_PAPERS, entries: [...entries] }] : [];
  const groups = new Map<string, ShelfEntry[]>();
  for (const entry of entries) {
    const name = by === 'theme' ? entry.theme : entry.month || UNDATED;
    const list = groups.get(name);
    if (list) list.push(entry);
    else groups.set(name, [entry]);
  }
  const names = [...groups.keys()];
  if (by === 'month') {
    names.sort((a, b) => (a === UNDATED ? 1 : b === UNDATED ? -1 : b.localeCompare(a)));
  } else {
    const order = classifier?.taxonomy.themes.map((t) => t.name) ?? [];
    const fallback = classifier?.taxonomy.fallback ?? UNCLASSIFIED_THEME;
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : name === fallback ? order.length + 1 : order.length);
    names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }
  return names.map((name) => ({ name, entries: groups.get(name)! }));
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the papers on the shelf, grouped by theme, by month or not at all.',
  usage: ['list [--group theme|month|none] [--json]'],
  description: [
    'Prints every paper on the shelf as "ID  KEY  TITLE", under a heading per group with its size.',
    'Themes come in the taxonomy\'s order; months newest first. --group none prints one plain list.',
    'JSON: {"groups":[{"name":"...","papers":[{"id":"...","key":"...","title":"..."}]}]}',
  ],
  options: [
    { name: 'group', value: 'BY', choices: ['theme', 'month', 'none'], description: 'How to group the papers (default: theme).' },
    JSON_OPTION,
  ],
  positionals: { min: 0, max: 0, name: '' },
  run(ctx) {
    const loaded = ctx.shelf();
    const by = (optionValue(ctx.args, 'group') ?? 'theme') as Grouping;
    const groups = groupEntries(loaded.shelf.entries(), by, loaded.classifier);
    if (ctx.args.flags.has('json')) {
      ctx.io.out(
        json({
          groups: groups.map((g) => ({
            name: g.name,
            papers: g.entries.map((e) => ({ id: e.paper.id, key: e.key, title: e.paper.title })),
          })),
        }),
      );
      return 0;
    }
    const { style } = ctx;
    const blocks = groups.map((g) => {
      const rows = table(
        g.entries.map((e) => [e.paper.id, e.key, clean(e.paper.title)]),
        [style.cyan, style.dim],
      );
      if (by === 'none') return rows.join('\n');
      return [`${style.bold(clean(g.name))} ${style.dim(`(${g.entries.length})`)}`, ...rows.map((r) => `  ${r}`)].join('\n');
    });
    if (blocks.length) ctx.io.out(`${blocks.join(by === 'none' ? '\n' : '\n\n')}\n`);
    return 0;
  },
};
