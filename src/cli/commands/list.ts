// paper-shelf list: the shelf as the sidebar shows it, by theme, by month or as one list.
import type { Command } from '../command';
import { JSON_OPTION, optionValue } from '../command';
import { clean, displayTitle, json, table } from '../output';
import { layoutShelf, monthLabel, type GroupBy, type PaperGroup } from '../../core/shelf/grouping';
import type { ShelfEntry } from '../../core/model/types';
import type { ShelfThemes } from '../../core/shelf/shelfThemes';
import { UNCLASSIFIED_THEME } from '../../core/shelf/shelfFactory';

export interface Group {
  /** The theme, the month as 'YYYY-MM' (or 'Unknown month'), or 'All papers'. */
  name: string;
  /** As the sidebar labels the group ('October 2025' for a month). */
  label: string;
  /** The group's own papers (not those of its subgroups). */
  entries: ShelfEntry[];
  /** Narrower themes, where themes nest as in the sidebar. */
  groups?: Group[];
  /** Papers in the group and its subgroups. */
  total: number;
}

export const ALL_PAPERS = 'All papers';

/** The shelf arranged exactly as the sidebar arranges it (core/grouping), without a filter. */
export function groupEntries(entries: readonly ShelfEntry[], by: GroupBy, themes?: ShelfThemes): Group[] {
  const model = themes?.model;
  const layout = layoutShelf(entries, by, {
    fallbackTheme: themes?.fallback ?? UNCLASSIFIED_THEME,
    themePath: model ? (theme) => model.pathOf(theme) : undefined,
  });
  if (by === 'none')
    return layout.flat.length
      ? [{ name: ALL_PAPERS, label: ALL_PAPERS, entries: layout.flat, total: layout.flat.length }]
      : [];
  const convert = (g: PaperGroup): Group => ({
    name: g.value || monthLabel(''),
    label: g.label,
    entries: g.entries,
    total: g.total,
    ...(g.children ? { groups: g.children.map(convert) } : {}),
  });
  return layout.groups.map(convert);
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the papers on the shelf, grouped by theme, by month or not at all.',
  usage: ['list [--group theme|month|none] [--json]'],
  description: [
    'Prints every paper on the shelf as "ID  KEY  TITLE", under a heading per group with its size,',
    "in the sidebar's order: biggest themes first (the catch-all last), months newest first, papers",
    'newest first. --group none prints one plain list. On a large shelf themes nest, as in the sidebar:',
    'a broad theme, then its topics.',
    'JSON: {"groups":[{"name":"...","papers":[{"id":"...","key":"...","title":"..."}],"groups":[...]}]}',
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
    const groups = groupEntries(loaded.shelf.entries(), by, loaded.themes);
    if (ctx.args.flags.has('json')) {
      const toJson = (g: Group): unknown => ({
        name: g.name,
        papers: g.entries.map((e) => ({ id: e.paper.id, key: e.key, title: e.paper.title })),
        ...(g.groups ? { groups: g.groups.map(toJson) } : {}),
      });
      ctx.io.out(json({ groups: groups.map(toJson) }));
      return 0;
    }
    const { style } = ctx;
    const block = (g: Group, indent: string): string => {
      const rows = table(
        g.entries.map((e) => [e.paper.id, e.key, displayTitle(e.paper.title)]),
        [style.cyan, style.dim],
      );
      if (by === 'none') return rows.join('\n');
      const heading = `${indent}${style.bold(clean(g.label))} ${style.dim(`(${g.total})`)}`;
      const inner = [...rows.map((r) => `${indent}  ${r}`), ...(g.groups ?? []).map((c) => block(c, `${indent}  `))];
      return [heading, ...inner].join('\n');
    };
    const blocks = groups.map((g) => block(g, ''));
    if (blocks.length) ctx.io.out(`${blocks.join(by === 'none' ? '\n' : '\n\n')}\n`);
    return 0;
  },
};
