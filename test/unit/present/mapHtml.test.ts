import * as assert from 'node:assert/strict';
import { mapPage } from '../../../src/core/present/mapHtml';

describe('map page', () => {
  const html = mapPage({
    cspSource: 'https://webview.example',
    styleUri: 'https://webview.example/media/map.css',
    scriptUri: 'https://webview.example/dist/webview/map.js?a="b"',
    nonce: 'n0nce',
  });

  it('runs under the summary panel strict policy: nothing by default, one script by nonce', () => {
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '').replace(
      /&#39;/g,
      "'",
    );
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-n0nce'/);
    assert.match(csp, /style-src https:\/\/webview\.example;/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [
      '<script nonce="n0nce" src="https://webview.example/dist/webview/map.js?a=&quot;b&quot;">',
    ]);
    assert.doesNotMatch(html, /\son\w+=|style="/);
  });

  it('gives the map, the legend and the timeline their keyboard stops and labels', () => {
    assert.match(html, /<div id="map" class="map" tabindex="0" role="application"[^>]*aria-label="Map of the papers\./);
    assert.match(html, /<div id="timeline" class="timeline-plot" tabindex="0" role="slider"/);
    assert.match(html, /<ul id="legend"><\/ul>/);
    assert.match(html, /<p id="point-label" class="visually-hidden" aria-live="polite">/);
  });
});
