// The map in the real extension host: Show Map opens one panel whose model holds every paper of
// the shelf, the page's messages are checked before anything happens (an unknown id, a forged
// PNG, a message of the wrong shape), a paper opens in the summary panel, the tree's filter
// reaches the page, and the SVG export writes the map into the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { MapHostMessage } from '../../src/core/map/mapMessages';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

function mapTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('paperShelf.map'));
}

describe('Map', function () {
  this.timeout(60_000);
  let api: PaperShelfApi;
  const posted: MapHostMessage[] = [];

  before(async () => {
    api = (await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate())!;
    await api.shelfService.settled();
    api.map.panel.onDidPost((m) => posted.push(m));
  });

  after(async () => {
    await api.browse.tree.setFilter(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Map opens one panel with every paper of the shelf, and the page gets the model', async () => {
    await vscode.commands.executeCommand('paperShelf.showMap');
    await vscode.commands.executeCommand('paperShelf.showMap');
    await until('the page got the model', () => posted.some((m) => m.type === 'model'));
    assert.equal(mapTabs().length, 1);
    const model = api.map.panel.currentModel!;
    const shelf = api.shelfService.shelf.entries();
    assert.equal(model.total, shelf.length);
    assert.deepEqual(new Set(model.ids), new Set(shelf.map((e) => e.paper.id)));
    assert.equal(model.sampled, false);
    const counts = new Map<string, number>();
    for (const e of shelf) counts.set(e.theme, (counts.get(e.theme) ?? 0) + 1);
    assert.deepEqual(new Map(model.themes.map((t) => [t.name, t.count])), counts);
  });

  it('opens a paper the page names in the summary panel, and ignores what it must not act on', async () => {
    const entry = api.shelfService.shelf.entries()[3]!;
    await api.map.panel.handleMessage({ type: 'open', id: entry.paper.id });
    await until('the summary shows the paper', () => api.browse.panel.current?.paperId === entry.paper.id);
    for (const bad of [
      { type: 'open', id: 42 },
      { type: 'exportPng', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'exportSvg', colours: { themes: 'red' } },
      { type: 'command', command: 'workbench.action.terminal.new' },
      null,
    ])
      await api.map.panel.handleMessage(bad);
    assert.equal(api.browse.panel.current?.paperId, entry.paper.id);
  });

  it("sends the tree filter's matches to the page, and clears them with the filter", async () => {
    posted.length = 0;
    await api.browse.tree.setFilter('kv cache');
    await until('the page got the filter', () => posted.some((m) => m.type === 'filter' && m.ids));
    const filter = posted.find((m) => m.type === 'filter' && m.ids) as Extract<MapHostMessage, { type: 'filter' }>;
    assert.equal(filter.query, 'kv cache');
    assert.deepEqual(filter.ids, [...api.browse.tree.matches!]);
    assert.ok(filter.ids!.length >= 1);
    posted.length = 0;
    await api.browse.tree.setFilter(undefined);
    await until('the filter was cleared on the page', () => posted.some((m) => m.type === 'filter' && !m.ids));
  });

  it('writes the map as SVG: one circle per paper, with the colours the page drew with', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'exported-map.svg');
    await api.map.panel.writeSvg(uri, {
      themes: api.map.panel.currentModel!.themes.map(() => '#123456'),
      background: '#1e1e1e',
      foreground: '#eeeeee',
      muted: '#999999',
    });
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await vscode.workspace.fs.delete(uri);
    assert.equal(svg.match(/<circle data-paper=/g)?.length, api.shelfService.shelf.size);
    assert.ok(svg.includes('fill="#123456"') && svg.includes('fill="#1e1e1e"'));
    assert.ok(!/<script|\son\w+=/i.test(svg));
  });
});
