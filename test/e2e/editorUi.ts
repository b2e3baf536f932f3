// Helpers for e2e tests that work in the text editor of the real workbench: open a workspace
// file, move the cursor, save, wait on the file on disk and on the quick pick's rows.
import * as fs from 'node:fs';
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';

/** Waits until `check` returns a value other than undefined/false; polls, never a fixed sleep. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeout = 30_000,
): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until the file on disk satisfies `check` and returns its text. */
export function untilFile(
  file: string,
  what: string,
  check: (text: string) => boolean,
  timeout = 30_000,
): Promise<string> {
  return until(
    `${what} (${file})`,
    () => {
      const text = fs.readFileSync(file, 'utf8');
      return check(text) ? text : undefined;
    },
    timeout,
  );
}

export const quickInput = (page: Page): Locator => page.locator('.quick-input-widget');
export const quickInputBox = (page: Page): Locator => page.locator('.quick-input-widget .quick-input-box input');
export const quickPickRows = (page: Page): Locator =>
  page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
/**
 * The quick pick row shown at `index` (0 is the top). A list reuses its row elements as it
 * redraws, so their order in the page is not the order shown: the list numbers them.
 */
export const quickPickRow = (page: Page, index: number): Locator =>
  page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${index}"]`);

/**
 * Presses Enter on a multi-select quick pick once it shows `count` rows ticked, and waits for it
 * to close. Enter goes where a person presses it, in the picker: on a focused checkbox VS Code
 * toggles the box instead, so the keyboard goes back to the text box first. If the picker stays
 * open, the error says what it showed and where the keyboard was.
 */
export async function acceptTicked(page: Page, count: number): Promise<void> {
  const input = quickInput(page);
  await input.locator('.quick-input-count', { hasText: `${count} Selected` }).waitFor({ state: 'visible' });
  if (await page.evaluate(() => !!document.activeElement?.closest('.monaco-custom-toggle')))
    await quickInputBox(page).focus();
  await page.keyboard.press('Enter');
  try {
    await input.waitFor({ state: 'hidden' });
  } catch (err) {
    const state = await page.evaluate(() => {
      const active = document.activeElement;
      const widget = document.querySelector('.quick-input-widget');
      return {
        focus: active ? `${active.tagName}.${active.className}` : 'none',
        title: widget?.querySelector('.quick-input-title')?.textContent,
        count: widget?.querySelector('.quick-input-count')?.textContent,
        message: widget?.querySelector('.quick-input-message')?.textContent,
        rows: Array.from(widget?.querySelectorAll('.monaco-list-row') ?? []).map(
          (r) =>
            `${r.getAttribute('aria-checked') ?? '-'} ${r.classList.contains('focused') ? '>' : ' '} ${r.textContent?.slice(0, 60)}`,
        ),
      };
    });
    throw new Error(`The picker stayed open after Enter: ${JSON.stringify(state, null, 1)}`, { cause: err });
  }
}

/** A quick pick row's label, description and detail as shown. */
export async function rowTexts(row: Locator): Promise<{ label: string; description: string; detail: string }> {
  const text = async (l: Locator) => ((await l.count()) ? ((await l.first().textContent()) ?? '').trim() : '');
  return {
    label: await text(row.locator('.quick-input-list-row').first().locator('.label-name')),
    description: await text(row.locator('.quick-input-list-row').first().locator('.label-description')),
    detail: await text(row.locator('.quick-input-list-label-meta .label-name')),
  };
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor to have the focus. */
export async function openFile(page: Page, name: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(name);
  await quickPickRows(page).filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 30_000 });
  const editor = page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-lines').waitFor({ state: 'visible' });
  await editor.locator('textarea.inputarea, .native-edit-context').first().waitFor({ state: 'attached' });
  await until(`the editor of ${name} to have the focus`, () => editor.evaluate((e) => e.classList.contains('focused')));
  return editor;
}

/** Moves the cursor with Go to Line ("line" or "line:column", 1-based) and checks the status bar. */
export async function goTo(page: Page, where: string): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(`:${where}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  const [line, column] = where.split(':');
  const expected = column ? `Ln ${line}, Col ${column}` : `Ln ${line},`;
  await page.locator('.statusbar-item', { hasText: expected }).first().waitFor({ state: 'visible' });
}

/** The cursor position the status bar shows, e.g. "Ln 20, Col 87". */
export async function cursorPosition(page: Page): Promise<string> {
  return (
    (await page
      .locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ })
      .first()
      .textContent()) ?? ''
  ).trim();
}

/** The summary panel's page: the webview's outer iframe holds the page in #active-frame. */
export function summaryFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * The summary page's frame, to evaluate in, once it shows paper `id`. Webviews are nested iframes
 * (the host's index.html, then #active-frame), and several panels may be open: every frame is tried.
 */
export function summaryFrameShowing(page: Page, id: string, timeout = 60_000): Promise<Frame> {
  return until(
    `the summary of ${id}`,
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        // Browser-side code is passed as strings: the project compiles without the DOM library.
        const shown = await frame
          .evaluate<string | null>(`document.body ? document.body.getAttribute('data-paper-id') : null`)
          .catch(() => null);
        if (shown === id) return frame;
      }
      return undefined;
    },
    timeout,
  );
}

/** Saves the active editor and waits until its tab no longer shows unsaved changes. */
export async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
}
