// The map panel's page, as one HTML string: the frame the page script (dist/webview/map.js) draws
// into. No paper text is in it: titles and theme names reach the page as data and are set as text
// by the script, never as markup. Same Content Security Policy as the summary panel.
import { escapeHtml } from '../tex/texText';
import { pageHead } from './summaryHtml';

export interface MapPageInput {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri(...) of media/map.css and dist/webview/map.js, as strings. */
  styleUri: string;
  scriptUri: string;
  nonce: string;
}

export function mapPage(input: MapPageInput): string {
  return `${pageHead('Map of the shelf', input.cspSource, input.nonce, input.styleUri)}
<body>
  <header class="bar">
    <h1>Map of the shelf</h1>
    <p id="status" class="muted" role="status">Drawing the map…</p>
    <div class="tools" role="toolbar" aria-label="Map actions">
      <button type="button" id="fit" title="Show the whole map (0)">Fit</button>
      <button type="button" id="clear" title="Clear the theme and time selection (Escape)">Clear selection</button>
      <button type="button" id="export-svg" title="Save the map as an SVG file">Export SVG…</button>
      <button type="button" id="export-png" title="Save the map as a PNG image">Export PNG…</button>
    </div>
  </header>
  <div class="body">
    <div id="map" class="map" tabindex="0" role="application" aria-roledescription="map"
      aria-label="Map of the papers. Arrow keys move to the nearest paper in that direction, Enter opens its summary, plus and minus zoom, 0 shows the whole map."
      aria-describedby="point-label">
      <canvas id="map-canvas"></canvas>
      <div id="tooltip" class="tooltip" hidden></div>
    </div>
    <aside class="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Themes</h2>
      <ul id="legend"></ul>
    </aside>
  </div>
  <section class="timeline" aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Papers per month <span id="timeline-span" class="muted"></span></h2>
    <div id="timeline" class="timeline-plot" tabindex="0" role="slider" aria-roledescription="month range"
      aria-label="Timeline. Left and right arrows move the month, Shift with an arrow widens the span, Escape clears it."
      aria-valuemin="0" aria-valuemax="0" aria-valuenow="0">
      <canvas id="timeline-canvas"></canvas>
    </div>
  </section>
  <p id="point-label" class="visually-hidden" aria-live="polite"></p>
  <script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
