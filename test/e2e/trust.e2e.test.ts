// Workspace trust granted mid-session, in the real workbench (code-server + Chromium): the folder
// opens in Restricted Mode (test/fixtures/untrusted/ over the fixture workspace: its
// .vscode/settings.json names a shelf file and a bibliography in ../outside/). The shelf browses,
// and Add to Bibliography into ../outside/hostile.bib is refused with the reason. The user then
// trusts the folder through the Command Palette and the Workspace Trust editor's Trust button;
// without a reload, the workspace's shelf file takes effect (its paper is on the shelf) and the
// same command writes the entry into that .bib.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openPaperShelf, openWorkbench, runCommand, screenshot, type Workbench } from './harness';
import { goTo, openFile, quickInput, quickInputBox, quickPickRow, until, untilFile } from './editorUi';

const PAY_PER_SEARCH = { id: '2510.01152', title: 'Pay-Per-Search Models are Abstention Models' };
/** The paper only the workspace's shelf file (../outside/hostile.papers.txt) holds. */
const BERT = {
  id: '1810.04805',
  title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
};
const REFUSAL =
  'is outside the workspace, and this workspace is not trusted: Paper Shelf does not write there. Trust the workspace to add entries there.';

/** Runs Add to Bibliography… and picks the top result for `query` with Enter. */
async function addToBibliography(page: Page, query: string, title: string): Promise<void> {
  await runCommand(page, 'Paper Shelf: Add to Bibliography…');
  await quickInput(page)
    .locator('.quick-input-title', { hasText: 'Add to Bibliography' })
    .waitFor({ state: 'visible', timeout: 30_000 });
  await quickInputBox(page).fill(query);
  const top = quickPickRow(page, 0);
  await until(
    `"${title}" to be the highlighted top result`,
    async () =>
      (await top.textContent())?.includes(title) &&
      ((await top.getAttribute('class')) ?? '').split(' ').includes('focused'),
  );
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

const DRAFT =
  'A draft that builds on arXiv:1810.04805, with its bibliography outside the workspace.\n\\bibliography{../outside/hostile}\n';

/** Shows the hover (Ctrl+K Ctrl+I) on the BERT id in the draft and returns its text. */
async function bertHover(page: Page, editor: Locator, expect: string, timeout = 30_000): Promise<string> {
  await page.keyboard.press('Escape');
  await goTo(page, `1:${DRAFT.indexOf(BERT.id) + 4}`);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = editor.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  await hover.waitFor({ state: 'visible', timeout });
  const text = (await hover.textContent()) ?? '';
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });
  return text;
}

describe('e2e: Restricted Mode, then trusting the workspace without a reload', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  let outsideBib: string;
  let bibBefore: string;

  before(async () => {
    wb = await openWorkbench({ restricted: true, settings: { 'files.autoSave': 'off' } });
    outsideBib = path.join(wb.workspace, '..', 'outside', 'hostile.bib');
    bibBefore = fs.readFileSync(outsideBib, 'utf8');
    fs.writeFileSync(path.join(wb.workspace, 'trust.tex'), DRAFT);
  });
  after(async () => {
    await wb?.close();
  });

  it('in Restricted Mode: the shelf browses, and writing outside the workspace is refused with the reason', async () => {
    const page = wb!.page;
    const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await restricted.first().waitFor({ state: 'visible', timeout: 60_000 });
    const pane = await openPaperShelf(page);
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    const editor = await openFile(page, 'trust.tex');
    // The workspace's shelf file (outside the folder) is a restricted setting: not read, so the
    // paper only it holds is not on the shelf.
    const before = await bertHover(page, editor, 'not on your shelf');
    assert.ok(before.includes(`arXiv:${BERT.id}`) && !before.includes('BERT'), before);
    await addToBibliography(page, PAY_PER_SEARCH.id, PAY_PER_SEARCH.title);
    const toast = page.locator('.notifications-toasts .notification-toast', {
      hasText: 'this workspace is not trusted',
    });
    await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
    const said = ((await toast.first().locator('.notification-list-item-message').textContent()) ?? '').trim();
    assert.ok(said.startsWith('Paper Shelf: ') && said.includes('hostile.bib') && said.endsWith(REFUSAL), said);
    await screenshot(page, 'restricted-mode-refusal');
    assert.equal(fs.readFileSync(outsideBib, 'utf8'), bibBefore, 'nothing was written outside the workspace');
    await toast.first().hover();
    await toast.first().locator('.codicon-notifications-clear').click();
    await toast.first().waitFor({ state: 'detached' });
  });

  it('trusting the folder from the Workspace Trust editor turns the restricted settings and writes on, without a reload', async () => {
    const page = wb!.page;
    const loaded = await page.evaluate(() => performance.timeOrigin);
    await runCommand(page, 'Workspaces: Manage Workspace Trust');
    const trustEditor = page.locator('.workspace-trust-editor');
    await trustEditor.waitFor({ state: 'visible', timeout: 30_000 });
    await trustEditor.getByRole('button', { name: 'Trust', exact: true }).click();
    await page
      .locator('.statusbar-item', { hasText: 'Restricted Mode' })
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await page.evaluate(() => performance.timeOrigin), loaded, 'the window was not reloaded');
    await page.keyboard.press('Control+W');

    // The workspace's shelf file now applies: its paper joins the shelf.
    const editor = await openFile(page, 'trust.tex');
    const after = await until(
      'the hover to show the paper from the shelf file',
      () => bertHover(page, editor, BERT.title, 5_000).catch(() => undefined),
      60_000,
    );
    assert.ok(!after.includes('not on your shelf'), after);
    // And the same command now writes into the .bib outside the folder, keeping what it held.
    await addToBibliography(page, PAY_PER_SEARCH.id, PAY_PER_SEARCH.title);
    const bib = await untilFile(outsideBib, 'the entry in ../outside/hostile.bib', (t) =>
      t.includes(`{${PAY_PER_SEARCH.id}}`),
    );
    assert.ok(bib.startsWith(bibBefore), 'the existing entry is kept as it was');
    assert.equal(bib.match(/^@/gm)?.length, 2);
    assert.equal(
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).count(),
      0,
    );
  });
});
