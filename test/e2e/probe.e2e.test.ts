// The hostile probe's second round (issue 17) where a person sees it: the real workbench
// (code-server + Chromium) on a workspace holding test/fixtures/hostile/probe.papers.txt. The
// view title says the grouping, and fits beside the view's buttons, filtered or not; the summary
// panel shows where a lying link leads, opens links only through VS Code's opener (which asks)
// and wraps a 20,000-character title; pickers show `$(icon)` text as text and count "1 paper".
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openPaperShelf, openWorkbench, runCommand, screenshot, type Workbench } from './harness';
import { quickInputBox, quickPickRows, summaryFrameShowing, until } from './editorUi';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PROBE_FILE = path.join(ROOT, 'test', 'fixtures', 'hostile', 'probe.papers.txt');
const LYING_LINK = '2511.90030';
const LONG_TITLE = '2511.90008';
const ICONS = '2511.90007';
const USER_THEME = '2511.90010';

async function openSummary(page: Page, id: string): Promise<Frame> {
  await runCommand(page, 'Paper Shelf: Open Summary');
  await quickInputBox(page).fill(id);
  await quickPickRows(page).filter({ hasText: id }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  return summaryFrameShowing(page, id);
}

/**
 * The side bar's title as shown (VS Code writes the container and the single view's title there),
 * or '' while it is cut short by an ellipsis.
 */
async function sidebarTitle(page: Page): Promise<string> {
  const label = page.locator('.part.sidebar .composite.title .title-label h2').first();
  const fits = await label
    .evaluate((h2: { scrollWidth: number; clientWidth: number }) => h2.scrollWidth <= h2.clientWidth)
    .catch(() => false);
  return fits ? ((await label.textContent()) ?? '').trim() : '';
}

describe('e2e: the hostile probe, second round (issue 17)', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench({ files: { 'probe.papers.txt': PROBE_FILE } });
    const pane = await openPaperShelf(wb.page);
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('the view title says how the papers are grouped (defect 11)', async () => {
    const page = wb!.page;
    await until('the title by theme', async () => /paper shelf: by theme/i.test(await sidebarTitle(page)));
    await runCommand(page, 'Paper Shelf: Group by Month');
    await until('the title by month', async () => /paper shelf: by month/i.test(await sidebarTitle(page)));
    await runCommand(page, 'Paper Shelf: Show as Flat List');
    await until('the title of the flat list', async () => /paper shelf: flat list/i.test(await sidebarTitle(page)));
    await screenshot(page, 'probe-view-title-flat');
    await runCommand(page, 'Paper Shelf: Group by Theme');
    await until('the title by theme again', async () => /paper shelf: by theme/i.test(await sidebarTitle(page)));
    // A filter swaps the view's Filter button for Clear Filter: the title still fits beside them.
    await runCommand(page, 'Paper Shelf: Filter Papers…');
    await quickInputBox(page).fill('theme');
    await page.keyboard.press('Enter');
    const clear = page.locator('.part.sidebar .title-actions a[aria-label="Clear Filter"]');
    await clear.waitFor({ state: 'visible', timeout: 30_000 });
    await until('the title by theme while filtered', async () =>
      /paper shelf: by theme/i.test(await sidebarTitle(page)),
    );
    await screenshot(page, 'probe-view-title-filtered');
    await clear.click();
    await page.locator('.part.sidebar .title-actions a[aria-label="Filter Papers…"]').waitFor({ state: 'visible' });
    await until('the title by theme unfiltered', async () => /paper shelf: by theme/i.test(await sidebarTitle(page)));
  });

  it('the summary panel shows where a lying link leads, and opens it only through VS Code, which asks (defect 4)', async () => {
    const page = wb!.page;
    const frame = await openSummary(page, LYING_LINK);
    const summary = await frame.evaluate<string>(`document.querySelector('.summary')?.textContent ?? ''`);
    assert.match(summary, /https:\/\/arxiv\.org\/pdf\/2511\.90030\s*\(https:\/\/evil\.example\/phish\)/, summary);
    const pagesBefore = page.context().pages().length;
    await frame.locator('.summary a', { hasText: 'https://arxiv.org/pdf/2511.90030' }).click();
    // VS Code's opener asks before opening a site the user has not trusted, naming the real host.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await dialog.textContent()) ?? '', /evil\.example/);
    await screenshot(page, 'probe-link-prompt');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The page did not navigate, and nothing was opened.
    assert.equal(await frame.evaluate<string | null>(`document.body.getAttribute('data-paper-id')`), LYING_LINK);
    assert.equal(page.context().pages().length, pagesBefore);
  });

  it('a 20,000-character title wraps in the panel instead of widening it (defect 8)', async () => {
    const page = wb!.page;
    const frame = await openSummary(page, LONG_TITLE);
    // Measured once the stylesheet applies (the page's CSS loads after its HTML).
    const measure = () =>
      frame.evaluate<{ page: [number, number]; title: [number, number] }>(`({
        page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
        title: [document.querySelector('h1').scrollWidth, document.querySelector('h1').clientWidth],
      })`);
    const fits = (m: { page: [number, number]; title: [number, number] }) =>
      m.page[0] <= m.page[1] + 1 && m.title[0] <= m.title[1] + 1;
    let last = await measure();
    await until('the title to wrap', async () => fits((last = await measure())), 15_000).catch(() => undefined);
    assert.ok(fits(last), `page ${last.page.join(' > ')}, title ${last.title.join(' > ')}`);
  });

  it('pickers show $(icon) text as text, and the Move to Theme picker counts "1 paper" (defects 6, 12)', async () => {
    const page = wb!.page;
    await runCommand(page, 'Paper Shelf: Find Paper…');
    await quickInputBox(page).fill(ICONS);
    const row = quickPickRows(page).filter({ hasText: ICONS }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await row.locator('.codicon-alert, .codicon-gear, .codicon-shield, .codicon-check').count(), 0);
    // The theme `$(alert)` is its text in the description (the title's `$...$` is TeX math).
    assert.match((await row.textContent()) ?? '', /· \$\(alert\)/);
    await page.keyboard.press('Escape');

    await runCommand(page, 'Paper Shelf: Move to Theme…');
    await quickInputBox(page).fill(USER_THEME);
    await quickPickRows(page).filter({ hasText: USER_THEME }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-title', { hasText: 'to Theme' }).waitFor({ state: 'visible', timeout: 30_000 });
    // The list is longer than the picker shows (the shipped themes come first, and a list renders
    // only the rows in view), so the theme is found the way a person finds it: by typing.
    await quickInputBox(page).fill('My Own');
    const own = quickPickRows(page).filter({ hasText: 'My Own Theme' }).first();
    await own.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await own.textContent()) ?? '', /(^|\D)1 paper(?!s)/);
    await screenshot(page, 'probe-move-to-theme');
    // VS Code leaves `$(…)` text out when it matches what is typed, so this one is found in the
    // whole list: Up from the top row goes to the end of the list, where the user's themes are.
    await quickInputBox(page).fill('');
    await page.keyboard.press('ArrowUp');
    const alert = quickPickRows(page).filter({ hasText: '$(alert)' }).first();
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await alert.locator('.codicon-alert').count(), 0, 'the theme named $(alert) is not an icon');
    await page.keyboard.press('Escape');
  });
});
