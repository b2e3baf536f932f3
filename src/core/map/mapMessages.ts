// Messages between the map panel's page (dist/webview/map.js) and the extension host. The page
// only names things (a paper id) or hands over what it drew (colours, a PNG); the host checks
// every message before acting on it.
import type { MapModel } from './mapModel';

/** Colours the page draws with, for an SVG export that looks like the panel. */
export interface PageColours {
  themes: string[];
  background: string;
  foreground: string;
  muted: string;
}

export type MapPageMessage =
  | { type: 'ready' }
  /** A click (or Enter) on a paper: open its summary. */
  | { type: 'open'; id: string }
  | { type: 'exportSvg'; colours: PageColours }
  /** The map drawn as the panel shows it, as a PNG data URL. */
  | { type: 'exportPng'; dataUrl: string };

export type MapHostMessage =
  | { type: 'model'; model: MapModel; fallbackTheme: string }
  /** The tree's filter: its query and the ids that match, or none when the tree is not filtered. */
  | { type: 'filter'; query?: string; ids?: string[] }
  /** The palette asked for an export: the page answers with exportSvg or exportPng. */
  | { type: 'export'; format: 'svg' | 'png' };

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** A PNG the page drew can be large (a big map at twice the pixels), but not without bound. */
export const MAX_PNG_DATA_URL_LENGTH = 64 * 1024 * 1024;

export function isMapPageMessage(value: unknown): value is MapPageMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'open':
      return typeof m.id === 'string' && m.id.length < 100;
    case 'exportSvg':
      return isColours(m.colours);
    case 'exportPng':
      return (
        typeof m.dataUrl === 'string' && m.dataUrl.length <= MAX_PNG_DATA_URL_LENGTH && PNG_DATA_URL.test(m.dataUrl)
      );
    default:
      return false;
  }
}

function isColours(value: unknown): value is PageColours {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    Array.isArray(c.themes) &&
    c.themes.every((t) => typeof t === 'string') &&
    typeof c.background === 'string' &&
    typeof c.foreground === 'string' &&
    typeof c.muted === 'string'
  );
}

/** What the page keeps through a window reload (vscode.setState), restored by the page itself. */
export interface MapPageState {
  /** Selected theme names in the legend. */
  themes?: string[];
  /** Selected span of months, 'YYYY-MM' both ends included. */
  span?: [string, string];
  /** The paper the keyboard is on. */
  focus?: string;
  /** Zoom relative to the whole map, and the layout point at the centre of the view. */
  view?: { zoom: number; x: number; y: number };
}
