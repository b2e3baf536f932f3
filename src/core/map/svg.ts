// The map as a standalone SVG document (the CLI's `paper-shelf map`, the panel's export): one
// <circle> per paper carrying data-paper (its arXiv id), data-theme and a <title> with its title,
// the legend beside it, and a line saying when the map is a sample. No script, no event
// attributes, no external resource: every text is escaped, so the file is safe to embed anywhere.
import { escapeHtml } from '../tex/texText';
import type { MapModel } from './mapModel';
import { themeColours, type PaletteKind } from './palette';

export interface SvgOptions {
  /** Size of the whole picture in pixels (defaults 1200 x 800). */
  width?: number;
  height?: number;
  /** The catch-all theme (drawn grey). */
  fallbackTheme?: string;
  /** Light (default) or dark background, unless `colours` says otherwise. */
  kind?: PaletteKind;
  /** What the panel shows, to export the map as the user sees it. */
  colours?: { themes?: readonly string[]; background?: string; foreground?: string; muted?: string };
}

export const DEFAULT_SVG_WIDTH = 1200;
export const DEFAULT_SVG_HEIGHT = 800;
export const MIN_SVG_SIZE = 200;
export const MAX_SVG_SIZE = 20_000;

const LEGEND_WIDTH = 260;
const ROW = 20;
const PAD = 16;

/** Characters XML 1.0 does not allow (C0 controls but tab, line feed and return; lone surrogates; U+FFFE/F). */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text escaped for XML content and attributes, with characters XML cannot hold replaced by U+FFFD. */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, '\ufffd'));
}

/** A colour value from the page (a CSS colour), kept only when it cannot break out of its attribute. */
function safeColour(value: string | undefined, otherwise: string): string {
  return value && /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/a-z-]*\)|[a-z]+)$/i.test(value.trim())
    ? value.trim()
    : otherwise;
}

function num(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/** Where the layout's coordinates go in the picture: the points' bounding box fitted into `box`, aspect kept. */
export function fitTransform(
  xs: readonly number[],
  ys: readonly number[],
  box: { x: number; y: number; width: number; height: number },
): (x: number, y: number) => [number, number] {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    minX = Math.min(minX, xs[i]);
    maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]);
    maxY = Math.max(maxY, ys[i]);
  }
  if (!Number.isFinite(minX)) return () => [box.x + box.width / 2, box.y + box.height / 2];
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min(box.width / spanX, box.height / spanY);
  const offX = box.x + (box.width - spanX * scale) / 2;
  const offY = box.y + (box.height - spanY * scale) / 2;
  return (x, y) => [offX + (x - minX) * scale, offY + (y - minY) * scale];
}

/** The radius of a point when `count` points share an area of `area` square pixels. */
export function pointRadius(count: number, area: number): number {
  return Math.max(1.2, Math.min(6, 0.35 * Math.sqrt(area / Math.max(1, count))));
}

/** The whole map as an SVG document. */
export function mapSvg(model: MapModel, options: SvgOptions = {}): string {
  const kind = options.kind ?? 'light';
  const width = clampSize(options.width ?? DEFAULT_SVG_WIDTH);
  const names = model.themes.map((t) => t.name);
  const legendRows = names.length + (model.sampled ? 2 : 0) + 2;
  const height = Math.max(clampSize(options.height ?? DEFAULT_SVG_HEIGHT), PAD * 2 + legendRows * ROW);
  const base = themeColours(names, kind, options.fallbackTheme);
  const colours = names.map((_, i) => safeColour(options.colours?.themes?.[i], base[i]));
  const background = safeColour(options.colours?.background, kind === 'light' ? '#ffffff' : '#1e1e1e');
  const foreground = safeColour(options.colours?.foreground, kind === 'light' ? '#1f1f1f' : '#e0e0e0');
  const muted = safeColour(options.colours?.muted, kind === 'light' ? '#616161' : '#a0a0a0');
  const legendWidth = Math.min(LEGEND_WIDTH, width / 3);
  const box = { x: PAD, y: PAD, width: width - legendWidth - PAD * 3, height: height - PAD * 2 };
  const place = fitTransform(model.x, model.y, box);
  const r = num(pointRadius(model.ids.length, box.width * box.height));
  const label = `Paper Shelf map: ${model.ids.length} of ${model.total} papers in ${names.length} ${names.length === 1 ? 'theme' : 'themes'}`;

  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13">`,
    `<title id="map-title">${xmlText(label)}</title>`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    `<g class="papers" fill-opacity="0.85">`,
  ];
  for (let i = 0; i < model.ids.length; i++) {
    const [cx, cy] = place(model.x[i], model.y[i]);
    const t = model.theme[i];
    out.push(
      `<circle data-paper="${xmlText(model.ids[i])}" data-theme="${xmlText(names[t])}"${model.months[i] ? ` data-month="${xmlText(model.months[i])}"` : ''} cx="${num(cx)}" cy="${num(cy)}" r="${r}" fill="${colours[t]}"><title>${xmlText(model.titles[i])}</title></circle>`,
    );
  }
  out.push(`</g>`);
  const lx = width - legendWidth - PAD;
  let ly = PAD + 14;
  out.push(`<g class="legend" fill="${foreground}">`);
  out.push(`<text x="${num(lx)}" y="${ly}" font-weight="600">Themes</text>`);
  const chars = Math.max(8, Math.floor((legendWidth - 26) / 7));
  model.themes.forEach((theme, i) => {
    ly += ROW;
    const name = theme.name.length > chars ? `${theme.name.slice(0, chars - 1)}…` : theme.name;
    out.push(
      `<g class="legend-item" data-legend="${xmlText(theme.name)}"><circle cx="${num(lx + 6)}" cy="${ly - 4}" r="6" fill="${colours[i]}"/>` +
        `<text x="${num(lx + 18)}" y="${ly}">${xmlText(name)} <tspan fill="${muted}">${theme.count}</tspan></text><title>${xmlText(theme.name)}: ${theme.count} ${theme.count === 1 ? 'paper' : 'papers'}</title></g>`,
    );
  });
  ly += ROW * 1.5;
  out.push(`<text x="${num(lx)}" y="${ly}" fill="${muted}">${xmlText(`${model.total} papers`)}</text>`);
  if (model.sampled) {
    ly += ROW;
    out.push(
      `<text x="${num(lx)}" y="${ly}" fill="${muted}">${xmlText(`A sample of ${model.ids.length} is drawn`)}</text>`,
    );
  }
  out.push(`</g>`, `</svg>`, '');
  return out.join('\n');
}

function clampSize(n: number): number {
  return Math.round(Math.min(MAX_SVG_SIZE, Math.max(MIN_SVG_SIZE, Number.isFinite(n) ? n : DEFAULT_SVG_WIDTH)));
}
