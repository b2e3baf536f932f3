// How the sidebar arranges the shelf: by theme, by month of first submission, or flat, with the
// starred papers on top. Pure data, so the order people see is unit-tested without the editor.
import type { ShelfEntry } from '../model/types';
import { displayLine } from '../text/invisible';
import { runSteps, sortSteps, type Steps } from '../runtime/yieldToHost';

export type GroupBy = 'theme' | 'month' | 'none';

export const GROUP_BY_VALUES: readonly GroupBy[] = ['theme', 'month', 'none'];

export interface PaperGroup {
  /** Stable id for the tree ('theme:RL for LLM Reasoning', 'month:2025-10', 'starred'). */
  key: string;
  kind: 'theme' | 'month' | 'starred';
  label: string;
  /** The theme name or 'YYYY-MM' ('' for an unknown month); '' for the starred group. */
  value: string;
  /** The group's papers that pass the filter, in display order. */
  entries: ShelfEntry[];
  /** How many papers the group holds without the filter (its subgroups' included). */
  total: number;
  /** Narrower themes inside this one (a large shelf's themes nest), biggest first. */
  children?: PaperGroup[];
}

export interface ShelfLayout {
  /** Starred papers (that pass the filter), shown on top; undefined when none is starred. */
  starred?: PaperGroup;
  /** Theme or month groups that keep at least one paper; empty when flat. */
  groups: PaperGroup[];
  /** Flat list (group by none): every paper that passes the filter. */
  flat: ShelfEntry[];
  /** Papers shown (each counted once) and papers on the shelf. */
  shown: number;
  total: number;
}

export interface LayoutOptions {
  /** The catch-all theme, always listed last. */
  fallbackTheme: string;
  /** When filtering: the matching ids, best first. Papers not listed are hidden. */
  ranking?: readonly string[];
  /** Where a theme sits among nested themes: names from the top theme down to it (default: [theme]). */
  themePath?: (theme: string) => readonly string[];
}

/** Arranges the shelf's entries for the tree. */
export function layoutShelf(entries: readonly ShelfEntry[], groupBy: GroupBy, options: LayoutOptions): ShelfLayout {
  return runSteps(layoutShelfSteps(entries, groupBy, options));
}

/** Entries between yields of the layout's passes over the shelf. */
const STEP_ENTRIES = 4096;

/**
 * `layoutShelf` as steps (see runStepsInSlices), the same layout: sorting and grouping a large
 * shelf (tens of thousands of entries) takes longer than one turn of the extension host should.
 */
export function* layoutShelfSteps(
  entries: readonly ShelfEntry[],
  groupBy: GroupBy,
  options: LayoutOptions,
): Steps<ShelfLayout> {
  const rank = options.ranking ? new Map(options.ranking.map((id, i) => [id, i])) : undefined;
  const passes = (e: ShelfEntry) => !rank || rank.has(e.paper.id);
  const byRank = (a: ShelfEntry, b: ShelfEntry) => rank!.get(a.paper.id)! - rank!.get(b.paper.id)!;
  const order = rank ? byRank : groupBy === 'month' ? byTitle : newestFirst;
  const visible = yield* sortSteps(entries.filter(passes), order);

  const starredAll = entries.filter((e) => e.starred);
  const starredShown = visible.filter((e) => e.starred);
  yield;
  const starred: PaperGroup | undefined = starredShown.length
    ? { key: 'starred', kind: 'starred', label: 'Starred', value: '', entries: starredShown, total: starredAll.length }
    : undefined;

  if (groupBy === 'none') return { starred, groups: [], flat: visible, shown: visible.length, total: entries.length };

  if (groupBy === 'theme' && options.themePath) {
    const groups = yield* nestedThemes(entries, visible, options.themePath, options.fallbackTheme);
    return { starred, groups, flat: [], shown: visible.length, total: entries.length };
  }
  const keyOf = (e: ShelfEntry) => (groupBy === 'theme' ? e.theme : e.month);
  const totals = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    if (i % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
    const key = keyOf(entries[i]!);
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  const members = new Map<string, ShelfEntry[]>();
  for (let i = 0; i < visible.length; i++) {
    if (i % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
    const e = visible[i]!;
    const list = members.get(keyOf(e));
    if (list) list.push(e);
    else members.set(keyOf(e), [e]);
  }
  const groups: PaperGroup[] = [...members].map(([value, list]) => ({
    key: `${groupBy}:${value}`,
    kind: groupBy,
    label: groupBy === 'theme' ? displayLine(value) : monthLabel(value),
    value,
    entries: list,
    total: totals.get(value) ?? list.length,
  }));
  if (groupBy === 'theme') {
    // Biggest themes first (what the shelf is mostly about), ties by name, the catch-all last.
    groups.sort(
      (a, b) =>
        (a.value === options.fallbackTheme ? 1 : 0) - (b.value === options.fallbackTheme ? 1 : 0) ||
        b.total - a.total ||
        a.label.localeCompare(b.label),
    );
  } else {
    // Newest month first; papers of unknown month last.
    groups.sort((a, b) => (a.value === '' ? 1 : 0) - (b.value === '' ? 1 : 0) || b.value.localeCompare(a.value));
  }
  return { starred, groups, flat: [], shown: visible.length, total: entries.length };
}

/** Theme groups nested along each theme's path; groups without a visible paper are left out. */
function* nestedThemes(
  entries: readonly ShelfEntry[],
  visible: readonly ShelfEntry[],
  themePath: (theme: string) => readonly string[],
  fallback: string,
): Steps<PaperGroup[]> {
  const paths = new Map<string, readonly string[]>();
  const pathOf = (theme: string) => {
    let path = paths.get(theme);
    if (!path) paths.set(theme, (path = themePath(theme).length ? themePath(theme) : [theme]));
    return path;
  };
  const roots: PaperGroup[] = [];
  const byKey = new Map<string, PaperGroup>();
  const groupAt = (path: readonly string[], depth: number): PaperGroup => {
    const key = `theme:${path.slice(0, depth + 1).join('/')}`;
    let group = byKey.get(key);
    if (!group) {
      const name = path[depth]!;
      group = { key, kind: 'theme', label: displayLine(name), value: name, entries: [], total: 0 };
      byKey.set(key, group);
      if (depth === 0) roots.push(group);
      else (groupAt(path, depth - 1).children ??= []).push(group);
    }
    return group;
  };
  for (let i = 0; i < entries.length; i++) {
    if (i % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
    const path = pathOf(entries[i]!.theme);
    for (let d = 0; d < path.length; d++) groupAt(path, d).total++;
  }
  for (let i = 0; i < visible.length; i++) {
    if (i % STEP_ENTRIES === STEP_ENTRIES - 1) yield;
    const path = pathOf(visible[i]!.theme);
    groupAt(path, path.length - 1).entries.push(visible[i]!);
  }
  const shown = (g: PaperGroup): boolean => {
    g.children = g.children?.filter(shown);
    if (!g.children?.length) delete g.children;
    return g.entries.length > 0 || g.children !== undefined;
  };
  const order = (list: PaperGroup[]): PaperGroup[] => {
    list.sort(
      (a, b) =>
        (a.value === fallback ? 1 : 0) - (b.value === fallback ? 1 : 0) ||
        b.total - a.total ||
        a.label.localeCompare(b.label),
    );
    for (const g of list) if (g.children) order(g.children);
    return list;
  };
  return order(roots.filter(shown));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 'YYYY-MM' as 'October 2025'; '' when not a month. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : '';
}

/** 'October 2025' for '2025-10'; 'Unknown month' for ''. */
export function monthLabel(month: string): string {
  return formatMonth(month) || month || 'Unknown month';
}

/** 'Oct 2025' for '2025-10'; '' when unknown. */
export function shortMonthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name.slice(0, 3)} ${m[1]}` : month;
}

function byTitle(a: ShelfEntry, b: ShelfEntry): number {
  return a.paper.title.localeCompare(b.paper.title);
}

function newestFirst(a: ShelfEntry, b: ShelfEntry): number {
  return b.month.localeCompare(a.month) || b.paper.id.localeCompare(a.paper.id) || byTitle(a, b);
}
