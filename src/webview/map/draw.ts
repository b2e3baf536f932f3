// Drawing the map on a canvas: points batched into one path per theme (10,000 arcs draw in a few
// milliseconds), the highlighted ones over the faded ones, theme names at their clouds' centres,
// and the focus and hover rings. Colours come from the colour theme's CSS variables.
import type { MapModel } from '../../core/map/mapModel';
import { CHART_COLOUR_VARIABLES, themeColour, type PaletteKind } from '../../core/map/palette';
import { pointRadius } from '../../core/map/svg';
import type { View } from './view';

export interface Colours {
  themes: string[];
  background: string;
  foreground: string;
  muted: string;
  focus: string;
  /** High contrast themes outline every point. */
  outline?: string;
}

function cssVar(name: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim();
}

/** Light or dark, from the class VS Code puts on the page's body. */
export function paletteKind(): PaletteKind {
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

export function readColours(model: MapModel, fallbackTheme: string): Colours {
  const kind = paletteKind();
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  let index = 0;
  const themes = model.themes.map((t) => {
    if (t.name === fallbackTheme) return cssVar('--vscode-disabledForeground') || themeColour(0, kind, true);
    const i = index++;
    return (i < CHART_COLOUR_VARIABLES.length && cssVar(CHART_COLOUR_VARIABLES[i])) || themeColour(i, kind);
  });
  const foreground = cssVar('--vscode-editor-foreground') || cssVar('--vscode-foreground') || '#808080';
  return {
    themes,
    background: cssVar('--vscode-editor-background') || (kind === 'light' ? '#ffffff' : '#1e1e1e'),
    foreground,
    muted: cssVar('--vscode-descriptionForeground') || foreground,
    focus: cssVar('--vscode-focusBorder') || foreground,
    outline: highContrast ? cssVar('--vscode-contrastBorder') || foreground : undefined,
  };
}

export interface Scene {
  model: MapModel;
  colours: Colours;
  /** Per point: 1 stands out, 0 fades; undefined when nothing is selected (all stand out). */
  strong?: Uint8Array;
  focused?: number;
  hovered?: number;
}

/** The radius of the points at the view's zoom (grows slowly as one zooms in). */
export function radiusAt(model: MapModel, view: View): number {
  const base = pointRadius(model.ids.length, view.width * view.height);
  return Math.min(14, base * Math.sqrt(view.zoom));
}

export function drawMap(ctx: CanvasRenderingContext2D, view: View, scene: Scene, labels = true): void {
  const { model, colours, strong } = scene;
  const s = view.scale;
  const r = radiusAt(model, view);
  ctx.clearRect(0, 0, view.width, view.height);
  // Theme names go under the points, so they never hide one.
  if (labels) drawThemeLabels(ctx, view, scene);
  const passes: (0 | 1)[] = strong ? [0, 1] : [1];
  for (const pass of passes) {
    ctx.globalAlpha = pass ? 0.9 : 0.14;
    for (let t = 0; t < model.themes.length; t++) {
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < model.ids.length; i++) {
        if (model.theme[i] !== t || (strong && strong[i] !== pass)) continue;
        const x = view.toScreenX(model.x[i], s);
        const y = view.toScreenY(model.y[i], s);
        if (x < -r || y < -r || x > view.width + r || y > view.height + r) continue;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
        any = true;
      }
      if (!any) continue;
      ctx.fillStyle = colours.themes[t];
      ctx.fill();
      if (colours.outline && pass) {
        ctx.lineWidth = 1;
        ctx.strokeStyle = colours.outline;
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
  ring(ctx, view, model, scene.hovered, r + 2, colours.foreground, 1.5);
  ring(ctx, view, model, scene.focused, r + 3, colours.focus, 2.5);
}

function ring(
  ctx: CanvasRenderingContext2D,
  view: View,
  model: MapModel,
  index: number | undefined,
  radius: number,
  colour: string,
  width: number,
): void {
  if (index === undefined || index < 0 || index >= model.ids.length) return;
  ctx.beginPath();
  ctx.arc(view.toScreenX(model.x[index]), view.toScreenY(model.y[index]), radius, 0, Math.PI * 2);
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** Each theme's name at the centre of its drawn points, with a halo in the background colour. */
function drawThemeLabels(ctx: CanvasRenderingContext2D, view: View, scene: Scene): void {
  const { model, colours } = scene;
  const k = model.themes.length;
  if (k < 2 || k > 40) return;
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const n = new Float64Array(k);
  for (let i = 0; i < model.ids.length; i++) {
    sx[model.theme[i]] += model.x[i];
    sy[model.theme[i]] += model.y[i];
    n[model.theme[i]]++;
  }
  ctx.font = `600 12px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  // Largest themes first (legend order); a name that would overlap one already placed is left out.
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (let t = 0; t < k; t++) {
    if (!n[t]) continue;
    const x = view.toScreenX(sx[t] / n[t]);
    const y = view.toScreenY(sy[t] / n[t]);
    const name = model.themes[t].name.length > 36 ? `${model.themes[t].name.slice(0, 35)}…` : model.themes[t].name;
    const half = ctx.measureText(name).width / 2 + 4;
    const box = { x0: x - half, y0: y - 9, x1: x + half, y1: y + 9 };
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > view.width || box.y1 > view.height) continue;
    if (placed.some((p) => p.x0 < box.x1 && box.x0 < p.x1 && p.y0 < box.y1 && box.y0 < p.y1)) continue;
    placed.push(box);
    ctx.lineWidth = 4;
    ctx.strokeStyle = colours.background;
    ctx.strokeText(name, x, y);
    ctx.fillStyle = colours.muted;
    ctx.fillText(name, x, y);
  }
}

/** The map with its legend on one canvas, for the PNG export (`scale` times the CSS size). */
export function drawPicture(scene: Scene, view: View, width: number, height: number, scale: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = scene.colours.background;
  ctx.fillRect(0, 0, width, height);
  const legendWidth = 260;
  const mapView = Object.assign(Object.create(Object.getPrototypeOf(view)), view) as View;
  mapView.resize(width - legendWidth, height);
  mapView.fit();
  drawMap(ctx, mapView, scene);
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  let y = 28;
  const x = width - legendWidth + 8;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = scene.colours.foreground;
  ctx.font = `600 14px ${font}`;
  ctx.fillText('Themes', x, y);
  ctx.font = `13px ${font}`;
  scene.model.themes.forEach((theme, i) => {
    y += 20;
    if (y > height - 8) return;
    ctx.beginPath();
    ctx.arc(x + 6, y - 4, 6, 0, Math.PI * 2);
    ctx.fillStyle = scene.colours.themes[i];
    ctx.fill();
    ctx.fillStyle = scene.colours.foreground;
    const name = theme.name.length > 30 ? `${theme.name.slice(0, 29)}…` : theme.name;
    ctx.fillText(`${name}  ${theme.count}`, x + 18, y);
  });
  if (scene.model.sampled && y + 28 < height) {
    ctx.fillStyle = scene.colours.muted;
    ctx.fillText(`A sample of ${scene.model.ids.length} of ${scene.model.total}`, x, y + 28);
  }
  return canvas;
}
