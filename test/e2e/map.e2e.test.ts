// The map panel in the real workbench: it opens from the Papers view, draws every paper, a click
// on a point opens that paper's summary, the legend and the timeline select, the keyboard walks
// from paper to paper and opens one, the tree's filter highlights its matches, it follows the
// colour theme, and nothing logs an error. Saves the README's light and dark screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { openPaperShelf, openWorkbench, runCommand, screenshot, type Workbench } from './harness';

/** The frame holding the map page once it has drawn. */
async function mapFrame(page: Page): Promise<Frame> {
  const end = Date.now() + 60_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const drawn = await frame.evaluate(() => document.getElementById('map')?.dataset.draws ?? null).catch(() => null);
      if (drawn) return frame;
    }
    if (Date.now() > end) {
      await screenshot(page, 'map-missing').catch(() => undefined);
      throw new Error('the map did not draw');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The summary panel's title, once it shows `title`. */
async function summaryShows(page: Page, title: string): Promise<void> {
  const end = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      const shown = await frame
        .evaluate(() => document.getElementById('paper-title')?.textContent?.trim() ?? null)
        .catch(() => null);
      if (shown === title) return;
    }
    assert.ok(Date.now() < end, `the summary of "${title}" did not open`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function status(frame: Frame): Promise<string> {
  return (await frame.locator('#status').textContent()) ?? '';
}

/** The focused paper's title, from the live label "Title — Theme, Month". */
async function focusedTitle(frame: Frame): Promise<string> {
  const label = (await frame.locator('#point-label').textContent()) ?? '';
  return label.slice(0, label.lastIndexOf(' — '));
}

describe('e2e: the map of the shelf', function () {
  this.timeout(300_000);
  let wb: Workbench | undefined;
  let frame: Frame;
  const errors: string[] = [];

  before(async () => {
    wb = await openWorkbench({
      viewport: { width: 1400, height: 860 },
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    wb.page.on('console', (m) => {
      const url = m.location().url;
      if (m.type() === 'error' && (/webview|map\.js|map\.css/.test(url) || /Content Security Policy/.test(m.text())))
        errors.push(`${url}: ${m.text()}`);
    });
    wb.page.on('pageerror', (e) => errors.push(String(e)));
  });
  after(async () => {
    await wb?.close();
  });

  it('opens from the Papers view and draws every paper with a legend of themes and sizes', async () => {
    const page = wb!.page;
    const pane = await openPaperShelf(page);
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    const button = page.locator('.part.sidebar .actions-container a[aria-label="Show Map"]');
    if (await button.count()) await button.first().click();
    else await runCommand(page, 'Paper Shelf: Show Map');
    frame = await mapFrame(page);
    assert.equal(await frame.locator('#map').getAttribute('data-points'), '50');
    assert.match(await status(frame), /^50 papers in \d+ themes$/);
    const items = frame.locator('#legend .legend-item');
    assert.ok((await items.count()) >= 6, `${await items.count()} legend items`);
    const first = ((await items.first().locator('.name').textContent()) ?? '').trim();
    const count = Number(await items.first().locator('.count').textContent());
    assert.ok(first && count >= 5, `${first}: ${count}`);
    await page.locator('.tabs-container .tab.active', { hasText: 'Map of the Shelf' }).waitFor({ state: 'visible' });
    await page.mouse.move(10, 850);
    const file = await screenshot(page, 'map-light');
    assert.ok(fs.statSync(file).size > 30_000, `${file} looks empty`);
  });

  it('walks from paper to nearest paper with the arrow keys and opens the summary with Enter', async () => {
    const page = wb!.page;
    await frame.locator('#map').focus();
    await page.keyboard.press('ArrowRight');
    const start = await focusedTitle(frame);
    assert.ok(start, 'the first arrow lands on a paper');
    const seen = new Set([start]);
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight']) {
      await page.keyboard.press(key);
      seen.add(await focusedTitle(frame));
    }
    assert.ok(seen.size >= 3, `the arrows visited ${[...seen].join(' | ')}`);
    const target = await focusedTitle(frame);
    await page.keyboard.press('Enter');
    await summaryShows(page, target);
  });

  it('opens the summary of the paper clicked on the map, after showing its title on hover', async () => {
    const page = wb!.page;
    frame = await mapFrame(page);
    await frame.locator('#map').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    const title = await focusedTitle(frame);
    const box = (await frame.locator('#map').boundingBox())!;
    const x = box.x + Number(await frame.locator('#map').getAttribute('data-focus-x'));
    const y = box.y + Number(await frame.locator('#map').getAttribute('data-focus-y'));
    await page.mouse.move(x, y);
    await frame.locator('#tooltip strong', { hasText: title }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.mouse.click(x, y);
    await summaryShows(page, title);
  });

  it('makes a theme stand out from the legend, Tab moving through the legend', async () => {
    const page = wb!.page;
    frame = await mapFrame(page);
    const items = frame.locator('#legend .legend-item');
    const second = items.nth(1);
    await items.first().focus();
    await page.keyboard.press('Tab');
    // Read the second item after the key: the legend may have been redrawn meanwhile (it keeps the focus).
    const name = ((await second.locator('.name').textContent()) ?? '').trim();
    const count = Number(await second.locator('.count').textContent());
    assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('data-theme')), name);
    await page.keyboard.press('Enter');
    assert.equal(await second.getAttribute('aria-pressed'), 'true');
    assert.match(await status(frame), new RegExp(`· ${count} highlighted$`));
    assert.equal(await items.first().getAttribute('aria-pressed'), 'false');
    await frame.locator('#clear').click();
    assert.equal(await second.getAttribute('aria-pressed'), 'false');
    assert.doesNotMatch(await status(frame), /highlighted/);
  });

  it('selects a span of months on the timeline from the keyboard', async () => {
    const page = wb!.page;
    const timeline = frame.locator('#timeline');
    await timeline.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    const text = (await timeline.getAttribute('aria-valuetext')) ?? '';
    const m = /^(\w{3} \d{4}) – (\w{3} \d{4}): (\d+) papers?$/.exec(text);
    assert.ok(m, text);
    assert.match(await status(frame), new RegExp(`· ${m[3]} highlighted$`));
    await page.keyboard.press('Escape');
    assert.doesNotMatch(await status(frame), /highlighted/);
  });

  it("highlights the tree filter's matches", async () => {
    const page = wb!.page;
    // The keyboard was last in the map's webview: the palette may take a moment to open from there.
    const input = page.locator('.quick-input-widget input');
    for (let attempt = 0; ; attempt++) {
      await runCommand(page, 'Paper Shelf: Filter Papers…');
      const prompt = page.locator('.quick-input-widget', { hasText: /filter/i }).first();
      if (
        await prompt.waitFor({ state: 'visible', timeout: 10_000 }).then(
          () => true,
          () => attempt > 0,
        )
      )
        break;
      await page.keyboard.press('Escape');
    }
    await input.fill('kv cache');
    await page.keyboard.press('Enter');
    await frame.locator('#status', { hasText: 'filter “kv cache”' }).waitFor({ timeout: 30_000 });
    const n = Number(/· (\d+) highlighted/.exec(await status(frame))?.[1]);
    assert.ok(n >= 1 && n < 50, `${n} highlighted`);
    await runCommand(page, 'Paper Shelf: Clear Filter');
    await frame.locator('#status', { hasText: /^50 papers in \d+ themes$/ }).waitFor({ timeout: 30_000 });
  });

  it('redraws for a changed shelf without taking the keyboard from the Command Palette', async () => {
    const page = wb!.page;
    frame = await mapFrame(page);
    // The keyboard was last on the legend; then the user opens the Command Palette and types.
    await frame.locator('#legend .legend-item').first().focus();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type('Paper Shelf');
    // Meanwhile a collection file arrives (a co-author's, a git pull): the map redraws.
    const late = path.join(wb!.workspace, 'late.papers.txt');
    fs.writeFileSync(late, 'Title: A Paper That Arrived Late\nPDF: https://arxiv.org/pdf/2401.00003\n---\n');
    try {
      await frame.locator('#status', { hasText: /^51 papers in \d+ themes$/ }).waitFor({ timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(await input.isVisible(), 'the Command Palette is still open');
      assert.equal(await input.evaluate((e) => e === document.activeElement), true, 'and has the keyboard');
      assert.equal(await input.inputValue(), '>Paper Shelf');
    } finally {
      await page.keyboard.press('Escape');
      fs.rmSync(late, { force: true });
    }
    await frame.locator('#status', { hasText: /^50 papers in \d+ themes$/ }).waitFor({ timeout: 60_000 });
  });

  it('follows the colour theme, and logs no error', async () => {
    const page = wb!.page;
    const before = await frame.evaluate(() => document.body.className);
    assert.match(before, /vscode-light/);
    // Light Modern's counterpart is Dark Modern (workbench.preferredDarkColorTheme's default).
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { timeout: 30_000 });
    // The legend's swatches take the dark theme's chart colours.
    const swatch = await frame.evaluate(
      () => getComputedStyle(document.querySelector('#legend .swatch') as HTMLElement).backgroundColor,
    );
    const chart = await frame.evaluate(() =>
      getComputedStyle(document.body).getPropertyValue('--vscode-charts-blue').trim(),
    );
    assert.ok(chart, 'the theme sets --vscode-charts-blue');
    // A theme selected, then one editor group again with the map in front: its page is made
    // anew (its context is not retained while hidden) and restores the selection it saved.
    const theme = frame.locator('#legend .legend-item').nth(1);
    const name = await theme.getAttribute('data-theme');
    await theme.click();
    await runCommand(page, 'View: Join All Editor Groups');
    await page.locator('.tabs-container .tab', { hasText: 'Map of the Shelf' }).click();
    frame = await mapFrame(page);
    const restored = frame.locator(`#legend .legend-item[aria-pressed="true"]`);
    await restored.waitFor({ timeout: 10_000 });
    assert.equal(await restored.getAttribute('data-theme'), name);
    assert.match(await status(frame), /highlighted$/);
    await frame.locator('#map').focus();
    await page.mouse.move(10, 850);
    await new Promise((r) => setTimeout(r, 500));
    const file = await screenshot(page, 'map-dark');
    assert.ok(fs.statSync(file).size > 30_000, `${file} looks empty`);
    assert.ok(swatch.startsWith('rgb'), swatch);
    assert.deepEqual(errors, []);
  });
});
