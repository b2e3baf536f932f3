// Citing a paper found on arXiv by its words, in the real extension host, against a local replay
// of the arXiv API on 127.0.0.1 (never arxiv.org): the words typed into Insert Citation…'s real
// picker, "Search arXiv for '…'", a result picked, then the citation in the document, the entry
// in its .bib and the paper in the shelf file. And with no network: the message, nothing written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import type { PickerHandle } from '../../src/pick/paperPicker';
import { type ReplayServer, refusedEndpoint, startReplayServer } from '../support/replayServer';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const WORDS = 'diffusion transformers';
const DIT = '2212.09748';
const PIXART = '2310.00426';
const SHIPPED = '2509.25162'; // in the shipped collection and in the search's answer

let api: PaperShelfApi;
let server: ReplayServer;
let root: vscode.Uri;
let run = 0;
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

const shelfFile = () => vscode.Uri.joinPath(root, 'shelf.papers.txt');

async function read(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function folderWith(files: Record<string, string>): Promise<Record<string, vscode.Uri>> {
  const dir = vscode.Uri.joinPath(root, 'find-runs', String(++run));
  const out: Record<string, vscode.Uri> = {};
  for (const [name, text] of Object.entries(files)) {
    out[name] = vscode.Uri.joinPath(dir, name);
    await vscode.workspace.fs.writeFile(out[name]!, encoder.encode(text));
  }
  return out;
}

async function setEndpoint(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('paperShelf').update('arxivApiUrl', url, vscode.ConfigurationTarget.Global);
}

/** The picker the command opened, once it shows. */
async function picker(): Promise<PickerHandle> {
  const handle = await until('the paper picker', () => api.activePicker());
  await handle.idle();
  return handle;
}

/** Highlights the row whose label contains `text` and presses Enter on it. */
async function accept(handle: PickerHandle, text: string): Promise<void> {
  const item = await until(`a row "${text}"`, () =>
    handle.quickPick.items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && i.label.includes(text)),
  );
  handle.accept(item);
}

/** Types words into Insert Citation…'s picker and asks arXiv; returns once the results show. */
async function searchArxiv(handle: PickerHandle, words: string): Promise<void> {
  handle.type(words);
  await handle.idle();
  const offer = handle.quickPick.items.find((i) => i.label === '$(globe) Search arXiv');
  // The words as typed, with `$(…)` escaped so the row shows them rather than an icon.
  assert.ok(offer?.description?.startsWith(`for “${words.replace(/\$\(/g, '\\$(')}”`), offer?.description);
  await accept(handle, 'Search arXiv');
  await until(
    'the arXiv search to start',
    () => handle.quickPick.busy || handle.lastMessage || arxivRows(handle).length,
  );
  await handle.idle();
}

function arxivRows(handle: PickerHandle): string[] {
  return handle.quickPick.items
    .filter((i) => 'remote' in i)
    .map((i) => (i as unknown as { remote: { id: string } }).remote.id);
}

describe('Find on arXiv: from words to a citation', function () {
  // arXiv's 3-second spacing applies to the replay server too.
  this.timeout(90_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    server = await startReplayServer({ lifetimeMs: 10 * 60_000 });
    await setEndpoint(server.endpoint);
  });

  after(async () => {
    await setEndpoint(undefined);
    await server?.close();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'find-runs'), { recursive: true, useTrash: false });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.workspace.fs.delete(shelfFile(), { useTrash: false });
    } catch {
      // Not written by this test.
    }
    await vscode.commands.executeCommand('paperShelf.reloadShelf');
  });

  it('LaTeX: words in Insert Citation…, a paper from arXiv, then \\cite{key} in the .tex, its entry in the .bib, the paper in the shelf file', async () => {
    const files = await folderWith({
      'refs.bib': '',
      'article.tex': 'Diffusion works.\n\\bibliography{refs}\n',
    });
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(files['article.tex']!));
    editor.selection = new vscode.Selection(0, 15, 0, 15);
    assert.equal(api.shelfService.shelf.get(DIT), undefined, 'not on the shelf before');
    const requests = server.requests.length;

    const command = vscode.commands.executeCommand<CiteResult>('paperShelf.insertCitation');
    const handle = await picker();
    await searchArxiv(handle, WORDS);
    assert.deepEqual(arxivRows(handle), [DIT, SHIPPED, PIXART]);
    const labels = handle.quickPick.items.map((i) => i.label);
    assert.ok(
      labels.some((l) => l.startsWith('$(check) Aligning Visual Foundation Encoders')),
      'the shelf paper is marked',
    );
    assert.ok(labels.includes('$(chevron-down) More results…'), labels.join('\n'));
    const dit = handle.quickPick.items.find((i) => i.label === 'Scalable Diffusion Models with Transformers')!;
    assert.equal(dit.description, `William Peebles, Saining Xie · 2022 · cs.CV · ${DIT}`);
    assert.match(dit.detail!, /^We explore a new class of diffusion models/);
    assert.equal(server.requests.length - requests, 1, 'one search request');
    assert.equal(server.requests.at(-1)!.search!.query, 'all:diffusion AND all:transformers');

    await accept(handle, 'Scalable Diffusion Models with Transformers');
    const result = (await command)!;
    assert.equal(result.status, 'inserted', result.message);
    const entry = api.shelfService.shelf.get(DIT)!;
    assert.ok(entry, 'the paper is on the shelf');
    assert.deepEqual(result.keys, [entry.key]);
    assert.equal(editor.document.lineAt(0).text, `Diffusion works\\cite{${entry.key}}.`);
    const bib = (await read(files['refs.bib']!))!;
    assert.match(
      bib,
      new RegExp(
        `^@misc\\{${entry.key},\\n  title = \\{Scalable Diffusion Models with Transformers\\},\\n  author = \\{William Peebles and Saining Xie\\},`,
      ),
    );
    assert.match(bib, /eprint = \{2212\.09748\},\n {2}archivePrefix = \{arXiv\},\n {2}primaryClass = \{cs\.CV\},/);
    const shelfText = (await read(shelfFile()))!;
    assert.match(shelfText, /^Title: Scalable Diffusion Models with Transformers\n/);
    assert.match(
      shelfText,
      /\nPDF: https:\/\/arxiv\.org\/pdf\/2212\.09748\n/,
      'no version: the shelf follows the latest',
    );
    assert.equal(entry.sourceId, shelfFile().toString());
  });

  it('Markdown: a paper on the shelf is used from the shelf, a second page of the same search costs no new request', async () => {
    const files = await folderWith({
      'refs.bib': '',
      'notes.md': '---\nbibliography: refs.bib\n---\n\nDiffusion works.\n',
    });
    let doc = await vscode.workspace.openTextDocument(files['notes.md']!);
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(4, 15, 4, 15);

    const command = vscode.commands.executeCommand<CiteResult>('paperShelf.insertCitation');
    const handle = await picker();
    const requests = server.requests.length;
    await searchArxiv(handle, WORDS);
    // The answer of the LaTeX test (same words, a moment ago) is reused.
    assert.equal(server.requests.length, requests, 'the recent answer came from the cache');
    await accept(handle, 'More results…');
    await until('the next page', () => arxivRows(handle).length === 5);
    assert.deepEqual(arxivRows(handle).slice(3), ['2403.03206', '2401.08740']);
    assert.equal(server.requests.at(-1)!.search!.start, 3);
    assert.ok(!handle.quickPick.items.some((i) => i.label.includes('More results')), 'the last page');

    await accept(handle, 'Aligning Visual Foundation Encoders');
    const result = (await command)!;
    assert.equal(result.status, 'inserted', result.message);
    const entry = api.shelfService.shelf.get(SHIPPED)!;
    assert.equal(entry.sourceId, 'seeds', 'used from the shelf');
    assert.equal(editor.document.lineAt(4).text, `Diffusion works[@${entry.key}].`);
    assert.match((await read(files['refs.bib']!))!, new RegExp(`^@misc\\{${entry.key},`));
    assert.equal(await read(shelfFile()), undefined, 'nothing added to the shelf file');
  });

  it('Find Paper…: an arXiv result joins the shelf file and opens in the summary panel', async () => {
    const command = vscode.commands.executeCommand<CiteResult>('paperShelf.findPaper');
    const handle = await picker();
    await searchArxiv(handle, WORDS);
    assert.deepEqual(arxivRows(handle), [DIT, SHIPPED, PIXART]);
    await accept(handle, 'PixArt');
    const result = (await command)!;
    assert.equal(result.status, 'opened', result.message);
    const entry = api.shelfService.shelf.get(PIXART)!;
    assert.ok(entry, 'the paper is on the shelf');
    assert.deepEqual(result.keys, [entry.key]);
    assert.equal(entry.sourceId, shelfFile().toString());
    assert.match((await read(shelfFile()))!, /^Title: PixArt-/);
    await until('the summary panel', () => api.browse.panel.current?.paperId === PIXART);
  });

  it('no match, then a query arXiv refuses: each says so in the picker, and nothing is written', async () => {
    const command = vscode.commands.executeCommand<CiteResult>('paperShelf.findPaper');
    const handle = await picker();
    await searchArxiv(handle, 'zzyzx $(zap)');
    assert.equal(server.requests.at(-1)!.search!.query, 'all:zzyzx AND all:zap');
    assert.equal(handle.lastMessage, 'arXiv found no paper for “zzyzx $(zap)”.');
    assert.equal(arxivRows(handle).length, 0);
    // The words show as typed: `$(zap)` is text in the row, not an icon.
    assert.equal(handle.quickPick.items[0]!.label, '$(info) arXiv found no paper for “zzyzx \\$(zap)”.');

    server.enqueue({ status: 400, fixture: 'search-error.xml' });
    await searchArxiv(handle, 'ti:(unbalanced');
    assert.match(handle.lastMessage ?? '', /^arXiv refused the search “ti:\(unbalanced”: /);
    assert.ok(handle.quickPick.items[0]!.label.includes('arXiv refused the search'), handle.quickPick.items[0]!.label);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal((await command)!.status, 'cancelled');
    assert.equal(await read(shelfFile()), undefined, 'no shelf file written');
  });

  it('no network: the picker says so, and nothing is written', async () => {
    await setEndpoint(await refusedEndpoint());
    try {
      const files = await folderWith({ 'refs.bib': '', 'article.tex': 'Diffusion works.\n\\bibliography{refs}\n' });
      const editor = await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(files['article.tex']!),
      );
      editor.selection = new vscode.Selection(0, 15, 0, 15);
      const command = vscode.commands.executeCommand<CiteResult>('paperShelf.insertCitation');
      const handle = await picker();
      await searchArxiv(handle, 'graph neural networks');
      assert.match(
        handle.lastMessage ?? '',
        /^Could not reach the arXiv API at 127\.0\.0\.1:\d+ \(connection refused\)/,
      );
      assert.ok(handle.quickPick.items[0]!.label.startsWith('$(error) Could not reach the arXiv API'));
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const result = (await command)!;
      assert.equal(result.status, 'cancelled');
      assert.equal(editor.document.getText(), 'Diffusion works.\n\\bibliography{refs}\n');
      assert.equal(editor.document.isDirty, false);
      assert.equal(await read(files['refs.bib']!), '');
      assert.equal(await read(shelfFile()), undefined);
    } finally {
      await setEndpoint(server.endpoint);
    }
  });
});
