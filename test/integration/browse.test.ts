// Browsing in the real extension host: the Papers tree (themes, counts, children, tooltips),
// the group-by switch and its memory, the filter, moving papers between themes, and the summary
// panel (one panel, the paper's title, only registered actions, related papers).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { GroupNode, PaperNode, PaperTreeProvider, TreeNode } from '../../src/tree/paperTree';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { until } from '../support/wait';
import { makePaper } from '../support/papers';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

let api: PaperShelfApi;
let tree: PaperTreeProvider;

const groups = (nodes: TreeNode[]) => nodes.filter((n): n is GroupNode => n.type === 'group');
const papers = (nodes: TreeNode[]) => nodes.filter((n): n is PaperNode => n.type === 'paper');

/** Every paper id the tree shows (each once), whatever the grouping. */
async function shownIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const root of await tree.getChildren()) {
    if (root.type === 'paper') ids.add(root.paperId);
    else for (const child of papers(await tree.getChildren(root))) ids.add(child.paperId);
  }
  return ids;
}

/** The seed whose title contains `fragment`. */
function seed(fragment: string) {
  const hits = api.shelfService.shelf.entries().filter((e) => e.paper.title.includes(fragment));
  assert.equal(hits.length, 1, `one paper title contains ${JSON.stringify(fragment)}`);
  return hits[0]!;
}

function summaryTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('paperShelf.summary'));
}

describe('Browse: the Papers tree and the summary panel', () => {
  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    // Settled: the themes discovered from the shelf's papers are in place.
    await api.shelfService.settled();
    await api.search.ready();
    tree = api.browse.tree;
    await tree.clearFilter();
    await tree.setGroupBy('theme');
  });

  after(async () => {
    await tree.clearFilter();
    await tree.setGroupBy('theme');
    for (const tab of summaryTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('groups the shelf by theme: codicons, counts that add up, biggest first, the catch-all last', async () => {
    const roots = await tree.getChildren();
    const themes = groups(roots).filter((g) => g.group.kind === 'theme');
    assert.ok(themes.length >= 6, `${themes.length} themes`);
    const classifier = api.shelfService.classifierOrUndefined!;
    let total = 0;
    for (const node of themes) {
      const item = tree.getTreeItem(node);
      const children = papers(await tree.getChildren(node));
      assert.equal(item.label, node.group.value);
      assert.equal(item.description, String(children.length), `${node.group.value} shows its count`);
      // The taxonomy's codicon where it lent the name; a library for a theme discovered in the papers.
      const discovered = api.shelfService.themes.describe(node.group.value);
      const own =
        classifier.definition(node.group.value) !== undefined || node.group.value === classifier.taxonomy.fallback;
      const icon = discovered ? (discovered.icon ?? 'library') : own ? classifier.iconOf(node.group.value) : 'tag';
      assert.equal((item.iconPath as vscode.ThemeIcon).id, icon, node.group.value);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      for (const child of children) assert.equal(api.shelfService.shelf.get(child.paperId)!.theme, node.group.value);
      total += children.length;
    }
    assert.equal(total, api.shelfService.shelf.size, 'every paper sits in exactly one theme');
    const sizes = themes.filter((t) => t.group.value !== classifier.taxonomy.fallback).map((t) => t.group.total);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
      'themes are ordered by size',
    );
    const fallbackAt = themes.findIndex((t) => t.group.value === classifier.taxonomy.fallback);
    assert.ok(fallbackAt === -1 || fallbackAt === themes.length - 1, 'the catch-all comes last');
  });

  it('puts the RL-with-verifiable-rewards papers under one theme node', async () => {
    const theme = seed('BroRL').theme;
    const node = groups(await tree.getChildren()).find((g) => g.group.value === theme)!;
    const titles = papers(await tree.getChildren(node)).map((p) => p.entry.paper.title);
    for (const fragment of ['BroRL', 'Knapsack RL', 'Your GRPO Is Secretly DPO', 'DeepSearch: Overcome']) {
      assert.ok(
        titles.some((t) => t.includes(fragment)),
        `${fragment} is under ${theme}`,
      );
    }
  });

  it('labels paper rows with the title, the id and month, and makes them open the summary', async () => {
    const entry = seed('The Pitfalls of KV Cache Compression');
    const node = tree.findPaperNode(entry.paper.id)!;
    assert.ok(node, 'the paper has a row');
    const item = tree.getTreeItem(node);
    assert.equal(item.label, 'The Pitfalls of KV Cache Compression');
    assert.equal(item.description, '2510.00231 · Oct 2025');
    assert.match(String(item.contextValue), /^paper(\.starred)?$/);
    assert.equal(node.paperId, '2510.00231');
    assert.equal(item.command?.command, 'paperShelf.openSummary');
    assert.deepEqual(item.command?.arguments, ['2510.00231']);
    assert.equal(item.tooltip, undefined, 'the tooltip is filled lazily');
    const resolved = await tree.resolveTreeItem(item, node);
    const tooltip = (resolved ?? item).tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /Pitfalls of KV Cache Compression/);
    assert.ok(tooltip.value.includes(escapeMarkdown(entry.theme)), tooltip.value);
    assert.match(tooltip.value, /KV cache compression promises/);
  });

  it('makes the rows of a group once, whether the group is opened or a paper in it revealed first', async () => {
    // A fresh layout: no group has been opened yet.
    await tree.setGroupBy('month');
    await tree.setGroupBy('theme');
    const entry = seed('BroRL');
    const found = tree.findPaperNode(entry.paper.id)!;
    assert.ok(found.parent, 'the paper sits in a theme');
    const rows = papers(await tree.getChildren(found.parent));
    assert.ok(rows.includes(found), 'the revealed row is the row its group shows');
    assert.equal(tree.getParent(found), found.parent);
    // A node of the last layout, opened after a new one: the new layout's rows for that group.
    const stale = found.parent!;
    await tree.setGroupBy('month');
    await tree.setGroupBy('theme');
    const again = papers(await tree.getChildren(stale));
    assert.deepEqual(
      again.map((r) => r.paperId),
      rows.map((r) => r.paperId),
    );
    assert.ok(!again.includes(found), 'rows of the layout shown now');
  });

  it('switches to month groups and a flat list from the commands, and remembers the choice', async () => {
    await vscode.commands.executeCommand('paperShelf.groupByMonth');
    assert.equal(api.browse.storedGroupBy(), 'month');
    const months = groups(await tree.getChildren()).filter((g) => g.group.kind === 'month');
    assert.deepEqual(
      months.map((m) => tree.getTreeItem(m).label),
      ['October 2025', 'September 2025'],
    );
    assert.equal(api.browse.treeView.title, 'By Month');
    const october = papers(await tree.getChildren(months[0]!));
    assert.ok(october.every((p) => p.entry.month === '2025-10'));
    assert.equal((await shownIds()).size, api.shelfService.shelf.size);

    await vscode.commands.executeCommand('paperShelf.groupByNone');
    assert.equal(api.browse.storedGroupBy(), 'none');
    const flat = papers(await tree.getChildren());
    assert.equal(flat.length, api.shelfService.shelf.size);
    assert.ok(flat.every((p) => tree.getTreeItem(p).collapsibleState === vscode.TreeItemCollapsibleState.None));

    await vscode.commands.executeCommand('paperShelf.groupByTheme');
    assert.equal(api.browse.storedGroupBy(), 'theme');
    assert.equal(api.browse.treeView.title, 'By Theme');
  });

  it('filters the tree to what a query finds, shows the query in the view message, and clears', async () => {
    await vscode.commands.executeCommand('paperShelf.filter', 'kv cache');
    let ids = await shownIds();
    assert.ok(ids.has('2510.00231'), 'The Pitfalls of KV Cache Compression');
    assert.ok(ids.has(seed('GUI-KV').paper.id), 'GUI-KV');
    assert.ok(!ids.has(seed('BatonVoice').paper.id), 'speech synthesis does not match "kv cache"');
    assert.ok(ids.size < api.shelfService.shelf.size);
    assert.match(String(api.browse.treeView.message), /“kv cache”/);
    for (const g of groups(await tree.getChildren()))
      assert.equal(tree.getTreeItem(g).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);

    await vscode.commands.executeCommand('paperShelf.filter', 'reinf');
    ids = await shownIds();
    for (const fragment of ['BroRL', 'Knapsack RL', 'PIPer'])
      assert.ok(ids.has(seed(fragment).paper.id), `"reinf" finds ${fragment}`);

    await vscode.commands.executeCommand('paperShelf.filter', '2510.01152');
    ids = await shownIds();
    assert.ok(ids.has('2510.01152'));
    const first = papers(await tree.getChildren(groups(await tree.getChildren())[0]!))[0]!;
    assert.equal(first.paperId, '2510.01152', 'the exact id ranks first');

    await vscode.commands.executeCommand('paperShelf.filter', 'qqqzzzxxv');
    assert.equal((await tree.getChildren()).length, 0, 'nothing matches: the welcome content shows');
    assert.match(String(api.browse.treeView.message), /no paper matches/);

    await vscode.commands.executeCommand('paperShelf.clearFilter');
    assert.equal(api.browse.treeView.message, undefined);
    assert.equal((await shownIds()).size, api.shelfService.shelf.size);
  });

  it('keeps the filter typed last when the shelf changes while its search runs', async () => {
    await tree.setFilter('kv cache');
    const shelf = api.shelfService.shelf;
    const source = 'integration-test:browse-filter';
    try {
      // The new filter's search is under way when a collection file changes (a paper is added).
      const filtered = tree.setFilter('reinforcement');
      shelf.setSource(source, [
        makePaper({
          id: '2511.99993',
          title: 'Reinforcement Learning While the Tree Filters',
          summary: 'Added while the filter searched.',
          source: { file: 'integration', line: 1, column: 1 },
        }),
      ]);
      await filtered;
      assert.equal(tree.filter, 'reinforcement');
      const ids = await shownIds();
      assert.ok(ids.has(seed('BroRL').paper.id), 'the new filter applies');
      assert.ok(ids.has('2511.99993'), 'and finds the paper added meanwhile');
      assert.ok(!ids.has('2510.00231'), 'the old filter is gone');
    } finally {
      shelf.removeSource(source);
      await tree.clearFilter();
    }
  });

  it('moves papers to another theme from tree rows, remembers it, and can go back to automatic', async () => {
    const kv = tree.findPaperNode('2510.00231')!;
    const sinq = tree.findPaperNode(seed('SINQ').paper.id)!;
    const automatic = kv.entry.theme;
    // A context-menu click on one row with two rows selected.
    await vscode.commands.executeCommand('paperShelf.moveToTheme', kv, [kv, sinq], 'Reading Group');
    assert.equal(api.shelfService.shelf.get('2510.00231')!.theme, 'Reading Group');
    assert.equal(api.shelfService.shelf.get(sinq.paperId)!.theme, 'Reading Group');
    assert.equal(api.shelfService.shelf.getChoices().themeOverrides['2510.00231'], 'Reading Group');
    const group = groups(await tree.getChildren()).find((g) => g.group.value === 'Reading Group')!;
    assert.ok(group, 'the new theme has a node');
    assert.deepEqual(
      papers(await tree.getChildren(group))
        .map((p) => p.paperId)
        .sort(),
      ['2509.22944', '2510.00231'].sort(),
    );

    await vscode.commands.executeCommand('paperShelf.moveToTheme', '2510.00231', undefined, 'Speech & Audio');
    assert.equal(api.shelfService.shelf.get('2510.00231')!.theme, 'Speech & Audio');

    await vscode.commands.executeCommand(
      'paperShelf.moveToTheme',
      kv.paperId,
      [tree.findPaperNode('2510.00231')!, tree.findPaperNode(sinq.paperId)!],
      '',
    );
    assert.equal(api.shelfService.shelf.get('2510.00231')!.theme, automatic);
    assert.equal(api.shelfService.shelf.getChoices().themeOverrides['2510.00231'], undefined);
    assert.ok(
      !groups(await tree.getChildren()).some((g) => g.group.value === 'Reading Group'),
      'an emptied theme disappears',
    );
  });

  it('opens a paper in the summary panel with its title, and reuses that one panel', async () => {
    const entry = seed('EditReward');
    await vscode.commands.executeCommand('paperShelf.openSummary', tree.findPaperNode(entry.paper.id));
    const panel = api.browse.panel;
    await until('the panel', () => panel.current?.paperId === entry.paper.id);
    assert.equal(panel.current!.title, 'EditReward: A Human-Aligned Reward Model for Instruction-Guided Image Editing');
    const html = panel.html!;
    assert.match(
      html,
      /<h1 id="paper-title">EditReward: A Human-Aligned Reward Model for Instruction-Guided Image Editing<\/h1>/,
    );
    assert.match(
      html,
      /Content-Security-Policy" content="default-src &#39;none&#39;; [^"]*script-src &#39;nonce-[0-9a-f]{32}&#39;/,
    );
    assert.doesNotMatch(html, /\\mname|\\benchname/, 'author macros are not shown raw');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline handlers');
    const related = [...html.matchAll(/data-open="([^"]+)"/g)].map((m) => m[1]!);
    assert.equal(related.length, 5, 'five related papers');
    assert.ok(!related.includes(entry.paper.id));
    const actions = [...html.matchAll(/data-command="([^"]+)"/g)].map((m) => m[1]!);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(actions.includes('paperShelf.openAbs') && actions.includes('paperShelf.openPdf'));
    for (const a of actions) assert.ok(registered.has(a), `the panel offers ${a} only because it is registered`);

    const next = api.shelfService.shelf.get(related[0]!)!;
    await vscode.commands.executeCommand('paperShelf.openSummary', next.paper.id);
    await until('the next paper', () => panel.current?.paperId === next.paper.id);
    assert.match(panel.html!, new RegExp(`<h1 id="paper-title">[^<]*</h1>`));
    assert.equal(summaryTabs().length, 1, 'one panel, reused');
  });

  it('has drawn the paper asked for when showing it ends, even if the shelf changed while it drew', async () => {
    const panel = api.browse.panel;
    const entry = seed('EditReward');
    await panel.show(seed('Pay-Per-Search'));
    // Showing waits for the related papers and the actions; the shelf changes meanwhile (a file
    // saved, themes settling), which draws the page again. Showing ends with the page drawn.
    const shown = panel.show(entry);
    // Past the shelf lookups, still waiting for the host's list of commands: the shelf changes.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const shelf = api.shelfService.shelf;
    const source = 'integration-test:browse';
    shelf.setSource(source, [
      makePaper({
        id: '2511.99992',
        title: 'A Paper Added While the Panel Draws',
        summary: 'Filed, keyed and indexed.',
        source: { file: 'integration', line: 1, column: 1 },
      }),
    ]);
    try {
      await shown;
      assert.match(panel.html ?? '', /<h1 id="paper-title">EditReward: A Human-Aligned Reward Model/);
    } finally {
      shelf.removeSource(source);
    }
  });

  it("inserts from the panel's buttons into the editor the user came from", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'As shown by ' });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(doc.lineAt(0).range.end, doc.lineAt(0).range.end);
    const entry = seed('BroRL');
    await vscode.commands.executeCommand('paperShelf.openSummary', entry.paper.id);
    await until('the panel', () => api.browse.panel.current?.paperId === entry.paper.id);
    assert.equal(vscode.window.activeTextEditor, undefined, 'the panel has the focus');
    // Insert Link: a citation in an untitled Markdown document would first ask for a bibliography.
    await api.browse.panel.handleMessage({ type: 'command', command: 'paperShelf.insertLink' });
    await until('the link', () => doc.getText().includes('https://arxiv.org/abs/2510.01180'));
    assert.equal(
      doc.getText(),
      'As shown by [BroRL: Scaling Reinforcement Learning via Broadened Exploration](https://arxiv.org/abs/2510.01180)',
    );
    assert.equal(
      (vscode.window.activeTextEditor as vscode.TextEditor | undefined)?.document,
      doc,
      'the editor has the focus again',
    );
    // The page cannot make the host run anything but its own actions.
    await api.browse.panel.handleMessage({ type: 'command', command: 'workbench.action.closeAllEditors' });
    await api.browse.panel.handleMessage({ type: 'open', id: '<script>' });
    assert.ok(doc.isDirty && vscode.workspace.textDocuments.includes(doc));
    await vscode.commands
      .executeCommand('workbench.action.revertAndCloseActiveEditor')
      .then(undefined, () => undefined);
  });

  it('shows starred papers in a Starred group on top', async () => {
    const id = seed('SINQ').paper.id;
    await api.shelfService.saveChoices((c) => void c.starred.push(id));
    try {
      const [first] = await tree.getChildren();
      assert.equal(first?.type, 'group');
      const starred = first as GroupNode;
      assert.equal(starred.group.kind, 'starred');
      assert.equal(tree.getTreeItem(starred).label, 'Starred');
      const rows = papers(await tree.getChildren(starred));
      assert.deepEqual(
        rows.map((r) => r.paperId),
        [id],
      );
      assert.equal(tree.getTreeItem(rows[0]!).contextValue, 'paper.starred');
    } finally {
      await api.shelfService.saveChoices((c) => void (c.starred = c.starred.filter((s) => s !== id)));
    }
    assert.notEqual(groups(await tree.getChildren())[0]?.group.kind, 'starred');
  });

  it('files papers with the taxonomy named by paperShelf.taxonomyFile, and back', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, 'my-themes.json');
    const taxonomy = {
      fallback: { name: 'Unsorted', icon: 'inbox' },
      minScore: 2,
      themes: [{ name: 'Caches', icon: 'database', terms: { 'kv cache': 5, cache: 2 } }],
    };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(taxonomy)));
    const config = vscode.workspace.getConfiguration('paperShelf');
    try {
      await config.update('taxonomyFile', 'my-themes.json', vscode.ConfigurationTarget.Workspace);
      await until('the new taxonomy', () => api.shelfService.shelf.get('2510.00231')?.theme === 'Caches');
      assert.equal(seed('BatonVoice').theme, 'Unsorted');
      const names = groups(await tree.getChildren()).map((g) => g.group.value);
      assert.ok(names.includes('Caches'), names.join(', '));
      assert.ok(!names.includes('LLM Agents'), 'the shipped themes are gone');
      assert.equal(names[names.length - 1], 'Unsorted', 'the new catch-all is last');
    } finally {
      await config.update('taxonomyFile', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(file);
    }
    await until(
      'the shipped taxonomy',
      () => api.shelfService.shelf.get('2510.00231')?.theme === 'Efficient Inference & Compression',
    );
  });

  it('says so when a command names a paper that is not on the shelf', async () => {
    const before = api.browse.panel.current?.paperId;
    await vscode.commands.executeCommand('paperShelf.openSummary', '1234.56789');
    assert.equal(api.browse.panel.current?.paperId, before);
  });
});
