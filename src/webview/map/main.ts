// The map panel's page script: draws the model the extension host sends, and turns pointer and
// keyboard input into selection, zoom and "open this paper". Every text from the shelf is set
// with textContent (never as markup). Selection and zoom are kept with vscode.setState, so the
// panel comes back as it was after a window reload.
import Flatbush from 'flatbush';
import type { MapModel } from '../../core/map/mapModel';
import type { MapHostMessage, MapPageState } from '../../core/map/mapMessages';
import { drawMap, drawPicture, radiusAt, readColours, type Colours } from './draw';
import { Legend } from './legend';
import { monthName, Timeline } from './timeline';
import { View } from './view';

const vscode = acquireVsCodeApi<MapPageState>();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const mapElement = byId<HTMLDivElement>('map');
const canvas = byId<HTMLCanvasElement>('map-canvas');
const tooltip = byId<HTMLDivElement>('tooltip');
const status = byId<HTMLParagraphElement>('status');
const pointLabel = byId<HTMLParagraphElement>('point-label');
const view = new View();

let model: MapModel | undefined;
let fallbackTheme = '';
let colours: Colours | undefined;
let index: Flatbush | undefined;
let filter: { query?: string; ids: Set<string> } | undefined;
let strong: Uint8Array | undefined;
let focused: number | undefined;
let hovered: number | undefined;
let state: MapPageState = vscode.getState() ?? {};

const legend = new Legend(byId('legend'), () => {
  timeline.setThemes(legend.selectedIndexes());
  updateHighlight();
  save();
});
const timeline = new Timeline(byId('timeline'), byId('timeline-canvas'), (span) => {
  byId('timeline-span').textContent = span ? `· ${timeline.describe()}` : '';
  updateHighlight();
  save();
});

function save(): void {
  state = {
    themes: legend.selectedNames(),
    span: timeline.selected,
    focus: focused !== undefined && model ? model.ids[focused] : undefined,
    view: view.saved(),
  };
  vscode.setState(state);
}

let frame = 0;
function redraw(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const ctx = canvas.getContext('2d');
    if (!ctx || !model || !colours) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const started = performance.now();
    drawMap(ctx, view, { model, colours, strong, focused, hovered });
    placeTooltip();
    // What was drawn and how long it took: the benchmark and the e2e tests read these.
    mapElement.dataset.points = String(model.ids.length);
    mapElement.dataset.drawMs = (performance.now() - started).toFixed(1);
    mapElement.dataset.draws = String(Number(mapElement.dataset.draws ?? 0) + 1);
  });
}

function resize(): void {
  const rect = mapElement.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(rect.width * dpr));
  canvas.height = Math.max(1, Math.round(rect.height * dpr));
  canvas.style.width = `${rect.width}px`;
  canvas.style.height = `${rect.height}px`;
  view.resize(rect.width, rect.height);
  timeline.resize();
  redraw();
}

function setModel(next: MapModel, fallback: string): void {
  model = next;
  fallbackTheme = fallback;
  colours = readColours(model, fallbackTheme);
  index = undefined;
  if (model.ids.length) {
    index = new Flatbush(model.ids.length);
    for (let i = 0; i < model.ids.length; i++) index.add(model.x[i], model.y[i]);
    index.finish();
  }
  view.setBounds(model.x, model.y);
  view.restore(state.view);
  legend.setThemes(model.themes, colours.themes, state.themes ?? []);
  timeline.setData(model.timeline, colours);
  timeline.setThemes(legend.selectedIndexes());
  timeline.select(state.span, false);
  byId('timeline-span').textContent = timeline.selected ? `· ${timeline.describe()}` : '';
  const remembered = state.focus ? model.ids.indexOf(state.focus) : -1;
  focused = remembered >= 0 ? remembered : undefined;
  hovered = undefined;
  updateHighlight();
  resize();
}

/** Which points stand out: those passing every active selection (legend, time span, tree filter). */
function updateHighlight(): void {
  if (!model) return;
  const themes = legend.selectedIndexes();
  const span = timeline.selected;
  if (!themes.size && !span && !filter) strong = undefined;
  else {
    strong = new Uint8Array(model.ids.length);
    for (let i = 0; i < model.ids.length; i++) {
      const month = model.months[i];
      const pass =
        (!themes.size || themes.has(model.theme[i])) &&
        (!span || (month !== '' && month >= span[0] && month <= span[1])) &&
        (!filter || filter.ids.has(model.ids[i]));
      strong[i] = pass ? 1 : 0;
    }
  }
  showStatus();
  redraw();
}

function showStatus(): void {
  if (!model) return;
  const n = model.ids.length;
  const parts: string[] = [];
  parts.push(
    model.sampled
      ? `Showing a sample of ${n.toLocaleString('en')} of ${model.total.toLocaleString('en')} papers (the legend and the timeline count them all)`
      : `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'} in ${model.themes.length} ${model.themes.length === 1 ? 'theme' : 'themes'}`,
  );
  if (filter) parts.push(`filter “${filter.query ?? ''}”`);
  if (strong) {
    let k = 0;
    for (let i = 0; i < strong.length; i++) k += strong[i];
    parts.push(`${k.toLocaleString('en')} highlighted`);
  }
  status.textContent = parts.join(' · ');
}

function label(i: number): string {
  if (!model) return '';
  const month = model.months[i] ? monthName(model.months[i]) : 'month unknown';
  return `${model.titles[i]} — ${model.themes[model.theme[i]].name}, ${month}`;
}

/** The tooltip follows the hovered point, else the keyboard's. */
function placeTooltip(): void {
  const i = hovered ?? focused;
  if (i === undefined || !model) {
    tooltip.hidden = true;
    return;
  }
  const x = view.toScreenX(model.x[i]);
  const y = view.toScreenY(model.y[i]);
  if (focused !== undefined) {
    mapElement.dataset.focusX = String(Math.round(view.toScreenX(model.x[focused])));
    mapElement.dataset.focusY = String(Math.round(view.toScreenY(model.y[focused])));
  }
  tooltip.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = model.titles[i];
  const facts = document.createElement('span');
  facts.textContent = `${model.themes[model.theme[i]].name} · ${model.months[i] ? monthName(model.months[i]) : 'month unknown'} · ${model.ids[i]}`;
  tooltip.append(title, facts);
  tooltip.hidden = false;
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  const left = x + 14 + w > view.width ? x - 14 - w : x + 14;
  const top = y + 14 + h > view.height ? y - 14 - h : y + 14;
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${Math.max(4, top)}px`;
}

/** The drawn point under the pointer, if one is within a few pixels. */
function pointAt(sx: number, sy: number): number | undefined {
  if (!index || !model) return undefined;
  const [lx, ly] = view.toLayout(sx, sy);
  const reach = (radiusAt(model, view) + 4) / view.scale;
  const found = index.neighbors(lx, ly, 1, reach, (i) => !strong || strong[i] === 1);
  return found.length ? found[0] : index.neighbors(lx, ly, 1, reach)[0];
}

function setFocus(i: number | undefined, announce = true): void {
  focused = i;
  if (i !== undefined && model) {
    view.reveal(model.x[i], model.y[i]);
    if (announce) pointLabel.textContent = label(i);
  }
  save();
  redraw();
}

/** The nearest paper from the focused one in an arrow's direction (within 60° of it). */
function nearestInDirection(dx: number, dy: number): number | undefined {
  if (!index || !model) return undefined;
  if (focused === undefined) {
    const [cx, cy] = view.toLayout(view.width / 2, view.height / 2);
    return index.neighbors(cx, cy, 1, Infinity, (i) => !strong || strong[i] === 1)[0];
  }
  const from = focused;
  const x0 = model.x[from];
  const y0 = model.y[from];
  const cone = Math.cos(Math.PI / 3);
  const ahead = (i: number) => {
    if (i === from || (strong && strong[i] !== 1)) return false;
    const vx = model!.x[i] - x0;
    const vy = model!.y[i] - y0;
    const d = Math.hypot(vx, vy);
    return d > 0 && (vx * dx + vy * dy) / d >= cone;
  };
  return index.neighbors(x0, y0, 1, Infinity, ahead)[0];
}

function open(i: number | undefined): void {
  if (i !== undefined && model) vscode.postMessage({ type: 'open', id: model.ids[i] });
}

// Pointer: hover shows the tooltip, a click opens the summary, dragging pans, the wheel zooms.
let drag: { x: number; y: number; moved: boolean } | undefined;
mapElement.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  mapElement.setPointerCapture(e.pointerId);
  drag = { x: e.offsetX, y: e.offsetY, moved: false };
});
mapElement.addEventListener('pointermove', (e) => {
  if (drag) {
    const dx = e.offsetX - drag.x;
    const dy = e.offsetY - drag.y;
    if (drag.moved || Math.hypot(dx, dy) > 3) {
      drag.moved = true;
      view.panBy(dx, dy);
      drag.x = e.offsetX;
      drag.y = e.offsetY;
      hovered = undefined;
      redraw();
      return;
    }
  }
  const next = pointAt(e.offsetX, e.offsetY);
  if (next !== hovered) {
    hovered = next;
    mapElement.style.cursor = next === undefined ? 'grab' : 'pointer';
    redraw();
  }
});
mapElement.addEventListener('pointerup', (e) => {
  const wasDrag = drag?.moved;
  drag = undefined;
  if (wasDrag) return save();
  const i = pointAt(e.offsetX, e.offsetY);
  if (i !== undefined) {
    setFocus(i, false);
    open(i);
  }
});
mapElement.addEventListener('pointerleave', () => {
  if (hovered === undefined) return;
  hovered = undefined;
  redraw();
});
mapElement.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    view.zoomAt(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.offsetX, e.offsetY);
    hovered = pointAt(e.offsetX, e.offsetY);
    redraw();
    saveSoon();
  },
  { passive: false },
);
mapElement.addEventListener('dblclick', (e) => {
  view.zoomAt(2, e.offsetX, e.offsetY);
  redraw();
  save();
});

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function saveSoon(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, 250);
}

// Keyboard on the map: arrows from paper to nearest paper, Enter opens, +/- zoom, 0 fits.
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};
mapElement.addEventListener('keydown', (e) => {
  const arrow = ARROWS[e.key];
  if (arrow) {
    e.preventDefault();
    const next = nearestInDirection(arrow[0], arrow[1]);
    if (next !== undefined) setFocus(next);
    else if (focused !== undefined) pointLabel.textContent = `${label(focused)} (no paper further this way)`;
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    open(focused);
  } else if (e.key === '+' || e.key === '=') {
    view.zoomAt(1.5, view.width / 2, view.height / 2);
    redraw();
    save();
  } else if (e.key === '-') {
    view.zoomAt(1 / 1.5, view.width / 2, view.height / 2);
    redraw();
    save();
  } else if (e.key === '0') fit();
  else if (e.key === 'Escape') clearSelection();
});
mapElement.addEventListener('focus', () => {
  if (focused !== undefined) pointLabel.textContent = label(focused);
  redraw();
});

function fit(): void {
  view.fit();
  redraw();
  save();
}

function clearSelection(): void {
  legend.clear();
  timeline.select(undefined);
}

byId('fit').addEventListener('click', fit);
byId('clear').addEventListener('click', clearSelection);
byId('export-svg').addEventListener('click', () => exportAs('svg'));
byId('export-png').addEventListener('click', () => exportAs('png'));

function exportAs(format: 'svg' | 'png'): void {
  if (!model || !colours) return;
  if (format === 'svg') {
    const { themes, background, foreground, muted } = colours;
    vscode.postMessage({ type: 'exportSvg', colours: { themes, background, foreground, muted } });
    return;
  }
  const picture = drawPicture({ model, colours, strong }, view, 1600, 1000, 1);
  vscode.postMessage({ type: 'exportPng', dataUrl: picture.toDataURL('image/png') });
}

window.addEventListener('message', (event: MessageEvent<MapHostMessage>) => {
  const message = event.data;
  if (message.type === 'model') setModel(message.model, message.fallbackTheme);
  else if (message.type === 'filter') {
    filter = message.ids ? { query: message.query, ids: new Set(message.ids) } : undefined;
    updateHighlight();
  } else if (message.type === 'export') exportAs(message.format);
});

new ResizeObserver(resize).observe(mapElement);
// The colour theme changed: VS Code swaps the body's class and the CSS variables.
new MutationObserver(() => {
  if (!model) return;
  colours = readColours(model, fallbackTheme);
  legend.setColours(colours.themes);
  timeline.setColours(colours);
  redraw();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
