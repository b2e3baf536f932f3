// Searching arXiv from Insert Citation… in the real workbench (code-server + Chromium), against
// a local replay of the arXiv API on 127.0.0.1 (the user setting paperShelf.arxivApiUrl): the
// user types words, chooses "Search arXiv for '…'", sees arXiv's results in the same picker
// (the shelf's paper marked), ticks one and presses Enter; the draft then cites it, its entry is
// in references.bib and the paper in shelf.papers.txt. Then Add Papers from arXiv…: Enter on
// words that are no ids opens the same results to tick, and the ticked paper joins the shelf file.
// Saves docs/screenshots/arxiv-search.png with PAPER_SHELF_UPDATE_SCREENSHOTS=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, runCommand, screenshot, type Workbench } from './harness';
import { acceptTicked, goTo, openFile, quickInput, quickPickRows, rowTexts, save, until, untilFile } from './editorUi';
import { type ReplayServer, startReplayServer } from '../support/replayServer';

const DIT = { id: '2212.09748', title: 'Scalable Diffusion Models with Transformers' };
const SHIPPED = { id: '2509.25162', title: 'Aligning Visual Foundation Encoders to Tokenizers for Diffusion Models' };

describe('e2e: finding a paper on arXiv from Insert Citation… and Add Papers from arXiv…', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  let server: ReplayServer;

  before(async () => {
    server = await startReplayServer({ lifetimeMs: 230_000 });
    wb = await openWorkbench({ settings: { 'files.autoSave': 'off', 'paperShelf.arxivApiUrl': server.endpoint } });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('types words, searches arXiv, picks a result: the draft cites it and the paper joins the shelf', async () => {
    const page = wb!.page;
    const draft = path.join(wb!.workspace, 'draft.tex');
    const lines = fs.readFileSync(draft, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('Controllable speech synthesis')) + 1;
    const text = lines[line - 1]!;
    await openFile(page, 'draft.tex');
    await goTo(page, `${line}:${text.length}`);

    await runCommand(page, 'Paper Shelf: Insert Citation…');
    await quickInput(page)
      .locator('.quick-input-title', { hasText: 'Insert Citation' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('diffusion transformers');
    const rows = quickPickRows(page);
    // Below the shelf's matches: "Search arXiv  for “diffusion transformers”: …".
    const offer = rows.filter({ hasText: 'Search arXiv' }).filter({ hasText: 'for “diffusion transformers”' });
    await offer.waitFor({ state: 'visible', timeout: 30_000 });
    await offer.locator('.label-name').first().click();

    await rows.filter({ hasText: DIT.title }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]!.search!.query, 'all:diffusion AND all:transformers');
    const dit = await rowTexts(rows.filter({ hasText: DIT.title }).first());
    assert.equal(dit.label, DIT.title);
    assert.equal(dit.description, `William Peebles, Saining Xie · 2022 · cs.CV · ${DIT.id}`);
    assert.match(dit.detail, /^We explore a new class of diffusion models based on the transformer architecture\./);
    const shipped = await rowTexts(rows.filter({ hasText: SHIPPED.title }).first());
    assert.match(shipped.description, /· cs\.CV · 2509\.25162 · on the shelf$/);
    await rows.filter({ hasText: 'More results…' }).waitFor({ state: 'visible' });

    // Tick the DiT paper with its checkbox, then Enter.
    const ditRow = rows.filter({ hasText: DIT.title }).first();
    await ditRow.locator('.monaco-checkbox').click();
    await until('the paper to be ticked', async () => (await ditRow.getAttribute('aria-checked')) === 'true');
    await page.mouse.move(1000, 700);
    await page
      .locator('.monaco-hover:not(.hidden)')
      .waitFor({ state: 'hidden', timeout: 2000 })
      .catch(() => undefined);
    await screenshot(page, 'arxiv-search');
    await acceptTicked(page, 1);

    // The paper is written to the shelf file, then cited; its entry goes to references.bib.
    const shelf = await untilFile(path.join(wb!.workspace, 'shelf.papers.txt'), 'the shelf file', (t) =>
      t.includes(DIT.title),
    );
    assert.match(shelf, /\nPDF: https:\/\/arxiv\.org\/pdf\/2212\.09748\n/);
    assert.match(shelf, /\nAuthors: William Peebles and Saining Xie\n/);
    await page
      .locator('.tabs-container .tab.active.dirty', { hasText: 'draft.tex' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await save(page);
    const saved = await untilFile(draft, 'the citation in the draft', (t) => t.split('\n')[line - 1] !== text);
    const cited = /\\cite\{([^}]+)\}$/.exec(saved.split('\n')[line - 1]!.replace(/\.$/, ''));
    assert.ok(cited, saved.split('\n')[line - 1]);
    const bib = await untilFile(path.join(wb!.workspace, 'references.bib'), 'the entry in references.bib', (t) =>
      t.includes(`{${DIT.id}}`),
    );
    assert.ok(bib.includes(`@misc{${cited[1]},`), `references.bib holds @misc{${cited[1]}, …}`);
    // In the file's own layout (its fields aligned at the "="), as every entry added to it.
    assert.ok(bib.includes(`  eprint        = {${DIT.id}},\n`), bib.slice(bib.indexOf(`@misc{${cited[1]},`)));
  });

  it('Add Papers from arXiv…: Enter on words that are no ids shows arXiv results to tick; the ticked one joins the shelf', async () => {
    const page = wb!.page;
    await runCommand(page, 'Paper Shelf: Add Papers from arXiv…');
    const input = quickInput(page);
    await input.locator('.quick-input-title', { hasText: 'Add papers from arXiv' }).waitFor({ state: 'visible' });
    await page.keyboard.type('diffusion transformers');
    await input.getByText('Not an arXiv id: Enter searches arXiv').waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');

    await input.locator('.quick-input-title', { hasText: 'Add Papers from arXiv' }).waitFor({ state: 'visible' });
    const rows = quickPickRows(page);
    const pixart = rows.filter({ hasText: 'PixArt' }).first();
    await pixart.waitFor({ state: 'visible', timeout: 30_000 });
    // The paper the first test added is on the shelf now, and marked so.
    const dit = await rowTexts(rows.filter({ hasText: DIT.title }).first());
    assert.match(dit.description, /· 2212\.09748 · on the shelf$/);
    await pixart.locator('.monaco-checkbox').click();
    await until('the paper to be ticked', async () => (await pixart.getAttribute('aria-checked')) === 'true');
    await acceptTicked(page, 1);

    const shelf = await untilFile(path.join(wb!.workspace, 'shelf.papers.txt'), 'PixArt in the shelf file', (t) =>
      t.includes('Title: PixArt-'),
    );
    assert.equal(shelf.split('Title: Scalable Diffusion Models with Transformers').length, 2, 'DiT is listed once');
  });
});
