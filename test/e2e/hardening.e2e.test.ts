// The summary webview in a real browser: a paper whose title, authors and summary carry script
// tags, event handlers, javascript: links and tracking images is opened in the real workbench
// (code-server + Chromium). Nothing may execute (no dialog, no console marker), nothing may be
// fetched (no request to the hostile host or with the marker), the text is shown literally, and
// the Content Security Policy in force in the page is the strict one, and is enforced.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openPaperShelf, openWorkbench, runCommand, screenshot, type Workbench } from './harness';
import { summaryFrameShowing } from './editorUi';
import { parseCollection } from '../../src/core/collection/collection';
import { texToPlainLine } from '../../src/core/tex/texText';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile', 'hostile.papers.txt');
const MARKER = 'PSXPWN';
const ID = '2501.10001';

/** The summary page's frame once it shows the hostile paper; a screenshot when it never does. */
async function summaryFrame(page: Page): Promise<Frame> {
  return summaryFrameShowing(page, ID).catch(async (err: unknown) => {
    await screenshot(page, 'hostile-summary-missing').catch(() => undefined);
    const frames = page.frames().map((f) => f.url().slice(0, 120));
    throw new Error(`${String(err)}; frames: ${frames.join(', ')}`);
  });
}

describe('e2e: hostile text in the summary webview', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  const dialogs: string[] = [];
  const consoleHits: string[] = [];
  const requests: string[] = [];
  const failed: string[] = [];

  before(async () => {
    wb = await openWorkbench({ files: { 'hostile.papers.txt': HOSTILE } });
    const page = wb.page;
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    page.on('console', (m) => {
      if (m.text().includes(MARKER)) consoleHits.push(m.text());
    });
    const hostile = (url: string) => url.includes(MARKER) || /evil\.example/.test(url) || url.startsWith('javascript:');
    page.context().on('request', (r) => {
      if (hostile(r.url())) requests.push(r.url());
    });
    page.context().on('requestfailed', (r) => {
      if (hostile(r.url())) failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('opens the summary of the hostile paper: the text is literal and nothing runs or loads', async () => {
    const page = wb!.page;
    // The side bar first: it activates the extension, and the shelf loads the hostile file.
    const pane = await openPaperShelf(page);
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    await runCommand(page, 'Paper Shelf: Open Summary');
    const input = page.locator('.quick-input-widget input');
    await input.fill(ID);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Script Tags In A Title' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Enter');

    const frame = await summaryFrame(page);
    const paper = parseCollection(fs.readFileSync(HOSTILE, 'utf8')).papers.find((p) => p.id === ID)!;
    const shown = await frame.evaluate<{
      title: string;
      summary: string;
      authors: string[];
      scripts: { src: string | null; nonce: boolean }[];
      scriptText: string;
      active: number;
      pwned: boolean;
    }>(`({
      title: document.querySelector('h1#paper-title')?.textContent ?? '',
      summary: document.querySelector('.summary')?.textContent ?? '',
      authors: [...document.querySelectorAll('dd')].map((d) => d.textContent ?? ''),
      scripts: [...document.body.querySelectorAll('script')].map((s) => ({ src: s.getAttribute('src'), nonce: s.nonce !== '' })),
      scriptText: [...document.querySelectorAll('script')].map((s) => s.textContent ?? '').join(' '),
      active: document.querySelectorAll('main img, main iframe, main svg, main object, main embed, main [onerror], main [onload], main [onclick], main [onmouseover], main [style]').length,
      pwned: window.${MARKER} !== undefined,
    })`);
    assert.equal(shown.title, texToPlainLine(paper.title), 'the title is shown as text');
    assert.ok(shown.title.startsWith(`<script>window.${MARKER}=1;`));
    assert.ok(shown.summary.includes('<iframe src="https://evil.example/'), 'the summary markup is shown as text');
    assert.ok(
      shown.authors.some((a) => a.includes(`<script>alert('${MARKER}-author')</script>`)),
      shown.authors.join(' | '),
    );
    // VS Code injects its own webview script into the head; the page's body holds only panel.js.
    assert.equal(shown.scripts.length, 1, 'only the panel script');
    assert.ok(!shown.scriptText.includes(MARKER), 'no script holds paper text');
    assert.ok(shown.scripts[0]!.src?.endsWith('panel.js') && shown.scripts[0]!.nonce, JSON.stringify(shown.scripts));
    assert.equal(shown.active, 0, 'no element or attribute from the paper text');
    assert.equal(shown.pwned, false);

    // Give anything that might fire (onerror, onload, a fetch) time to do so.
    await page.waitForTimeout(2_000);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(consoleHits, []);
    assert.deepEqual(requests, []);
  });

  it('the page carries the strict Content Security Policy, and the browser enforces it', async () => {
    const frame = await summaryFrame(wb!.page);
    const csp = await frame.evaluate<string>(
      `document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? ''`,
    );
    const directives = new Map(
      csp
        .split(';')
        .map((d: string) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.equal(directives.get('script-src')?.length, 1);
    assert.match(directives.get('script-src')![0]!, /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
    // Enforcement: an inline script and an image from elsewhere, added now, are blocked and reported.
    const outcome = await frame.evaluate<{ ran: boolean; violations: string[] }>(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__${MARKER}_inline = 1;';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.src = 'https://evil.example/${MARKER}-csp.png';
      document.body.appendChild(img);
      await new Promise((r) => setTimeout(r, 500));
      return { ran: window.__${MARKER}_inline === 1, violations };
    })()`);
    assert.equal(outcome.ran, false, 'the inline script did not run');
    assert.ok(
      outcome.violations.some((v) => v.startsWith('script-src')),
      outcome.violations.join(', '),
    );
    assert.ok(
      outcome.violations.some((v) => v.startsWith('img-src')),
      outcome.violations.join(', '),
    );
    // Chromium announces the image request and then fails it for the CSP (the host is never
    // contacted: the failure is the policy's, not a DNS error).
    await wb!.page.waitForTimeout(500);
    assert.deepEqual(requests, [`https://evil.example/${MARKER}-csp.png`]);
    assert.equal(failed.length, 1, failed.join(', '));
    assert.match(failed[0]!, /ERR_BLOCKED_BY_CSP|csp/i);
  });
});
