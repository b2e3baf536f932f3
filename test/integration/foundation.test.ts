// The foundation every other integration test stands on: the extension activates in the real
// extension host, contributes what package.json promises, and loads the shipped shelf.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

interface Contributes {
  commands?: { command: string }[];
  viewsContainers?: { activitybar?: { id: string }[] };
  views?: Record<string, { id: string }[]>;
}

describe('Foundation: the extension in a real VS Code', () => {
  let extension: vscode.Extension<PaperShelfApi>;
  let api: PaperShelfApi;

  before(async () => {
    const found = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in the extension host`);
    extension = found;
    api = await extension.activate();
  });

  it('activates and returns its API', () => {
    assert.equal(extension.isActive, true);
    assert.ok(api.shelfService, 'api.shelfService');
    assert.ok(api.search, 'api.search');
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0 && Number.isFinite(api.activationMs), `activationMs = ${api.activationMs}`);
    console.log(`[paper-shelf] activation: ${api.activationMs.toFixed(1)} ms (activate() entry to return)`);
  });

  it('contributes the Paper Shelf activity-bar container and its views', async () => {
    const contributes = extension.packageJSON.contributes as Contributes;
    const containers = contributes.viewsContainers?.activitybar?.map((c) => c.id) ?? [];
    assert.ok(containers.includes('paperShelf'), `activity-bar containers: ${containers.join(', ')}`);
    const views = (contributes.views?.paperShelf ?? []).map((v) => v.id);
    assert.ok(views.includes('paperShelf.papers'), `views: ${views.join(', ')}`);

    const commands = new Set(await vscode.commands.getCommands(true));
    // The workbench derives these from the contribution: they exist only if it was accepted.
    assert.ok(commands.has('workbench.view.extension.paperShelf'), 'the container was not registered');
    for (const view of views) {
      assert.ok(commands.has(`${view}.focus`), `the view ${view} was not registered`);
    }
    await vscode.commands.executeCommand('workbench.view.extension.paperShelf');
  });

  it('registers every command that package.json contributes', async () => {
    const contributed = ((extension.packageJSON.contributes as Contributes).commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('loads the 50 shipped papers onto the shelf', async () => {
    await api.shelfService.ready();
    const entries = api.shelfService.shelf.entries();
    assert.equal(entries.length, 50, `shelf holds ${entries.length} papers`);
    // A paper the seeds are known to hold, looked up by its arXiv id.
    assert.ok(api.shelfService.shelf.get('2510.01152'), 'the shelf should hold arXiv:2510.01152');
  });

  it('runs against the copied fixture workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    assert.ok(!folder.uri.path.includes('/test/fixtures/'), `tests must not write into the repo: ${folder.uri.path}`);
  });
});
