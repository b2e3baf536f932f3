// Theme colours for the map: a categorical palette for light backgrounds and one for dark ones
// (the panel's page takes VS Code's chart colours for the first six where the colour theme has
// them; these fill in the rest and colour the standalone SVG). The catch-all theme is grey.

export type PaletteKind = 'light' | 'dark';

/**
 * Ten well-separated hues (Tableau 10, deepened for contrast on white), the first six in the
 * order of VS Code's chart colours (blue, orange, red, green, purple, yellow).
 */
const LIGHT = [
  '#3b6ea5',
  '#e07b1a',
  '#c8414b',
  '#3f8f3a',
  '#9a5f8d',
  '#b8961a',
  '#4b9e99',
  '#e06f86',
  '#7f5a44',
  '#6b6b9e',
];
/** The same hues, lighter, for dark backgrounds. */
const DARK = [
  '#7aa7dd',
  '#ffa64d',
  '#ff7b84',
  '#7fcf78',
  '#d39bc6',
  '#f0cf5a',
  '#86d4cf',
  '#ffa3b5',
  '#c49a80',
  '#a9a9e0',
];

/** VS Code's chart colour variables, in the palette's order: the panel prefers them where the colour theme sets them. */
export const CHART_COLOUR_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-red',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
];
const GREY: Record<PaletteKind, string> = { light: '#8a8a8a', dark: '#9d9d9d' };

/** The colour of the theme at `index` in legend order; `fallback` themes are grey. */
export function themeColour(index: number, kind: PaletteKind, fallback = false): string {
  if (fallback) return GREY[kind];
  const base = kind === 'light' ? LIGHT : DARK;
  if (index < base.length) return base[index];
  // Past ten themes: further hues around the circle by the golden angle, at the palette's lightness.
  const hue = Math.round((index * 137.508) % 360);
  return kind === 'light' ? `hsl(${hue} 55% 42%)` : `hsl(${hue} 65% 70%)`;
}

/** Colours for every theme of a legend, the catch-all (if named) grey. */
export function themeColours(names: readonly string[], kind: PaletteKind, fallbackTheme?: string): string[] {
  let index = 0;
  return names.map((name) => (name === fallbackTheme ? themeColour(0, kind, true) : themeColour(index++, kind)));
}
