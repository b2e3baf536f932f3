// A shelf from a field the shipped taxonomy does not cover (software testing, statistics, physics)
// in the real workbench: the Papers tree shows themes named from its own papers. Saves the
// README's screenshot docs/screenshots/shelf-discovered.png (with PAPER_SHELF_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { openPaperShelf, openWorkbench, screenshot, type Workbench } from './harness';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'themes');

function row(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: label }) }).first();
}

describe('e2e: themes discovered from a shelf outside machine learning', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  let folder: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-themes-'));
    fs.copyFileSync(path.join(FIXTURES, 'testing.papers.txt'), path.join(folder, 'testing.papers.txt'));
    fs.copyFileSync(path.join(FIXTURES, 'physics.papers.txt'), path.join(folder, 'physics.papers.txt'));
    wb = await openWorkbench({
      workspace: folder,
      settings: { 'paperShelf.showShippedPapers': false },
      viewport: { width: 1400, height: 860 },
    });
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('shows themes named from the papers, and a theme holds its own papers', async () => {
    const pane = await openPaperShelf(wb!.page);
    const flaky = row(pane, 'Flaky Tests');
    await flaky.waitFor({ state: 'visible', timeout: 90_000 });
    const themes = await pane.locator('.monaco-list-row[aria-level="1"] .label-name').allTextContents();
    for (const name of ['Group Testing', 'Mutation Testing', 'Fuzzing', 'Gravitational Waves'])
      assert.ok(themes.includes(name), themes.join(', '));
    assert.ok(!themes.includes('LLM Agents') && !themes.includes('AI for Science'), themes.join(', '));
    await flaky.click();
    await row(pane, 'DeFlaker').waitFor({ state: 'visible' });
    const file = await screenshot(wb!.page, 'shelf-discovered');
    assert.ok(fs.statSync(file).size > 20_000, `${file} looks empty`);
  });
});
