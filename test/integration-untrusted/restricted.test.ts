// Restricted Mode in the real extension host (scripts/run-integration.mjs --untrusted): the
// workspace is not trusted, and its .vscode/settings.json (test/fixtures/untrusted/) points the
// four restricted settings outside it. Paper Shelf must still browse, search and hover; VS Code
// must drop the restricted workspace values; and every write outside the workspace is refused
// with a message that says why, leaving the files outside exactly as they were.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import type { GrowResult } from '../../src/grow/growContext';
import type { PaperNode, TreeNode } from '../../src/tree/paperTree';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const SHIPPED = 50;
const REFUSAL = /is outside the workspace, and this workspace is not trusted: Paper Shelf does not write there\./;

let api: PaperShelfApi;
let folder: vscode.Uri;
/** The folder beside the workspace (test/fixtures/untrusted/outside/). */
let outside: vscode.Uri;
const snapshots = new Map<string, string>();

const decoder = new TextDecoder('utf-8');
async function read(file: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return undefined;
  }
}

function run<T = GrowResult>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

async function open(name: string, text: string): Promise<vscode.TextEditor> {
  const file = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  const end = editor.document.positionAt(text.indexOf('.'));
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

describe('Restricted Mode: an untrusted workspace', function () {
  this.timeout(60_000);

  before(async () => {
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    outside = vscode.Uri.joinPath(folder, '..', 'outside');
    for (const name of ['hostile.papers.txt', 'hostile.bib', 'import.bib']) {
      const text = await read(vscode.Uri.joinPath(outside, name));
      assert.ok(text, `the fixture ${name} lies beside the workspace`);
      snapshots.set(name, text);
    }
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    await api.search.ready();
    await api.shelfService.settled();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    // Whatever happened, nothing outside the workspace changed.
    for (const [name, text] of snapshots)
      assert.equal(await read(vscode.Uri.joinPath(outside, name)), text, `${name} outside the workspace is unchanged`);
  });

  it('runs in an extension host whose workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
  });

  it('browses the shelf: the shipped papers and the workspace collection, as tree rows', async () => {
    const entries = api.shelfService.shelf.entries();
    assert.equal(entries.filter((e) => e.sourceId === 'seeds').length, SHIPPED);
    assert.ok(api.shelfService.shelf.get('1706.03762'), 'own.papers.txt (a default collection glob) is on the shelf');
    const tree = api.browse.tree;
    await tree.clearFilter();
    await tree.setGroupBy('theme');
    const rows: PaperNode[] = [];
    const roots: TreeNode[] = await tree.getChildren();
    assert.ok(roots.length > 1, `${roots.length} theme rows`);
    for (const root of roots) {
      if (root.type === 'paper') rows.push(root);
      else for (const child of await tree.getChildren(root)) if (child.type === 'paper') rows.push(child);
    }
    assert.equal(rows.length, entries.length, 'one row per paper');
    const row = rows.find((r) => r.paperId === '2510.01152')!;
    assert.match(String(tree.getTreeItem(row).label), /Pay-Per-Search Models are Abstention Models/);
  });

  it('ignores the restricted workspace settings and keeps the harmless ones', async () => {
    const config = vscode.workspace.getConfiguration('paperShelf');
    assert.equal(config.get('shelfFile'), 'shelf.papers.txt');
    assert.deepEqual(config.get('collectionFiles'), ['**/*.papers.txt', '**/.papershelf/*.txt']);
    assert.equal(config.get('bibliographyFile'), '');
    assert.equal(config.get('taxonomyFile'), '');
    // The same settings file is read: its unrestricted value applies.
    assert.equal(config.get('citeCommand'), 'citep');
    // The shelf file named outside the workspace was not read, and the ignored globs did not
    // replace the default ones (own.papers.txt above).
    assert.equal(
      api.shelfService.shelf.get('1810.04805'),
      undefined,
      'the paper in ../outside/hostile.papers.txt is not on the shelf',
    );
    for (const entry of api.shelfService.shelf.entries()) assert.doesNotMatch(entry.sourceId, /\/outside\//);
  });

  it('searches the shelf', async () => {
    const hits = await api.search.search('abstention help-seeking');
    assert.ok(hits.length > 0, 'search finds something');
  });

  it('refuses to add a paper to a collection file outside the workspace, without asking arXiv', async () => {
    const target = vscode.Uri.joinPath(outside, 'hostile.papers.txt');
    const result = await run('paperShelf.addPaper', '2005.14165', { target: target.toString() });
    assert.equal(result.ok, false);
    assert.match(result.message, REFUSAL);
    assert.match(result.message, /2005\.14165 not added/);
    assert.deepEqual(result.done, []);
    assert.equal(await read(target), snapshots.get('hostile.papers.txt'));
  });

  it('refuses to import a .bib into a collection file outside the workspace', async () => {
    const target = vscode.Uri.joinPath(outside, 'hostile.papers.txt');
    const result = await run('paperShelf.importBibtex', vscode.Uri.joinPath(outside, 'import.bib'), {
      target: target.toString(),
    });
    assert.equal(result.ok, false);
    assert.match(result.message, REFUSAL);
    assert.match(result.message, /Nothing was imported from/);
    assert.equal(await read(target), snapshots.get('hostile.papers.txt'));
    assert.equal(api.shelfService.shelf.get('2005.14165'), undefined);
  });

  it('refuses to append to a \\bibliography outside the workspace, saying to trust the workspace', async () => {
    const editor = await open('outside-bib.tex', 'Text.\n\\bibliography{../outside/hostile}\n');
    const added = await run<CiteResult>('paperShelf.addToBibliography', '2510.01152');
    assert.equal(added.status, 'failed');
    assert.match(added.message ?? '', REFUSAL);
    assert.match(added.message ?? '', /Trust the workspace to add entries there\./);
    // Insert Citation still cites (the document is in the workspace) but says the .bib was not updated.
    const cited = await run<CiteResult>('paperShelf.insertCitation', '2510.01152');
    assert.equal(cited.status, 'failed');
    assert.match(
      cited.message ?? '',
      /the citation is in, but the bibliography was not updated: .*is outside the workspace, and this workspace is not trusted/,
    );
    assert.match(editor.document.getText(), /^Text\\citep\{[^}]+\}\./);
    assert.equal(await read(vscode.Uri.joinPath(outside, 'hostile.bib')), snapshots.get('hostile.bib'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('still cites into the workspace: the ignored bibliographyFile sends nothing outside', async () => {
    const editor = await open('plain.tex', 'Text.\n');
    const cited = await run<CiteResult>('paperShelf.insertCitation', '2510.01152');
    assert.equal(cited.status, 'inserted', cited.message);
    assert.match(editor.document.getText(), /^Text\\citep\{[^}]+\}\./);
    assert.ok(!cited.bibliography?.includes('/outside/'), `bibliography ${cited.bibliography}`);
    assert.equal(await read(vscode.Uri.joinPath(outside, 'hostile.bib')), snapshots.get('hostile.bib'));

    // A \bibliography inside the workspace is written as usual.
    const inside = await open('inside-bib.tex', 'Text.\n\\bibliography{references}\n');
    const added = await run<CiteResult>('paperShelf.insertCitation', '2510.00967');
    assert.equal(added.status, 'inserted', added.message);
    assert.equal(added.bibliography, vscode.Uri.joinPath(folder, 'references.bib').toString());
    assert.match((await read(vscode.Uri.joinPath(folder, 'references.bib')))!, /eprint\s*=\s*\{2510\.00967\}/);
    assert.match(inside.document.getText(), /\\citep\{/);
  });

  it('shows hovers on arXiv ids', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'draft.tex'));
    const at = doc.getText().indexOf('2510.01152');
    assert.ok(at >= 0);
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        doc.positionAt(at + 2),
      )) ?? [];
    const contents = hovers
      .flatMap((h) => h.contents)
      .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    const text = contents.map((c) => c.value).join('\n');
    assert.match(text, /\*\*Pay\\-Per\\-Search Models are Abstention Models\*\*/);
    assert.match(text, /Cite key: paypersearch2025models/);
    // Its command links stay limited to the extension's own commands, as in a trusted workspace.
    assert.match(text, /\(command:paperShelf\.openSummary\?/);
    const trusted = contents.find((c) => c.value.includes('command:'))?.isTrusted;
    assert.ok(typeof trusted === 'object' && trusted.enabledCommands.includes('paperShelf.openSummary'));
  });
});
