// The arXiv-id hover in a real editor (code-server + Chromium): the mouse resting on an id in a
// Markdown note, and the keyboard's Show Hover (Ctrl+K Ctrl+I) in a plain-text file, must show
// the paper's title and its action links; the Summary link opens the summary panel. Saves
// docs/screenshots/hover.png with PAPER_SHELF_UPDATE_SCREENSHOTS=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { openWorkbench, screenshot, type Workbench } from './harness';
import { goTo, openFile, summaryFrame, until } from './editorUi';

const ID = '2510.01152';
const TITLE = 'Pay-Per-Search Models are Abstention Models';
const UNKNOWN = '2501.09999';

/** The hover widget of `editor` showing `text` (the hover sits in its editor's DOM). */
function paperHover(editor: Locator, text: string): Locator {
  return editor.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
}

/** The action links of a hover: label (codicons stripped) -> href. */
async function links(hover: Locator): Promise<Map<string, string>> {
  const pairs = await hover
    .locator('a')
    .evaluateAll((as) =>
      as.map(
        (a) =>
          [(a.textContent ?? '').trim(), a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''] as [
            string,
            string,
          ],
      ),
    );
  return new Map(pairs.filter(([label]) => label));
}

/** The viewport point of the middle of the first occurrence of `text` in the editor's rendered lines. */
async function pointOf(editor: Locator, text: string): Promise<{ x: number; y: number }> {
  const point = await editor.locator('.view-lines').evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    // Monaco renders spaces as non-breaking spaces.
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').replace(/\u00a0/g, ' ').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + Math.floor(needle.length / 2));
      range.setEnd(node, at + Math.floor(needle.length / 2) + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return undefined;
  }, text);
  assert.ok(point, `${text} is not rendered in the editor`);
  return point;
}

describe('e2e: hovering arXiv ids in the real editor', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  before(async () => {
    wb = await openWorkbench();
    fs.writeFileSync(
      path.join(wb.workspace, 'to-read.txt'),
      `Abstention: arXiv:${ID} (read first)\nA colleague's pick: arXiv:${UNKNOWN}\n`,
    );
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the paper and its actions where the mouse rests on the id in a Markdown note', async () => {
    const page = wb!.page;
    const editor = await openFile(page, 'notes.md');
    const { x, y } = await pointOf(editor, `arXiv:${ID}`);
    // The pointer comes from elsewhere and rests on the id, as a person's would. The workbench
    // can miss a rest that comes while it is still laying out the editor (one CI run in several):
    // like a person, move away and rest on the id again.
    const hover = paperHover(editor, TITLE);
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(x - 200, y + 200);
      await page.mouse.move(x, y, { steps: 8 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    const text = (await hover.textContent()) ?? '';
    assert.ok(text.includes('October 2025'), text);
    assert.ok(text.includes(`arXiv:${ID}`), text);
    const actions = await links(hover);
    for (const [label, command] of [
      ['Summary', 'paperShelf.openSummary'],
      ['Cite', 'paperShelf.insertCitation'],
      ['BibTeX', 'paperShelf.copyBibtex'],
      ['PDF', 'paperShelf.openPdf'],
    ]) {
      const href = actions.get(label!);
      assert.ok(href, `a ${label} link; links: ${[...actions.keys()].join(', ')}`);
      assert.ok(href.startsWith(`command:${command}?`), `${label} -> ${href}`);
      // Cite also passes where the hover is (issue 17): ["id", { at: ... }].
      assert.ok(decodeURIComponent(href).includes(`["${ID}"`), `${label} passes the id: ${href}`);
    }
    assert.ok(actions.get('arXiv')?.startsWith(`https://arxiv.org/abs/${ID}`), actions.get('arXiv'));
    await screenshot(page, 'hover');
    assert.equal(await page.locator('.monaco-hover:not(.hidden)').count(), 1, 'one hover, ours');

    // Summary opens the panel on that paper.
    await hover.locator('a', { hasText: 'Summary' }).click();
    const title = summaryFrame(page).locator('h1#paper-title');
    await title.waitFor({ state: 'visible', timeout: 60_000 });
    await until(
      'the panel to show the hovered paper',
      async () => ((await title.textContent()) ?? '').trim() === TITLE,
    );
  });

  it('shows the hover from the keyboard (Show Hover) in a plain-text file, for shelf and unknown ids', async () => {
    const page = wb!.page;
    const editor = await openFile(page, 'to-read.txt');
    await goTo(page, `1:${'Abstention: arXiv:'.length + 3}`);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = paperHover(editor, TITLE);
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await links(hover)).get('Cite')?.startsWith('command:paperShelf.insertCitation?'));
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' });

    // An id that is not on the shelf: canonical links and Add to shelf.
    await goTo(page, `2:${"A colleague's pick: arXiv:".length + 3}`);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const other = paperHover(editor, 'not on your shelf');
    await other.waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(((await other.textContent()) ?? '').includes(`arXiv:${UNKNOWN}`));
    const actions = await links(other);
    assert.ok(actions.get('Add to shelf')?.startsWith('command:paperShelf.addPaper?'), [...actions].join(' | '));
    assert.ok(actions.get('PDF')?.startsWith(`https://arxiv.org/pdf/${UNKNOWN}`), actions.get('PDF'));
    assert.equal(
      await other.locator('a', { hasText: 'Summary' }).count(),
      0,
      'no Summary for a paper not on the shelf',
    );
  });
});
