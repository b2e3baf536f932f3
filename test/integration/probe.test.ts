// The hostile probe's second round (issue 17) in the real extension host: test/fixtures/hostile/
// probe.papers.txt in the workspace, and symbolic links made at test time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lexer, type Token } from 'marked';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import { PROBE, PROBE_FILE, symlink, UNSEEN } from '../support/hostileCorpus';
import { paperNode as findPaperNode } from '../support/tree';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const HOSTILE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile');

let api: PaperShelfApi;
const paperNode = (id: string) => findPaperNode(api.browse.tree, id);
let folder: vscode.Uri;
const created: string[] = [];

function put(name: string, text: string | Buffer): vscode.Uri {
  const file = path.join(folder.fsPath, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  created.push(file);
  return vscode.Uri.file(file);
}

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Links (GFM autolinks included, as VS Code renders Markdown) and the rendered text of a Markdown string. */
function rendered(markdown: string): { links: string[]; text: string } {
  const links: string[] = [];
  let text = '';
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link') links.push((t as { href: string }).href);
      const children = (t as { tokens?: Token[] }).tokens;
      if (children) walk(children);
      else if (t.type === 'text' || t.type === 'escape') text += (t as { text: string }).text;
    }
  };
  walk(new Lexer({ gfm: true }).lex(markdown));
  return { links, text };
}

const diagnostics = (file: vscode.Uri) =>
  vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Paper Shelf');

describe('Hostile probe, second round (issue 17), in the real host', function () {
  this.timeout(90_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    put(PROBE_FILE, fs.readFileSync(path.join(HOSTILE, PROBE_FILE)));
    await until('the probe papers on the shelf', () => api.shelfService.shelf.get(PROBE.userTheme));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created.splice(0).reverse()) fs.rmSync(file, { force: true, recursive: true });
    await vscode.commands.executeCommand('paperShelf.reloadShelf');
  });

  it('the tree shows no bidi override or invisible character in labels, descriptions and tooltips (defect 3)', async () => {
    const node = await paperNode(PROBE.bidi);
    const item = api.browse.tree.resolveTreeItem(api.browse.tree.getTreeItem(node), node);
    assert.equal(item.label, 'Report fdp.exe');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(!UNSEEN.test(tooltip), JSON.stringify(tooltip));
    assert.ok(!UNSEEN.test(String(item.accessibilityInformation?.label)), 'the screen reader label');
    for (const root of await api.browse.tree.getChildren()) {
      const group = api.browse.tree.getTreeItem(root);
      assert.ok(!UNSEEN.test(String(group.label)) && !UNSEEN.test(String(group.tooltip ?? '')), String(group.label));
    }
  });

  it('tree tooltips keep bare URLs and $(icon) text as text (defects 5, 6)', async () => {
    for (const id of [PROBE.bareUrls, PROBE.icons]) {
      const node = await paperNode(id);
      const tooltip = (
        api.browse.tree.resolveTreeItem(api.browse.tree.getTreeItem(node), node).tooltip as vscode.MarkdownString
      ).value;
      const { links, text } = rendered(tooltip);
      assert.deepEqual(links, [], `no link in ${JSON.stringify(tooltip)}`);
      assert.doesNotMatch(text, /evil\.example\/x\)\\/, 'no mangled URL');
      // Every `$(name)` left after rendering is escaped for VS Code's icon renderer, but the theme's own icon.
      const icons = [...text.matchAll(/(\\?)\$\(([a-z0-9-]+)(?:~[a-z0-9-]+)?\)/g)].filter((m) => !m[1]);
      assert.ok(icons.length <= 1, `unescaped icons: ${icons.map((m) => m[0]).join(' ')}`);
    }
    const icons = await paperNode(PROBE.icons);
    const shown = rendered(
      (api.browse.tree.resolveTreeItem(api.browse.tree.getTreeItem(icons), icons).tooltip as vscode.MarkdownString)
        .value,
    ).text;
    // The theme and author names keep their `$(...)` as text (TeX reads the title's `$...$` as math).
    assert.ok(shown.includes('\\$(alert)') && shown.includes('\\$(shield) Mallory'), shown);
  });

  it('a theme the user made has the same icon in the tree and in the hover (defect 12)', async () => {
    const note = put('probe-notes/theme.md', `Read arXiv:${PROBE.userTheme} today.\n`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
    const hover = await hoverAt(note, new vscode.Position(0, 10));
    assert.ok(hover.includes('My Own Theme'), hover);
    const groups = (await api.browse.tree.getChildren()).filter((n) => n.type === 'group');
    const group = groups.find((g) => g.type === 'group' && g.group.value === 'My Own Theme')!;
    const icon = (api.browse.tree.getTreeItem(group).iconPath as vscode.ThemeIcon).id;
    assert.ok(hover.includes(`$(${icon}) My Own Theme`), `tree: ${icon}; hover: ${hover.slice(0, 300)}`);
  });

  it('Insert Citation over a selection leaves the cursor after the citation, nothing selected (defect 7)', async () => {
    const note = put('probe-notes/selection.md', 'As shown by REPLACE ME, this holds.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
    const start = editor.document.getText().indexOf('REPLACE ME');
    editor.selection = new vscode.Selection(
      editor.document.positionAt(start),
      editor.document.positionAt(start + 'REPLACE ME'.length),
    );
    const result = (await vscode.commands.executeCommand<CiteResult>('paperShelf.insertCitation', PROBE.userTheme))!;
    assert.equal(result.status, 'inserted', result.message);
    const key = api.shelfService.shelf.get(PROBE.userTheme)!.key;
    assert.equal(editor.document.lineAt(0).text, `As shown by [@${key}], this holds.`);
    assert.ok(editor.selection.isEmpty, 'nothing is selected');
    assert.equal(editor.selection.active.character, `As shown by [@${key}]`.length);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it("a hover's Cite writes right after the hovered id, not at the cursor (defect 10)", async () => {
    const text = `---\ntitle: Reading notes\n---\n\nThe paper arXiv:${PROBE.userTheme} says so.\n`;
    const note = put('probe-notes/front-matter.md', text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note));
    editor.selection = new vscode.Selection(0, 0, 0, 0); // a freshly opened note: the cursor at 1:1
    const hover = await hoverAt(note, new vscode.Position(4, 14));
    const link = /\(command:paperShelf\.insertCitation\?([^\s)]+)/.exec(hover);
    assert.ok(link, hover);
    const args = JSON.parse(decodeURIComponent(link[1]!)) as unknown[];
    const result = (await vscode.commands.executeCommand<CiteResult>('paperShelf.insertCitation', ...args))!;
    assert.equal(result.status, 'inserted', result.message);
    const key = api.shelfService.shelf.get(PROBE.userTheme)!.key;
    assert.equal(
      editor.document.getText(),
      `---\ntitle: Reading notes\n---\n\nThe paper arXiv:${PROBE.userTheme} [@${key}] says so.\n`,
      'the front matter is intact and the citation follows the id',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a collection file linked outside the workspace is not read; one inside it is (defect 12)', async () => {
    const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-outside-'));
    created.push(outsideDir);
    const outsideFile = path.join(outsideDir, 'secret.papers.txt');
    fs.writeFileSync(outsideFile, 'Title: A Paper Outside The Workspace\nID: 2511.90099\nSummary: Not to be read.\n');
    const target = put(
      'probe-links/target.txt',
      'Title: A Paper Behind A Link\nID: 2511.90098\nSummary: Read through a link.\n',
    );
    const passwd = path.join(folder.fsPath, 'passwd.papers.txt');
    const outside = path.join(folder.fsPath, 'outside.papers.txt');
    const inside = path.join(folder.fsPath, 'inside.papers.txt');
    created.push(symlink('/etc/passwd', passwd), symlink(outsideFile, outside), symlink(target.fsPath, inside));
    await vscode.commands.executeCommand('paperShelf.reloadShelf');
    await until('the paper behind the inside link', () => api.shelfService.shelf.get('2511.90098'));
    await until('the refusals in the Problems panel', () => diagnostics(vscode.Uri.file(passwd)).length > 0);
    assert.equal(api.shelfService.shelf.get('2511.90099'), undefined, 'the outside file is not read');
    for (const link of [passwd, outside]) {
      const found = diagnostics(vscode.Uri.file(link));
      assert.deepEqual(
        found.map((d) => d.code),
        ['link-outside-workspace'],
        found.map((d) => d.message).join('\n'),
      );
    }
    const everything = vscode.languages
      .getDiagnostics()
      .flatMap(([, list]) => list)
      .map((d) => d.message)
      .join('\n');
    assert.doesNotMatch(everything, /\b(root|daemon|nobody)\b/, 'no account name of /etc/passwd is echoed');
  });

  it('a write to a symlinked collection file goes through to its target and keeps the link (defect 9)', async () => {
    const inside = path.join(folder.fsPath, 'inside.papers.txt');
    const target = path.join(folder.fsPath, 'probe-links', 'target.txt');
    assert.ok(fs.lstatSync(inside).isSymbolicLink(), 'the previous test made the link');
    await until('the linked paper', () => api.shelfService.shelf.get('2511.90098'));
    await vscode.commands.executeCommand('paperShelf.star', '2511.90098');
    await until('the star written to the target', () => /starred/.test(fs.readFileSync(target, 'utf8')));
    assert.ok(fs.lstatSync(inside).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.realpathSync(inside), fs.realpathSync(target));
    assert.deepEqual(
      fs.readdirSync(path.dirname(target)).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });
});
