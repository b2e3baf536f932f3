// Proves the e2e harness end to end: the real workbench shows Paper Shelf's activity-bar
// container, and opening it reveals the Papers view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { openPaperShelf, openWorkbench, screenshot, type Workbench } from './harness';

describe('e2e: the Paper Shelf side bar in the real workbench', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('opens the Paper Shelf container from the activity bar and shows the Papers tree', async () => {
    const page = wb!.page;
    const pane = await openPaperShelf(page);
    // The view's title names the grouping (by theme, the default).
    assert.equal((await pane.locator('.pane-header h3.title').textContent())?.trim(), 'By Theme');
    // The side bar's title names the container (and the view, when it is the only one).
    const title = (await page.locator('.part.sidebar .composite.title h2').innerText()).trim();
    assert.match(title, /^Paper Shelf/i);
    assert.equal(
      await page
        .locator('.part.activitybar .action-item:has(a[aria-label^="Paper Shelf"])')
        .getAttribute('aria-selected'),
      'true',
    );
    // The view has a data provider: the shelf's theme groups appear as tree rows.
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await pane.getByText('There is no data provider registered').count(), 0);
    const file = await screenshot(page, 'shelf-sidebar');
    assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
  });
});
