import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, missingPage, summaryPage } from '../../../src/core/present/summaryHtml';
import type { ShelfEntry } from '../../../src/core/model/types';
import type { PublishedVersion } from '../../../src/core/published/crossrefWork';

const hostile = '<img src=x onerror="alert(1)">';

function entry(overrides: Partial<ShelfEntry['paper']> = {}): ShelfEntry {
  return {
    paper: {
      id: '2509.26346',
      version: 2,
      title: 'EditReward: A Human-Aligned Reward Model',
      summary: "We built \\mname, a ``reward'' model with **bold** claims and $x^2$ math.   A second paragraph.",
      pdfUrl: 'https://arxiv.org/pdf/2509.26346v2',
      authors: ['Ada Lovelace', 'Alan Turing'],
      categories: ['cs.CV', 'cs.LG'],
      tags: ['to-read'],
      extra: {},
      source: { file: '', line: 1, column: 1 },
      ...overrides,
    },
    key: 'lovelace2025editreward',
    theme: 'Image & Video Generation',
    month: '2025-09',
    sourceId: 'seeds',
    starred: false,
  };
}

const page = (
  e: ShelfEntry,
  actions = [{ command: 'paperShelf.openAbs', label: 'arXiv Page', description: 'Open the abstract page' }],
  published?: PublishedVersion,
) =>
  summaryPage({
    entry: e,
    published,
    actions,
    related: [
      { id: '2510.00438', title: 'BindWeave: Video <Generation>', theme: 'Image & Video Generation', month: '2025-10' },
    ],
    cspSource: 'https://webview.example',
    styleUri: 'https://webview.example/media/panel.css',
    scriptUri: 'https://webview.example/media/panel.js',
    nonce: 'abc123',
  });

describe('summary panel page', () => {
  it('shows the title, facts, readable summary paragraphs, actions and related papers', () => {
    const html = page(entry());
    assert.match(html, /<h1 id="paper-title">EditReward: A Human-Aligned Reward Model<\/h1>/);
    assert.match(html, /<dt>Submitted<\/dt><dd>September 2025<\/dd>/);
    assert.match(html, /<dt>Authors<\/dt><dd>Ada Lovelace, Alan Turing<\/dd>/);
    assert.match(html, /<code>cs\.CV<\/code> <code>cs\.LG<\/code>/);
    assert.match(
      html,
      /<p>We built EditReward, a “reward” model with <strong>bold<\/strong> claims and <span class="math">x²<\/span> math\.<\/p>\s*<p>A second paragraph\.<\/p>/,
    );
    assert.match(html, /<button type="button" class="primary" data-command="paperShelf\.openAbs"/);
    assert.match(html, /data-open="2510\.00438">BindWeave: Video &lt;Generation&gt;<\/button>/);
    assert.match(html, /<body data-paper-id="2509\.26346">/);
  });

  it('uses a strict policy: nothing by default, styles from the webview, scripts by nonce only', () => {
    const csp = contentSecurityPolicy('https://webview.example', 'abc123');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = page(entry());
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, ['<script nonce="abc123" src="https://webview.example/media/panel.js">']);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style="/, 'no inline styles');
  });

  it('escapes every piece of paper text', () => {
    const html = page({
      ...entry({
        title: hostile,
        summary: hostile,
        authors: [hostile],
        categories: [hostile],
        tags: [hostile],
        comment: hostile,
        journalRef: hostile,
      }),
      theme: hostile,
      key: hostile,
    });
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /onerror="/);
    assert.ok(html.split('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;').length > 8);
  });

  it('says the related papers are still being found while the index follows the shelf', () => {
    const html = summaryPage({
      entry: entry(),
      actions: [],
      related: undefined,
      cspSource: 'x',
      styleUri: 'x',
      scriptUri: 'x',
      nonce: 'n',
    });
    assert.match(html, /<p class="muted" role="status">Finding the related papers while the shelf is indexed…<\/p>/);
    assert.doesNotMatch(html, /No other paper on the shelf is close/);
    assert.doesNotMatch(html, /class="related"/);
  });

  it('leaves out what is unknown and says when there is no summary or related paper', () => {
    const html = summaryPage({
      entry: { ...entry({ authors: [], categories: [], tags: [], summary: '', version: undefined }), month: '' },
      actions: [],
      related: [],
      cspSource: 'x',
      styleUri: 'x',
      scriptUri: 'x',
      nonce: 'n',
    });
    assert.doesNotMatch(html, /<dt>Authors?<\/dt>|<dt>Categor|<dt>Submitted/);
    assert.doesNotMatch(html, /role="toolbar"/);
    assert.match(html, /no summary on the shelf/);
    assert.match(html, /No other paper on the shelf is close to this one/);
  });

  it('has a page for a paper that left the shelf', () => {
    const html = missingPage('<b>1234</b>', 'x', 'x', 'n');
    assert.match(html, /&lt;b&gt;1234&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<script/);
  });

  it('shows "Published in VENUE (YEAR)" with the DOI link, escaped', () => {
    const html = page(entry(), undefined, {
      type: 'inproceedings',
      doi: '10.5555/a<b>"c',
      title: 'T',
      authors: [],
      venue: 'Proc. <script>alert(1)</script> & Co',
      editors: [],
      year: '2021',
    });
    assert.match(
      html,
      /<dt>Published<\/dt><dd>in Proc\. &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co \(2021\) · <a href="https:\/\/doi\.org\/10\.5555\/a%3Cb%3E%22c">doi:10\.5555\/a&lt;b&gt;&quot;c<\/a><\/dd>/,
    );
    assert.doesNotMatch(html, /<script>alert/);
  });
});
