/**
 * The e2e harness: Paper Shelf loaded in a real VS Code (code-server 1.100.3's web workbench)
 * driven through Playwright in Debian's Chromium. e2e tests are plain mocha files
 * `test/e2e/**\/*.test.ts`, run by `npm test` (the e2e stage) after the build, or alone with
 * `npm run test:e2e`.
 *
 * API
 *   openWorkbench(options?) -> Promise<Workbench>
 *     Starts code-server on 127.0.0.1 (free port, throw-away user data, no marketplace) with the
 *     extension under development loaded (extensionDevelopmentPath = the repo; run
 *     `npm run build` first, npm test does), opens a temp copy of test/fixtures/workspace/ in
 *     Chromium and waits until the workbench is up. Options:
 *       workspace?: string                 open this folder instead of a fixture copy (not deleted)
 *       settings?: Record<string, unknown> user settings on top of quiet test defaults
 *       viewport?: { width, height }       default 1400 x 900
 *       restricted?: true                  Restricted Mode: workspace trust on, nothing trusted ahead
 *                                          of time (no start-up prompt), and the fixture copy gets
 *                                          test/fixtures/untrusted/ over it (a .vscode/settings.json
 *                                          pointing outside the folder, and ../outside/ beside it)
 *   Workbench
 *     page: Page            the workbench page (playwright-core's Page)
 *     workspace: string     the opened folder on disk (a temp copy: safe to write into)
 *     serverUrl: string
 *     close(): Promise<void>  closes the browser, ends code-server's process group and removes
 *                             every temp folder; call it in after() (safe to call twice)
 *   openPaperShelf(page) -> Promise<Locator>
 *     Clicks the Paper Shelf activity-bar item (unless already open) and returns the Papers
 *     view's pane (its rows: pane.locator('.monaco-list-row')).
 *   runCommand(page, title) -> Promise<void>
 *     Runs a command by its palette title, e.g. 'Paper Shelf: Find Paper...'.
 *   screenshot(page, name) -> Promise<string>
 *     Saves `<name>.png` under test-results/screenshots/ (or docs/screenshots/ when
 *     PAPER_SHELF_UPDATE_SCREENSHOTS=1, to refresh the README's pictures); returns the path.
 *
 * Example
 *   let wb: Workbench;
 *   before(async () => { wb = await openWorkbench(); });
 *   after(async () => { await wb?.close(); });
 *   it('shows the shelf', async () => { const pane = await openPaperShelf(wb.page); ... });
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type * as TestHost from '../../scripts/lib/testHost';

// Compiled to out/test/e2e/: the repo root is three levels up.
const repoRoot = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require(path.join(repoRoot, 'scripts', 'lib', 'testHost.js')) as typeof TestHost;

/** An open workbench, for the report added to a failed test: what the person would have seen. */
interface OpenWorkbench {
  readonly page: Page;
  readonly userDataDir: string;
  /** The page's last console errors (the workbench's own and its webviews'). */
  readonly errors: string[];
}
const opened = new Set<OpenWorkbench>();

export interface WorkbenchOptions {
  workspace?: string;
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  restricted?: boolean;
  /** Files added to the workbench's own copy of the fixture workspace: name there → source path. */
  files?: Record<string, string>;
}

export interface Workbench {
  readonly page: Page;
  readonly workspace: string;
  readonly serverUrl: string;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run npm run build first');
  }
  const ownWorkspace = options.workspace === undefined;
  const workspace =
    options.workspace ??
    host.copyFixtureWorkspace(options.restricted ? path.join(repoRoot, 'test', 'fixtures', 'untrusted') : undefined);
  if (options.files && !ownWorkspace) throw new Error('openWorkbench: files go into its own workspace copy only');
  for (const [name, source] of Object.entries(options.files ?? {})) fs.copyFileSync(source, path.join(workspace, name));
  // The folder opens in Restricted Mode as it would for a user, without the start-up modal.
  const trust = options.restricted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
    : {};
  let server: TestHost.CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof TestHost.launchChromium>> | undefined;
  let closed = false;
  let watched: OpenWorkbench | undefined;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (watched) opened.delete(watched);
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (ownWorkspace) host.removeWorkspaceCopy(workspace);
  };
  try {
    server = await host.startCodeServer({
      settings: { ...host.testSettings, ...trust, ...options.settings },
      workspaceTrust: options.restricted,
    });
    browser = await host.launchChromium({ headless: !process.env.PAPER_SHELF_HEADED });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));
    const seen: OpenWorkbench = { page, userDataDir: server.userDataDir, errors: [] };
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      seen.errors.push(message.text().slice(0, 240));
      if (seen.errors.length > 6) seen.errors.shift();
    });
    opened.add((watched = seen));
    await page.goto(host.workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: repoRoot }));
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    const serverUrl = server.url;
    return { page, workspace, serverUrl, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export async function openPaperShelf(page: Page): Promise<Locator> {
  const item = page.locator('.part.activitybar .action-item:has(a[aria-label^="Paper Shelf"])');
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  // Clicking an already-open container closes the side bar: only click when it is not selected.
  if ((await item.getAttribute('aria-selected')) !== 'true') {
    await item.locator('a').click();
    // Park the pointer over the editor area so the activity bar's hover does not linger.
    const editor = await page.locator('.part.editor').boundingBox();
    if (editor) await page.mouse.move(editor.x + editor.width * 0.9, editor.y + editor.height * 0.9);
  }
  // With one view the pane's header is merged into the side bar's title and hidden: wait for the
  // pane itself (its header's label is the view's title, which names the grouping: "By Theme").
  const pane = page.locator('[id="workbench.view.extension.paperShelf"] .pane:has(.pane-header)').first();
  await pane.waitFor({ state: 'visible', timeout: 30_000 });
  // The side bar shows a progress bar while the extension activates and the view first resolves.
  await page
    .locator('.part.sidebar .monaco-progress-container.active')
    .first()
    .waitFor({ state: 'hidden', timeout: 30_000 })
    .catch(() => undefined);
  return pane;
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await leaveWebview(page);
  // With the keyboard in a webview, the workbench may hand the focus back to the webview just
  // after F1 opened the palette, which then closes: as a person would, press F1 again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/**
 * With the keyboard in a webview (the summary panel, the map), the workbench hands it back to the
 * webview once the palette closes, and late: after the command's own picker opened, which then
 * loses the focus and closes. As a person clicks back into the workbench first, the keyboard goes
 * to the side bar's list (no row is clicked, so nothing is opened or selected).
 */
async function leaveWebview(page: Page): Promise<void> {
  const inWebview = () => page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
  const list = page.locator('.part.sidebar .monaco-list').first();
  if (!(await inWebview()) || !(await list.count())) return;
  await list.focus();
  for (const started = Date.now(); await inWebview();) {
    if (Date.now() - started > 10_000) throw new Error('The keyboard stayed in the webview');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.PAPER_SHELF_UPDATE_SCREENSHOTS
    ? path.join(repoRoot, 'docs', 'screenshots')
    : path.join(repoRoot, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The newest lines of Paper Shelf's own log (its output channel's file in the user data dir). */
function extensionLogTail(userDataDir: string, lines: number): string[] {
  const logs: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of names) {
      const full = path.join(dir, d.name);
      if (d.isDirectory() && depth < 6) walk(full, depth + 1);
      else if (d.isFile() && /Paper Shelf\.log$/.test(d.name)) logs.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'), 0);
  const newest = logs.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!newest) return ['(no Paper Shelf log yet)'];
  return fs.readFileSync(newest, 'utf8').trimEnd().split('\n').slice(-lines);
}

/**
 * What the workbench showed when a test failed, in a few lines: the editor tabs, the webviews and
 * whether they loaded, the notifications, the page's last console errors and the extension's log.
 */
async function workbenchReport(open: OpenWorkbench): Promise<string> {
  const shown = await open.page
    .evaluate(() => {
      const texts = (selector: string) =>
        Array.from(document.querySelectorAll(selector)).map((e) => (e.textContent ?? '').trim().slice(0, 120));
      return {
        tabs: texts('.tabs-container .tab .label-name'),
        webviews: Array.from(document.querySelectorAll('iframe.webview')).map((e) => e.className),
        notifications: texts('.notifications-toasts .notification-list-item-message'),
        focus: `${document.activeElement?.tagName ?? '-'}.${document.activeElement?.className ?? ''}`.slice(0, 80),
      };
    })
    .catch((err: unknown) => ({ unreadable: String(err).slice(0, 200) }));
  return [
    `  workbench: ${JSON.stringify(shown)}`,
    ...open.errors.map((e) => `  console error: ${e}`),
    ...extensionLogTail(open.userDataDir, 8).map((l) => `  log: ${l.slice(0, 240)}`),
  ].join('\n');
}

// A failed e2e test says what the workbench showed, in its own failure message (the part of the
// run's output that is printed last): a timeout alone does not tell a lost click from a webview
// that never loaded.
if (typeof afterEach === 'function') {
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !test.err || !opened.size) return;
    const report = (await Promise.all([...opened].map(workbenchReport))).join('\n');
    // Mocha prints the stack's lines above its first frame as the message.
    const err = test.err;
    err.message = `${err.message}\n${report}`;
    const lines = (err.stack ?? '').split('\n');
    const frame = lines.findIndex((l) => /^\s+at\s/.test(l));
    lines.splice(frame < 0 ? lines.length : frame, 0, report);
    err.stack = lines.join('\n');
  });
}
