// The map's part of `npm run bench`: time to a drawn map on generated shelves. For each size:
//   layout   building the map model in Node (text vectors, theme anchors, positions, timeline),
//   svg      writing the standalone SVG from it (what `paper-shelf map` adds),
//   firstDraw  in headless Chromium, the panel's real page (media/map.css, dist/webview/map.js)
//            from receiving the model to the end of its first canvas draw (spatial index, legend,
//            timeline, all points), measured inside the page,
//   redraw   the page's draw time per frame while zooming with the wheel (median and p95 of 20).
// The extension host's postMessage hop is not in it (the page is opened as a file with a stub
// of acquireVsCodeApi); drawn = layout + firstDraw is the time to a drawn map.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMapModel, MAX_MAP_POINTS } from '../src/core/map/mapModel';
import { mapSvg } from '../src/core/map/svg';
import { mapPage } from '../src/core/present/mapHtml';
import { buildShelf } from '../src/core/shelf/shelfFactory';
import type { ShelfEntry } from '../src/core/model/types';

export interface MapBenchResult {
  papers: number;
  points: number;
  layoutMs: number;
  svgMs: number;
  svgMB: number;
  firstDrawMs?: number;
  drawnMs?: number;
  redrawMedianMs?: number;
  redrawP95Ms?: number;
  error?: string;
}

/** The generated collection file at `file` as shelf entries, themed by the shipped taxonomy. */
export function entriesOf(file: string, root: string): ShelfEntry[] {
  const { shelf } = buildShelf({
    collections: [{ file, text: fs.readFileSync(file, 'utf8') }],
    taxonomy: { file: 'seeds/themes.json', text: fs.readFileSync(path.join(root, 'seeds', 'themes.json'), 'utf8') },
  });
  return [...shelf.entries()];
}

function page(root: string, dir: string): string {
  const html = mapPage({
    cspSource: 'file:',
    styleUri: `file://${path.join(root, 'media', 'map.css')}`,
    scriptUri: `file://${path.join(root, 'dist', 'webview', 'map.js')}`,
    nonce: 'bench',
  })
    .replace('<body>', '<body class="vscode-dark">')
    .replace(
      '<script nonce="bench"',
      `<script nonce="bench" src="file://${path.join(dir, 'stub.js')}"></script>\n  <script nonce="bench"`,
    );
  fs.writeFileSync(
    path.join(dir, 'stub.js'),
    'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });\n',
  );
  const file = path.join(dir, 'map.html');
  fs.writeFileSync(file, html);
  return file;
}

export async function mapBench(
  files: { size: number; file: string }[],
  root: string,
  log: (m: string) => void,
): Promise<MapBenchResult[]> {
  const out: MapBenchResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-map-bench-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require(path.join(root, 'scripts', 'lib', 'testHost.js')) as typeof import('../scripts/lib/testHost');
  let browser: Awaited<ReturnType<typeof host.launchChromium>> | undefined;
  try {
    browser = await host.launchChromium();
  } catch (err) {
    log(`map: no Chromium (${String(err)}); first draw not measured`);
  }
  const url = `file://${page(root, dir)}`;
  for (const { size, file } of files) {
    log(`map: ${size.toLocaleString('en')} papers`);
    const entries = entriesOf(file, root);
    let started = performance.now();
    const model = buildMapModel(entries, { fallbackTheme: 'Other', maxPoints: MAX_MAP_POINTS });
    const layoutMs = performance.now() - started;
    started = performance.now();
    const svg = mapSvg(model, { fallbackTheme: 'Other' });
    const svgMs = performance.now() - started;
    const result: MapBenchResult = {
      papers: entries.length,
      points: model.ids.length,
      layoutMs: Math.round(layoutMs),
      svgMs: Math.round(svgMs),
      svgMB: Math.round((svg.length / 1e6) * 10) / 10,
    };
    if (browser) {
      try {
        const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        const errors: string[] = [];
        tab.on('pageerror', (e) => errors.push(String(e)));
        await tab.goto(url);
        // Functions run in the page are written as text: this project's Node code has no DOM types.
        await tab.evaluate(`window.__model = ${JSON.stringify({ type: 'model', model, fallbackTheme: 'Other' })}`);
        const firstDrawMs = await tab.evaluate<number>(`(async () => {
          const map = document.getElementById('map');
          const t0 = performance.now();
          window.postMessage(window.__model, '*');
          await new Promise((resolve) => {
            const check = () => (map.dataset.draws ? resolve() : requestAnimationFrame(check));
            check();
          });
          return performance.now() - t0;
        })()`);
        const box = (await tab.locator('#map').boundingBox())!;
        const draws: number[] = [];
        for (let i = 0; i < 20; i++) {
          await tab.mouse.move(box.x + box.width * (0.3 + i / 50), box.y + box.height / 2);
          await tab.mouse.wheel(0, i < 10 ? -120 : 120);
          await tab.waitForFunction(`Number(document.getElementById('map').dataset.draws) > ${i + 1}`);
          draws.push(Number(await tab.locator('#map').getAttribute('data-draw-ms')));
        }
        draws.sort((a, b) => a - b);
        if (errors.length) result.error = errors.join('; ');
        Object.assign(result, {
          firstDrawMs: Math.round(firstDrawMs),
          drawnMs: Math.round(layoutMs + firstDrawMs),
          redrawMedianMs: draws[10],
          redrawP95Ms: draws[18],
        });
        await tab.close();
      } catch (err) {
        result.error = String(err);
      }
    }
    out.push(result);
  }
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

export function mapTable(results: readonly MapBenchResult[]): string {
  const rows = results.map(
    (r) =>
      `${r.papers.toLocaleString('en').padStart(8)} ${r.points.toLocaleString('en').padStart(7)} ${String(r.layoutMs).padStart(8)} ${String(r.firstDrawMs ?? '?').padStart(10)} ${String(r.drawnMs ?? '?').padStart(7)} ${String(r.redrawMedianMs ?? '?').padStart(7)}/${String(r.redrawP95Ms ?? '?').padEnd(6)} ${String(r.svgMs).padStart(6)} ${String(r.svgMB).padStart(6)}${r.error ? `  (${r.error})` : ''}`,
  );
  return [
    'map:   papers  points layout-ms first-draw drawn-ms redraw med/p95 svg-ms svg-MB',
    ...rows.map((r) => `     ${r}`),
  ].join('\n');
}
