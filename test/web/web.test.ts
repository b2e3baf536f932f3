// Paper Shelf in the web worker extension host (the browser build, dist/web/extension.js), on the
// folder the launcher opened: a normal folder (vscode-remote:) or a virtual one (tmp:, where file
// search never answers). The suite writes its own files through workspace.fs, so both runs see
// the same workspace.
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import type { GrowResult } from '../../src/grow/growContext';
import type { TreeNode } from '../../src/tree/paperTree';
import { until } from '../support/wait';
import { equal, match, ok } from './assert';
import { inWebWorker } from './index';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const PAY = '2510.01152';
const PAY_KEY = 'paypersearch2025models';
const OWN = '2401.09999';
const COLLECTION = [
  'Title: A paper only the web suite knows',
  `PDF: https://arxiv.org/pdf/${OWN}`,
  'Theme: Read in a Browser',
  'Summary: Written by the web suite into a folder the extension reads through workspace.fs.',
  '---',
  'Title: Broken block without an id',
  'Summary: nothing',
  '---',
  '',
].join('\n');

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
let api: PaperShelfApi;
let dir: vscode.Uri;
let collection: vscode.Uri;

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(dir, name);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

async function read(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

function command<T>(id: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(id, ...args));
}

describe('Paper Shelf in the web worker extension host', () => {
  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    ok(folder, 'the launcher opened a folder');
    // Nested two folders deep, so finding it takes a real search or walk.
    dir = vscode.Uri.joinPath(folder, 'web-suite', 'reading');
    await vscode.workspace.fs.createDirectory(dir);
  });

  after(async () => {
    await command('workbench.action.closeAllEditors');
  });

  it('runs the browser build in a web worker, activated, with the shipped papers on the shelf', async () => {
    ok(inWebWorker(), 'the suite runs in a web worker (no process, a WorkerGlobalScope)');
    const extension = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
    ok(extension, 'the extension is installed');
    api = await extension.activate();
    equal(api.platform, 'web', 'the browser entry (dist/web/extension.js) is the one that runs');
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'a web worker extension runs beside the UI');
    await api.shelfService.ready();
    equal(api.shelfService.shelf.get(PAY)?.key, PAY_KEY, 'the shipped papers are on the shelf');
  });

  it('finds a collection file written into the folder, puts its papers in the tree and its problems in Problems', async () => {
    collection = await write('web.papers.txt', COLLECTION);
    const started = Date.now();
    // A full reload finds the collection files again: file search where it answers, a walk of the
    // folders where it does not (tmp:). It must end, and well before file search's own timeout.
    await command('paperShelf.reloadShelf');
    const seconds = (Date.now() - started) / 1000;
    console.log(`      reload with the folder's collection files: ${seconds.toFixed(1)} s`);
    ok(seconds < 20, `the reload ended (${seconds} s)`);
    ok(api.shelfService.shelf.get(OWN), 'the new collection file was found by the reload');
    equal(api.shelfService.shelf.get(OWN)?.theme, 'Read in a Browser');

    const tree = api.browse.tree;
    await tree.clearFilter();
    await tree.setGroupBy('theme');
    const groups = await tree.getChildren();
    const group = groups.find(
      (n): n is Extract<TreeNode, { type: 'group' }> => n.type === 'group' && n.group.label === 'Read in a Browser',
    );
    ok(group, `a "Read in a Browser" theme in the tree (${groups.length} groups)`);
    const rows = await tree.getChildren(group);
    equal(rows.length, 1);
    const row = rows[0]!;
    equal(row.type === 'paper' ? row.paperId : '', OWN);
    match(String(tree.getTreeItem(row).label), /A paper only the web suite knows/);

    const diagnostics = await until('a diagnostic for the broken block', () => {
      const found = vscode.languages.getDiagnostics(collection);
      return found.length ? found : undefined;
    });
    equal(diagnostics[0]!.range.start.line, 5, 'the broken block starts on line 6');
    equal(diagnostics[0]!.code, 'missing-id');
    equal(diagnostics[0]!.source, 'Paper Shelf');
  });

  // The launcher links linked.papers.txt to reading-list.txt in a folder on disk; a tmp: folder has no links.
  if (vscode.workspace.workspaceFolders?.[0]?.uri.scheme !== 'tmp')
    it('reads no collection file that is a symbolic link, and says why in Problems', async () => {
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      const linked = vscode.Uri.joinPath(folder, 'linked.papers.txt');
      ok((await vscode.workspace.fs.stat(linked)).type & vscode.FileType.SymbolicLink, 'the launcher made the link');
      const diagnostics = await until('a diagnostic for the link', () => {
        const found = vscode.languages.getDiagnostics(linked);
        return found.length ? found : undefined;
      });
      equal(diagnostics.length, 1);
      equal(diagnostics[0]!.code, 'link-not-followed');
      match(diagnostics[0]!.message, /symbolic link, and where it leads cannot be checked here/);
    });

  it('shows what an arXiv id is on hover, and links it', async () => {
    const notes = await write('notes.md', `# Notes\n\nAbstention: arXiv:${PAY} is worth a read.\n`);
    const doc = await vscode.workspace.openTextDocument(notes);
    const at = doc.getText().indexOf(PAY);
    const hovers = await until('a hover', async () => {
      const found = await command<vscode.Hover[]>('vscode.executeHoverProvider', notes, doc.positionAt(at + 2));
      return found?.length ? found : undefined;
    });
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    // Markdown-escaped in the hover: Pay\-Per\-Search.
    match(text, /Pay\\?-Per\\?-Search Models are Abstention Models/);
    match(text, /Cite key: paypersearch2025models/);
    const links = (await command<vscode.DocumentLink[]>('vscode.executeLinkProvider', notes)) ?? [];
    ok(
      links.some((l) => l.target?.toString().includes(`arxiv.org/abs/${PAY}`)),
      `a link to the abstract page (${links.map((l) => l.target?.toString()).join(', ')})`,
    );
  });

  it('opens the summary panel', async () => {
    await command('paperShelf.openSummary', PAY);
    await until('the panel', () => api.browse.panel.current?.paperId === PAY);
    match(api.browse.panel.html ?? '', /Pay-Per-Search Models are Abstention Models/);
  });

  it('cites a paper in LaTeX and adds its entry to the .bib file through workspace.fs', async () => {
    const bib = await write('refs.bib', '');
    const tex = await write(
      'article.tex',
      '\\documentclass{article}\n\\begin{document}\nAbstention helps.\n\\bibliography{refs}\n\\end{document}\n',
    );
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(tex));
    const at = editor.document.positionAt(editor.document.getText().indexOf('helps') + 'helps'.length);
    editor.selection = new vscode.Selection(at, at);
    const result = await command<CiteResult>('paperShelf.insertCitation', PAY);
    equal(result.status, 'inserted', result.message);
    equal(editor.document.lineAt(2).text, `Abstention helps\\cite{${PAY_KEY}}.`);
    const entry = await read(bib);
    match(
      entry,
      new RegExp(`^@misc\\{${PAY_KEY},\\n  title = \\{Pay-Per-Search Models are Abstention Models\\},`, 'm'),
    );
    match(entry, /eprint = \{2510\.01152\}/);
  });

  it('completes cite keys inside \\cite{}', async () => {
    const tex = await write('complete.tex', '\\cite{pay}\n');
    const doc = await vscode.workspace.openTextDocument(tex);
    await vscode.window.showTextDocument(doc);
    const list = await command<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      tex,
      new vscode.Position(0, 9),
    );
    ok(
      list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === PAY_KEY),
      'the shelf paper is offered',
    );
  });

  it('refuses ~ in a path setting with the reason: a browser has no home folder', async () => {
    const config = vscode.workspace.getConfiguration('paperShelf');
    await config.update('taxonomyFile', '~/themes.json', vscode.ConfigurationTarget.Global);
    try {
      const line = await until('the refusal in the log', () =>
        api.log.lines().find((l) => l.text.includes('"~/themes.json" names the home folder')),
      );
      equal(line.level, 'warn');
      ok(api.shelfService.shelf.get(PAY)?.theme, 'the shipped taxonomy still files the papers');
    } finally {
      await config.update('taxonomyFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('says plainly that arXiv cannot be called from the browser, and writes nothing', async () => {
    const before = await read(collection);
    const added = await command<GrowResult>('paperShelf.addPaper', '2401.12345', { target: collection.toString() });
    equal(added.ok, false);
    match(added.message, /does not allow requests from a web browser \(it sends no CORS headers\)/);
    match(added.message, /Nothing was added\.$/);
    const refreshed = await command<GrowResult>('paperShelf.refreshMetadata', OWN);
    equal(refreshed.ok, false);
    match(refreshed.message, /does not allow requests from a web browser/);
    match(refreshed.message, /Nothing was changed\.$/);
    equal(await read(collection), before, 'the collection file is as it was');
    ok(!api.shelfService.shelf.get('2401.12345'), 'no paper came from the failed call');
  });

  it('Search arXiv in the picker says at once that arXiv cannot be called from the browser, and writes nothing', async () => {
    const before = await read(collection);
    const found = command<CiteResult>('paperShelf.findPaper');
    const handle = await until('the paper picker', () => api.activePicker());
    handle.type('diffusion transformers');
    await handle.idle();
    const offer = await until('the Search arXiv row', () =>
      handle.quickPick.items.find((i) => i.label === '$(globe) Search arXiv'),
    );
    handle.accept(offer);
    await until('the answer', () => handle.lastMessage);
    await handle.idle();
    match(handle.lastMessage ?? '', /does not allow requests from a web browser \(it sends no CORS headers\)/);
    // Trying again would fail the same way: the row says why, and offers no retry.
    match(handle.quickPick.items[0]!.label, /^\$\(info\) arXiv's API \(export\.arxiv\.org\)/);
    await command('workbench.action.closeQuickOpen');
    equal((await found).status, 'cancelled');
    equal(await read(collection), before, 'the collection file is as it was');
  });
});
