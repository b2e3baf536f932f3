// Hardening in the real extension host: hostile collection files in the workspace (markup,
// binary, invalid UTF-8, over the size limit, 10,000 duplicate ids) and writes that fail
// half-way. The corpus: test/fixtures/hostile/ (see its README.md).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { texToPlainLine } from '../../src/core/tex/texText';
import type { GrowResult } from '../../src/grow/growContext';
import { type ReplayServer, startReplayServer } from '../support/replayServer';
import { paperNode as findPaperNode } from '../support/tree';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const HOSTILE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile');
const MARKER = 'PSXPWN';

let api: PaperShelfApi;
const paperNode = (id: string) => findPaperNode(api.browse.tree, id);
let folder: vscode.Uri;
let server: ReplayServer;
const created: vscode.Uri[] = [];

const uri = (name: string) => vscode.Uri.joinPath(folder, name);

async function put(name: string, bytes: Uint8Array | string): Promise<vscode.Uri> {
  const file = uri(name);
  if (!created.some((c) => c.toString() === file.toString())) created.push(file);
  await vscode.workspace.fs.writeFile(file, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  return file;
}

const diagnostics = (file: vscode.Uri) =>
  vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Paper Shelf');
const codes = (file: vscode.Uri) => diagnostics(file).map((d) => `${d.range.start.line + 1}:${String(d.code)}`);

function run(command: string, ...args: unknown[]): Promise<GrowResult> {
  return Promise.resolve(vscode.commands.executeCommand<GrowResult>(command, ...args));
}

async function setGlobal(name: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('paperShelf').update(name, value, vscode.ConfigurationTarget.Global);
}

describe('Hardening: hostile files and failing writes in the real host', function () {
  this.timeout(90_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    server = await startReplayServer({ lifetimeMs: 10 * 60_000 });
    await setGlobal('arxivApiUrl', server.endpoint);
  });

  after(async () => {
    await setGlobal('arxivApiUrl', undefined);
    await setGlobal('maxCollectionFileMB', undefined);
    for (const file of created.splice(0)) {
      spawnSync('chattr', ['-i', file.fsPath]);
      try {
        await vscode.workspace.fs.delete(file, { useTrash: false, recursive: true });
      } catch {
        // Never written.
      }
    }
    await vscode.commands.executeCommand('paperShelf.reloadShelf');
    await server?.close();
  });

  it('a hostile collection file: on the shelf, shown literally in the tree, its problems in the Problems panel', async () => {
    const file = await put('hostile.papers.txt', fs.readFileSync(path.join(HOSTILE, 'hostile.papers.txt')));
    await until('the hostile papers on the shelf', () => api.shelfService.shelf.get('2501.10001'));
    await until('its diagnostics', () => diagnostics(file).length >= 4);
    assert.ok(codes(file).includes('35:invalid-key'), codes(file).join(' '));
    assert.ok(codes(file).includes('39:invalid-id'), codes(file).join(' '));

    const entry = api.shelfService.shelf.get('2501.10001')!;
    const node = await paperNode('2501.10001');
    const item = api.browse.tree.getTreeItem(node);
    assert.equal(item.label, texToPlainLine(entry.paper.title));
    assert.ok(String(item.label).startsWith(`<script>window.${MARKER}=1;`), String(item.label));
    const resolved = api.browse.tree.resolveTreeItem(item, node);
    const tooltip = resolved.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.equal(tooltip.isTrusted, false, 'tree tooltips run no command');
    assert.equal(tooltip.supportHtml, false);
    // Every '<' and every ']' of the title is backslash-escaped: no HTML, no link.
    assert.doesNotMatch(tooltip.value, /(?<!\\)<|(?<!\\)\]\(/);
    assert.ok(tooltip.value.includes(`\\<script\\>window\\.${MARKER}\\=1`), tooltip.value.slice(0, 200));

    const mdNode = await paperNode('2501.10003');
    const mdTooltip = api.browse.tree.resolveTreeItem(api.browse.tree.getTreeItem(mdNode), mdNode)
      .tooltip as vscode.MarkdownString;
    assert.doesNotMatch(mdTooltip.value, /(?<!\\)\[Click For Free Papers(?<!\\)\]\(/, 'Markdown in a title stays text');
  });

  it('hovers over hostile papers enable only Paper Shelf commands and render no HTML', async () => {
    await until('the hostile papers on the shelf', () => api.shelfService.shelf.get('2501.10003'));
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'See arXiv:2501.10003 and arXiv:2501.10006 and arXiv:2501.10001.\n',
    });
    for (const id of ['2501.10003', '2501.10006', '2501.10001']) {
      const at = doc.getText().indexOf(id);
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          doc.positionAt(at + 2),
        )) ?? [];
      const ours = hovers
        .flatMap((h) => h.contents)
        .filter(
          (c): c is vscode.MarkdownString =>
            c instanceof vscode.MarkdownString && c.value.includes(`arxiv.org/abs/${id}`),
        );
      assert.equal(ours.length, 1, `one Paper Shelf hover for ${id}`);
      const md = ours[0]!;
      assert.ok(!md.supportHtml, 'no HTML in hovers');
      const trusted = md.isTrusted;
      assert.ok(typeof trusted === 'object' && trusted !== null, 'trust limited to named commands');
      for (const command of trusted.enabledCommands) assert.match(command, /^paperShelf\.[A-Za-z]+$/, command);
      for (const link of md.value.matchAll(/(?<!\\)\]\(([^)\s]+)/g)) {
        assert.match(link[1]!, /^(https:\/\/(arxiv\.org|doi\.org)\/|command:paperShelf\.)/, link[1]!);
      }
    }
  });

  it('a binary file and a file that is not UTF-8, both matched by the glob: one diagnostic each, no crash', async () => {
    const binary = await put('binary.papers.txt', fs.readFileSync(path.join(HOSTILE, 'binary.papers.txt')));
    const latin = await put('invalid-utf8.papers.txt', fs.readFileSync(path.join(HOSTILE, 'invalid-utf8.papers.txt')));
    await until('the binary file reported', () => diagnostics(binary).length === 1 && diagnostics(binary));
    const [notText] = diagnostics(binary);
    assert.equal(notText!.code, 'not-text');
    assert.equal(notText!.severity, vscode.DiagnosticSeverity.Error);
    await until('the invalid UTF-8 reported', () => diagnostics(latin).length === 1);
    assert.deepEqual(codes(latin), ['5:invalid-utf8']);
    assert.equal(diagnostics(latin)[0]!.range.start.character, 11);
    await until('its good blocks read', () => api.shelfService.shelf.get('2501.10103'));
  });

  it('a file over paperShelf.maxCollectionFileMB is refused by size, naming the limit; raising it reads the file in slices', async () => {
    await setGlobal('maxCollectionFileMB', 1);
    const block = `Title: Big file paper NUM\nID: 2503.NUM\nSummary: ${'padding '.repeat(200)}\n---\n`;
    const blocks: string[] = [];
    for (let i = 0, size = 0; size < 1.5 * 1024 * 1024; i++)
      size += blocks[blocks.push(block.replace(/NUM/g, String(10000 + i))) - 1]!.length;
    const big = await put('big.papers.txt', blocks.join(''));
    await until('the size refusal', () => diagnostics(big).some((d) => d.code === 'file-too-large'));
    const [refusal] = diagnostics(big);
    assert.match(refusal!.message, /over the 1 MB limit \(paperShelf\.maxCollectionFileMB\)/);
    assert.equal(api.shelfService.shelf.get('2503.10000'), undefined, 'nothing of it is on the shelf');
    await setGlobal('maxCollectionFileMB', 5);
    await vscode.commands.executeCommand('paperShelf.reloadShelf');
    await until('the file read after raising the limit', () =>
      api.shelfService.shelf.get(`2503.${10000 + blocks.length - 1}`),
    );
    assert.deepEqual(diagnostics(big), []);
  });

  it('10,000 duplicate ids: one paper, and the Problems panel gets the first 1000 and a summary', async () => {
    const blocks: string[] = [];
    for (let i = 0; i < 10_000; i++) blocks.push(`Title: Copy ${i}\nID: 2504.18888\nSummary: Entry ${i}.`);
    const dup = await put('dup.papers.txt', `${blocks.join('\n---\n')}\n`);
    await until('the duplicate warnings', () => diagnostics(dup).length > 0, 40_000);
    const list = diagnostics(dup);
    assert.equal(list.length, 1001);
    assert.equal(list.filter((d) => d.code === 'more-problems').length, 1);
    assert.match(list.find((d) => d.code === 'more-problems')!.message, /^8999 more problems/);
    assert.equal(api.shelfService.shelf.entries().filter((e) => e.paper.id === '2504.18888').length, 1);
  });

  it('safe writes: a file that cannot be written (immutable), one that is not UTF-8, and a path that cannot exist are left as they were', async () => {
    const original = 'Title: Existing paper\nPDF: https://arxiv.org/pdf/2510.01152\n---\n';
    const locked = await put('locked.papers.txt', original);
    // Root ignores chmod 0444; the immutable attribute stops root too (the rename over it fails).
    const lockedOk =
      process.getuid?.() === 0
        ? spawnSync('chattr', ['+i', locked.fsPath]).status === 0
        : (fs.chmodSync(locked.fsPath, 0o444), true);
    assert.ok(lockedOk, 'the test can make a file unwritable (chattr +i as root)');
    try {
      const res = await run('paperShelf.addPaper', '1706.03762', { target: locked.toString() });
      assert.equal(res.ok, false, res.message);
      assert.match(res.message, /^Could not write locked\.papers\.txt: .*\. The file is as it was\./);
      assert.equal(fs.readFileSync(locked.fsPath, 'utf8'), original, 'the file is unchanged');
      assert.deepEqual(
        fs.readdirSync(folder.fsPath).filter((n) => n.includes('.paper-shelf-')),
        [],
        'no temporary file left behind',
      );
    } finally {
      if (process.getuid?.() === 0) spawnSync('chattr', ['-i', locked.fsPath]);
      else fs.chmodSync(locked.fsPath, 0o644);
    }

    const latin = await put('latin1.papers.txt', Buffer.from('Title: Caf\xe9\nID: 2501.10301\nSummary: s\n', 'latin1'));
    const latinBefore = fs.readFileSync(latin.fsPath);
    const refused = await run('paperShelf.addPaper', '1706.03762', { target: latin.toString() });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /not UTF-8/);
    assert.deepEqual(fs.readFileSync(latin.fsPath), latinBefore);

    await put('blocker', 'a file where a folder would have to be');
    const impossible = await run('paperShelf.addPaper', '1706.03762', {
      target: uri('blocker/inside.papers.txt').toString(),
    });
    assert.equal(impossible.ok, false, impossible.message);
    assert.match(impossible.message, /inside\.papers\.txt/);
    assert.equal(fs.readFileSync(uri('blocker').fsPath, 'utf8'), 'a file where a folder would have to be');
  });

  it('two quick adds into a hostile collection file keep both papers and every hostile byte', async () => {
    const file = uri('hostile.papers.txt');
    const before = fs.readFileSync(file.fsPath);
    const [a, b] = await Promise.all([
      run('paperShelf.addPaper', 'hep-th/9711200', { target: file.toString() }),
      run('paperShelf.addPaper', '1706.03762', { target: file.toString() }),
    ]);
    assert.equal(a.ok, true, a.message);
    assert.equal(b.ok, true, b.message);
    const after = fs.readFileSync(file.fsPath);
    assert.ok(after.subarray(0, before.length).equals(before), 'the existing text is kept byte for byte');
    const added = after.subarray(before.length).toString('utf8');
    assert.match(added, /arxiv\.org\/pdf\/hep-th\/9711200/);
    assert.match(added, /arxiv\.org\/pdf\/1706\.03762/);
  });
});
