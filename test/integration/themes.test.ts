// Discovered themes in the real extension host: a workspace collection from a field the shipped
// taxonomy does not cover (software testing and statistics) shows themes named from its own
// papers in the tree, with their distinctive terms; Rename Theme writes the name into the
// papers' blocks and keeps it through Rediscover Themes and a reload of the shelf.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { GroupNode, TreeNode } from '../../src/tree/paperTree';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'themes', 'testing.papers.txt');

let api: PaperShelfApi;
let file: vscode.Uri;

function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Every theme row of the tree (nested ones too), by name. */
async function themeRows(): Promise<Map<string, GroupNode>> {
  const tree = api.browse.tree;
  const out = new Map<string, GroupNode>();
  const walk = async (nodes: TreeNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'group' || node.group.kind !== 'theme') continue;
      out.set(node.group.value, node);
      await walk(await tree.getChildren(node));
    }
  };
  await walk(await tree.getChildren());
  return out;
}

async function paperIdsUnder(row: GroupNode): Promise<string[]> {
  const children = await api.browse.tree.getChildren(row);
  return children.flatMap((c) => (c.type === 'paper' ? [c.paperId] : []));
}

describe('Themes: discovered from the papers, renamed and rediscovered', function () {
  this.timeout(120_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
    await api.browse.tree.clearFilter();
    await api.browse.tree.setGroupBy('theme');
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'testing-themes.papers.txt');
    await vscode.workspace.fs.writeFile(file, fs.readFileSync(FIXTURE));
    await until('the collection is read', () => api.shelfService.shelf.get('2101.10000') !== undefined, 30_000);
    await api.shelfService.settled();
  });

  after(async () => {
    try {
      await vscode.workspace.fs.delete(file, { useTrash: false });
    } catch {
      // Already gone.
    }
    await run('paperShelf.reloadShelf');
    await run('paperShelf.rediscoverThemes');
    await api.shelfService.settled();
  });

  it('shows themes named from the papers themselves, with their distinctive terms', async () => {
    const rows = await themeRows();
    for (const name of ['Flaky Tests', 'Group Testing', 'Mutation Testing', 'Fuzzing', 'Hypothesis Testing'])
      assert.ok(rows.has(name), `${name} in ${[...rows.keys()].join(', ')}`);
    const flaky = rows.get('Flaky Tests')!;
    const ids = await paperIdsUnder(flaky);
    assert.ok(ids.length >= 8, `${ids.length} papers in Flaky Tests`);
    const item = api.browse.tree.getTreeItem(flaky);
    assert.match(String(item.tooltip), /Distinctive terms: .+/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    // No paper of the field is filed under a machine-learning theme that has nothing to do with it.
    const group = api.shelfService.shelf.get('2101.10000')!.theme;
    assert.match(group, /Metamorphic/);
  });

  it('Rename Theme writes the name into the papers and keeps it through Rediscover Themes and a reload', async () => {
    const before = await paperIdsUnder((await themeRows()).get('Flaky Tests')!);
    assert.equal(await run('paperShelf.renameTheme', 'Flaky Tests', 'Nondeterministic Tests'), true);
    await api.shelfService.settled();
    await until('the renamed theme', () => api.shelfService.shelf.get(before[0]!)?.theme === 'Nondeterministic Tests');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.equal(text.match(/^Theme: Nondeterministic Tests$/gm)?.length, before.length);
    let rows = await themeRows();
    assert.ok(rows.has('Nondeterministic Tests') && !rows.has('Flaky Tests'), [...rows.keys()].join(', '));

    await run('paperShelf.rediscoverThemes');
    await api.shelfService.settled();
    rows = await themeRows();
    assert.ok(rows.has('Nondeterministic Tests'), [...rows.keys()].join(', '));
    assert.deepEqual((await paperIdsUnder(rows.get('Nondeterministic Tests')!)).sort(), [...before].sort());

    await run('paperShelf.reloadShelf');
    await api.shelfService.settled();
    rows = await themeRows();
    assert.ok(rows.has('Nondeterministic Tests') && rows.has('Group Testing'), [...rows.keys()].join(', '));
    // The discovered themes were remembered, not found afresh: the same names as before the reload.
    assert.ok(api.shelfService.themes.describe('Group Testing'));
  });
});
