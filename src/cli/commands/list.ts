// paper-shelf list: the shelf as the sidebar shows it, by theme, by month or as one list.
import type { Command } from '../command';
import { JSON_OPTION, optionValue } from '../command';
import { clean, displayTitle, json, table } from '../output';
import { layoutShelf, monthLabel, type GroupBy } from '../../core/shelf/grouping';
import type { ShelfEntry } from '../../core/model/types';
import type { ThemeClassifier } from '../../core/themes/themes';
import { UNCLASSIFIED_THEME } from '../../core/shelf/shelfFactory';

export interface Group {
  /** The theme, the month as 'YYYY-MM' (or 'Unknown month'), or 'All papers'. */
  name: string;
  /** As the sidebar labels the group ('October 2025' for a month). */
  label: string;
  entries: ShelfEntry[];
}

export const ALL_PAPERS = 'All papers';

/** The shelf arranged exactly as the sidebar arranges it (core/grouping), without a filter. */
export function groupEntries(entries: readonly ShelfEntry[], by: GroupBy, classifier?: ThemeClassifier): Group[] {
  const layout = layoutShelf(entries, by, { fallbackTheme: classifier?.taxonomy.fallback ?? UNCLASSIFIED_THEME });
  if (by === 'none') return layout.flat.length ? [{ name: ALL_PAPERS, label: ALL_PAPERS, entries: layout.flat }] : [];
  return layout.groups.map((g) => ({ name: g.value || monthLabel(''), label: g.label, entries: g.entries }));
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the papers on the shelf, grouped by theme, by month or not at all.',
  usage: ['list [--group theme|month|none] [--json]'],
  description: [
    'Prints every paper on the shelf as "ID  KEY  TITLE", under a heading per group with its size,',
    "in the sidebar's order: biggest themes first (the catch-all last), months newest first, papers",
    'newest first. --group none prints one plain list.',
    'JSON: {"groups":[{"name":"...","papers":[{"id":"...","key":"...","title":"..."}]}]}',
  ],
  options: [
    {
      name: 'group',
      value: 'BY',
      choices: ['theme', 'month', 'none'],
      description: 'How to group the papers (default: theme).',
    },
    JSON_OPTION,
  ],
  positionals: { min: 0, max: 0, name: '' },
  run(ctx) {
    const loaded = ctx.shelf();
    const by = (optionValue(ctx.args, 'group') ?? 'theme') as GroupBy;
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
        g.entries.map((e) => [e.paper.id, e.key, displayTitle(e.paper.title)]),
        [style.cyan, style.dim],
      );
      if (by === 'none') return rows.join('\n');
      return [`${style.bold(clean(g.label))} ${style.dim(`(${g.entries.length})`)}`, ...rows.map((r) => `  ${r}`)].join(
        '\n',
      );
    });
    if (blocks.length) ctx.io.out(`${blocks.join(by === 'none' ? '\n' : '\n\n')}\n`);
    return 0;
  },
};
