// What the map shows, as plain data: a point per paper (or per sampled paper on a very large
// shelf), the legend's themes with their sizes, and the timeline's papers per month and theme.
// The panel's page and the SVG export both draw from this one model.
import type { ShelfEntry } from '../model/types';
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { texToPlainLine } from '../tex/texText';
import { hashWord } from '../text/wordTable';
import { layoutSteps } from './layout';
import { textVectorSteps } from './vectors';

export interface MapTheme {
  name: string;
  /** Papers of this theme on the shelf. */
  count: number;
  /** Of them, papers drawn on the map (less than count when the map is sampled). */
  shown: number;
}

export interface MapTimeline {
  /** Every month from the first to the last paper's, 'YYYY-MM', ascending. */
  months: string[];
  /** counts[m][t]: papers of theme t first submitted in months[m] (all papers, not only the drawn ones). */
  counts: number[][];
  /** Papers without a known month. */
  undated: number;
}

export interface MapModel {
  /** Papers on the shelf. */
  total: number;
  /** True when only a sample of the papers is drawn (more than MapOptions.maxPoints). */
  sampled: boolean;
  /** Themes in legend order: largest first, the catch-all last, then by name. Colours follow this order. */
  themes: MapTheme[];
  /** The drawn papers, in arXiv id order; the arrays below are parallel to `ids`. */
  ids: string[];
  /** Plain-text titles, one line each (not escaped: every renderer escapes for its own output). */
  titles: string[];
  months: string[];
  /** Index into `themes`. */
  theme: number[];
  /** Layout coordinates (the theme anchors lie in the unit circle). */
  x: number[];
  y: number[];
  timeline: MapTimeline;
}

export interface MapOptions {
  /** The catch-all theme, listed last in the legend. */
  fallbackTheme?: string;
  /** At most this many points; a larger shelf is drawn from a fixed sample of this size. */
  maxPoints?: number;
}

/** The most points the panel draws; a larger shelf is sampled (and the map says so). */
export const MAX_MAP_POINTS = 25_000;

/** Builds the model at once (the CLI, the tests). */
export function buildMapModel(entries: readonly ShelfEntry[], options: MapOptions = {}): MapModel {
  return runSteps(mapModelSteps(entries, options));
}

/** Builds the model a step at a time, for callers that run it in slices (the extension host). */
export function* mapModelSteps(entries: readonly ShelfEntry[], options: MapOptions = {}): Steps<MapModel> {
  const themes = legendThemes(entries, options.fallbackTheme);
  const themeIndex = new Map(themes.map((t, i) => [t.name, i]));
  const limit = Math.max(1, options.maxPoints ?? Infinity);
  const drawn = sample(entries, limit);
  for (const e of drawn) themes[themeIndex.get(e.theme)!].shown++;
  const themeOf = drawn.map((e) => themeIndex.get(e.theme)!);
  const vectors = yield* textVectorSteps(drawn);
  const layout = yield* layoutSteps({ vectors, themeOf, themeNames: themes.map((t) => t.name) });
  return {
    total: entries.length,
    sampled: drawn.length < entries.length,
    themes,
    ids: drawn.map((e) => e.paper.id),
    titles: drawn.map((e) => texToPlainLine(e.paper.title) || e.paper.id),
    months: drawn.map((e) => e.month),
    theme: themeOf,
    x: Array.from(layout.x),
    y: Array.from(layout.y),
    timeline: timeline(entries, themeIndex, themes.length),
  };
}

function legendThemes(entries: readonly ShelfEntry[], fallback: string | undefined): MapTheme[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.theme, (counts.get(e.theme) ?? 0) + 1);
  return [...counts]
    .sort(
      ([a, na], [b, nb]) => Number(a === fallback) - Number(b === fallback) || nb - na || (a < b ? -1 : a > b ? 1 : 0),
    )
    .map(([name, count]) => ({ name, count, shown: 0 }));
}

/**
 * The papers to draw, in id order: all of them, or the `limit` whose ids hash lowest. A hash
 * sample is spread over every theme and month, and stays the same sample as papers are added.
 */
function sample(entries: readonly ShelfEntry[], limit: number): ShelfEntry[] {
  const byId = (a: ShelfEntry, b: ShelfEntry) => (a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0);
  if (entries.length <= limit) return [...entries].sort(byId);
  return entries
    .map((e) => ({ e, h: hashWord(e.paper.id) >>> 0 }))
    .sort((a, b) => a.h - b.h || byId(a.e, b.e))
    .slice(0, limit)
    .map((s) => s.e)
    .sort(byId);
}

const MONTH = /^(\d{4})-(\d{2})$/;

function timeline(entries: readonly ShelfEntry[], themeIndex: Map<string, number>, themeCount: number): MapTimeline {
  let first = Infinity;
  let last = -Infinity;
  let undated = 0;
  const ordinal = (month: string): number | undefined => {
    const m = MONTH.exec(month);
    return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
  };
  for (const e of entries) {
    const o = ordinal(e.month);
    if (o === undefined) undated++;
    else {
      first = Math.min(first, o);
      last = Math.max(last, o);
    }
  }
  if (!Number.isFinite(first)) return { months: [], counts: [], undated };
  const months: string[] = [];
  for (let o = first; o <= last; o++) months.push(`${Math.floor(o / 12)}-${String((o % 12) + 1).padStart(2, '0')}`);
  const counts = months.map(() => new Array<number>(themeCount).fill(0));
  for (const e of entries) {
    const o = ordinal(e.month);
    if (o !== undefined) counts[o - first][themeIndex.get(e.theme)!]++;
  }
  return { months, counts, undated };
}
