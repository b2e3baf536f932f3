// Citing through the real workbench UI (code-server + Chromium): the user runs "Paper Shelf:
// Insert Citation…" from the Command Palette in a LaTeX draft and in a Markdown note, searches
// the picker, ticks papers and presses Enter; the document and the bibliography file on disk
// must then hold the citation and the entries. Also "Find Paper…" opening the summary panel.
// Saves docs/screenshots/cite-picker.png with PAPER_SHELF_UPDATE_SCREENSHOTS=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkbench, runCommand, screenshot, type Workbench } from './harness';
import {
  acceptTicked,
  goTo,
  openFile,
  quickInput,
  quickPickRow,
  quickPickRows,
  rowTexts,
  save,
  summaryFrame,
  until,
  untilFile,
} from './editorUi';

const GUI_KV = { id: '2510.00536', title: 'GUI-KV: Efficient GUI Agents via KV Cache with Spatio-Temporal Awareness' };
const PITFALLS = { id: '2510.00231', title: 'The Pitfalls of KV Cache Compression' };
const GRPO = { id: '2510.00977', title: 'It Takes Two: Your GRPO Is Secretly DPO' };

/** eprint -> key of every entry in a .bib text. */
function entriesByEprint(bib: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of bib.matchAll(/@\w+\s*\{\s*([^,\s]+)\s*,([\s\S]*?)\n\}/g)) {
    const eprint = /eprint\s*=\s*\{([^}]*)\}/.exec(m[2]!)?.[1];
    if (eprint) out.set(eprint, [...(out.get(eprint) ?? []), m[1]!]);
  }
  return out;
}

/** 1-based line number of the fixture line that contains `needle`, and the line. */
function lineOf(file: string, needle: string): { line: number; text: string } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} in ${file}`);
  return { line: i + 1, text: lines[i]! };
}

describe('e2e: citing from the Command Palette in the real workbench', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  let bibFile: string;
  let bibBefore: string;

  before(async () => {
    // No auto-save: the test saves, so what reaches the disk is what the command wrote.
    wb = await openWorkbench({ settings: { 'files.autoSave': 'off' } });
    bibFile = path.join(wb.workspace, 'references.bib');
    bibBefore = fs.readFileSync(bibFile, 'utf8');
  });
  after(async () => {
    await wb?.close();
  });

  it('cites two papers picked with the checkboxes in a LaTeX draft, and adds them to references.bib', async () => {
    const page = wb!.page;
    const draft = path.join(wb!.workspace, 'draft.tex');
    const { line, text } = lineOf(draft, 'Controllable speech synthesis');
    assert.ok(text.endsWith('generation.'));
    await openFile(page, 'draft.tex');
    // The cursor before the sentence's full stop; the user types the tie, then cites.
    await goTo(page, `${line}:${text.length}`);
    await page.keyboard.type('~');

    await runCommand(page, 'Paper Shelf: Insert Citation…');
    await quickInput(page)
      .locator('.quick-input-title', { hasText: 'Insert Citation' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('kv cache');
    const rows = quickPickRows(page);
    await rows.filter({ hasText: PITFALLS.title }).waitFor({ state: 'visible', timeout: 30_000 });
    await rows.filter({ hasText: GUI_KV.title }).waitFor({ state: 'visible', timeout: 30_000 });

    // The two KV-cache papers rank first; each row shows title, "id · month · theme" and an excerpt.
    // (The list may still be redrawing the rows of the words typed so far.)
    const topTwo = async () => Promise.all([0, 1].map((i) => rowTexts(quickPickRow(page, i))));
    let shown = await topTwo();
    await until('the two KV-cache papers to rank first', async () => {
      shown = await topTwo();
      return (
        shown
          .map((r) => r.label)
          .sort()
          .join('\n') === [GUI_KV.title, PITFALLS.title].sort().join('\n')
      );
    }).catch(() => undefined);
    assert.deepEqual(shown.map((r) => r.label).sort(), [GUI_KV.title, PITFALLS.title].sort());
    const pitfalls = shown.find((r) => r.label === PITFALLS.title)!;
    assert.equal(pitfalls.description, `${PITFALLS.id} · Oct 2025 · Efficient Inference & Compression`);
    assert.match(
      pitfalls.detail,
      /^KV cache compression promises increased throughput and efficiency with negligible loss in performance\. .*…$/,
    );
    assert.ok(pitfalls.detail.length <= 161, `an excerpt, not the whole summary: ${pitfalls.detail.length} characters`);
    for (const r of shown) assert.match(r.description, /^\d{4}\.\d{5} · [A-Z][a-z]{2} \d{4} · \S.*$/, r.description);

    // Tick both: a click on one row's checkbox, Space on the other (Down moves into the list).
    const rowOf = (title: string) => rows.filter({ hasText: title }).first();
    await rowOf(GUI_KV.title).locator('.monaco-checkbox').click();
    await until('GUI-KV to be ticked', async () => (await rowOf(GUI_KV.title).getAttribute('aria-checked')) === 'true');
    const other = await until(
      'the Pitfalls row to have the keyboard focus',
      async () => {
        const inList = await page.evaluate(() => !!document.activeElement?.closest('.quick-input-list'));
        if (inList && ((await rowOf(PITFALLS.title).getAttribute('class')) ?? '').split(' ').includes('focused'))
          return true;
        await page.keyboard.press('ArrowDown');
        return false;
      },
      10_000,
    );
    assert.ok(other);
    await page.keyboard.press('Space');
    await until(
      'both rows to be ticked',
      async () =>
        (await quickPickRow(page, 0).getAttribute('aria-checked')) === 'true' &&
        (await quickPickRow(page, 1).getAttribute('aria-checked')) === 'true',
    );
    await quickInput(page).locator('.quick-input-count', { hasText: '2 Selected' }).waitFor({ state: 'visible' });
    // The pointer off the checkbox, so its tooltip does not cover the rows in the screenshot.
    await page.mouse.move(1000, 700);
    await page
      .locator('.monaco-hover:not(.hidden)', { hasText: GUI_KV.title })
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    await screenshot(page, 'cite-picker');
    await acceptTicked(page, 2);

    // The draft, once saved, cites exactly those two papers at the cursor.
    await page
      .locator('.tabs-container .tab.active.dirty', { hasText: 'draft.tex' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await save(page);
    const saved = await untilFile(
      draft,
      'the citation in the draft',
      (t) => t.includes('\\cite{') && t.split('\n')[line - 1] !== text,
    );
    const cited =
      /^Controllable speech synthesis~\\cite\{batonvoice2025\} separates planning from generation~\\cite\{([^}]*)\}\.$/.exec(
        saved.split('\n')[line - 1]!,
      );
    assert.ok(cited, `line ${line}: ${saved.split('\n')[line - 1]}`);
    const keys = cited[1]!.split(',');
    assert.equal(keys.length, 2, cited[1]);

    // references.bib (named by \bibliography{references}) gained one entry per paper, under the
    // cited keys, and kept what it had.
    const bib = await untilFile(
      bibFile,
      'the two entries in references.bib',
      (t) => t.includes(GUI_KV.id) && t.includes(PITFALLS.id),
    );
    assert.ok(bib.startsWith(bibBefore.trimEnd()), 'the existing entries are kept as they were');
    const byEprint = entriesByEprint(bib);
    assert.deepEqual(byEprint.get(GUI_KV.id)?.length, 1);
    assert.deepEqual(byEprint.get(PITFALLS.id)?.length, 1);
    assert.deepEqual([...keys].sort(), [byEprint.get(GUI_KV.id)![0], byEprint.get(PITFALLS.id)![0]].sort());
    assert.equal(byEprint.size, 5, [...byEprint.keys()].join(', '));
  });

  it('cites the active paper with Enter in a Markdown note as [@key]', async () => {
    const page = wb!.page;
    const notes = path.join(wb!.workspace, 'notes.md');
    const { line, text } = lineOf(notes, 'hold for multi-turn agents?');
    await openFile(page, 'notes.md');
    await goTo(page, `${line}:${text.length}`);
    await page.keyboard.type(' ');

    await runCommand(page, 'Paper Shelf: Insert Citation…');
    await quickInput(page)
      .locator('.quick-input-title', { hasText: 'Insert Citation' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('grpo secretly dpo');
    await until(
      'the GRPO paper to rank first',
      async () => (await rowTexts(quickPickRow(page, 0))).label === GRPO.title,
    );
    // Nothing ticked: the top result is highlighted, and Enter cites it.
    await until('the top result to be highlighted', async () =>
      ((await quickPickRow(page, 0).getAttribute('class')) ?? '').split(' ').includes('focused'),
    );
    assert.equal(await quickPickRow(page, 0).getAttribute('aria-checked'), 'false');
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden' });
    await page
      .locator('.tabs-container .tab.active.dirty', { hasText: 'notes.md' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await save(page);

    const bib = await untilFile(bibFile, 'the GRPO entry in references.bib', (t) => t.includes(GRPO.id));
    const key = entriesByEprint(bib).get(GRPO.id);
    assert.equal(key?.length, 1, bib);
    const saved = await untilFile(
      notes,
      'the citation in the note',
      (t) => t.includes('[@') && t.split('\n')[line - 1] !== text,
    );
    assert.equal(saved.split('\n')[line - 1], `${text.slice(0, -1)} [@${key![0]}]?`);
  });

  it('Find Paper opens the summary panel of the chosen paper', async () => {
    const page = wb!.page;
    await runCommand(page, 'Paper Shelf: Find Paper…');
    await quickInput(page)
      .locator('.quick-input-title', { hasText: 'Find Paper' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.type('pitfalls compression');
    await until(
      'the Pitfalls paper to rank first',
      async () => (await rowTexts(quickPickRow(page, 0))).label === PITFALLS.title,
    );
    // Single choice: no checkboxes, but buttons to cite or copy the BibTeX of a row.
    assert.equal(await quickPickRow(page, 0).locator('.monaco-checkbox').count(), 0);
    const buttons = await quickPickRow(page, 0)
      .locator('.quick-input-list-entry-action-bar .action-label')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('title')));
    assert.deepEqual(buttons, ['Insert Citation', 'Copy BibTeX']);
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden' });
    const title = summaryFrame(page).locator('h1#paper-title');
    await title.waitFor({ state: 'visible', timeout: 60_000 });
    await until(
      'the panel to show the Pitfalls paper',
      async () => ((await title.textContent()) ?? '').trim() === PITFALLS.title,
    );
    await page.locator('.tabs-container .tab.active', { hasText: 'Pitfalls' }).waitFor({ state: 'visible' });
  });
});
