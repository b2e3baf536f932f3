// Settings in the real extension host: every paperShelf.* setting of package.json is read by the
// one typed module (src/settings), and every path setting follows the one rule (absolute, ~/…,
// ${workspaceFolder}/…, or relative to the workspace folder).
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { SETTINGS, settings } from '../../src/settings/settings';
import { shelfFileUri, taxonomyFileTarget } from '../../src/settings/settingPaths';
import { bibliographyOf } from '../../src/cite/bibliographyManager';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

describe('Settings: one typed module, one path rule', () => {
  let api: PaperShelfApi;
  let folder: vscode.Uri;
  const config = () => vscode.workspace.getConfiguration('paperShelf');
  const home = vscode.Uri.file(os.homedir());

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
  });

  afterEach(async () => {
    for (const name of ['shelfFile', 'taxonomyFile', 'bibliographyFile', 'citeCommand'])
      await config().update(name, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('knows every paperShelf.* setting that package.json contributes, and no other', () => {
    const properties = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration
      .properties as Record<string, { markdownDescription?: string; description?: string }>;
    const contributed = Object.keys(properties).sort();
    const known = Object.values(SETTINGS)
      .map((name) => `paperShelf.${name}`)
      .sort();
    assert.deepEqual(known, contributed);
    for (const [name, p] of Object.entries(properties))
      assert.ok((p.markdownDescription ?? p.description ?? '').length > 20, `${name} has a description`);
  });

  it('paperShelf.shelfFile: relative, ${workspaceFolder}/…, ~/… and absolute', async () => {
    assert.equal(shelfFileUri()?.toString(), vscode.Uri.joinPath(folder, 'shelf.papers.txt').toString(), 'default');
    const cases: [string, vscode.Uri][] = [
      ['lists/team.papers.txt', vscode.Uri.joinPath(folder, 'lists', 'team.papers.txt')],
      ['${workspaceFolder}/lists/team.papers.txt', vscode.Uri.joinPath(folder, 'lists', 'team.papers.txt')],
      ['~/papers/mine.papers.txt', vscode.Uri.joinPath(home, 'papers', 'mine.papers.txt')],
      ['/srv/shared/lab.papers.txt', vscode.Uri.file('/srv/shared/lab.papers.txt')],
    ];
    for (const [value, expected] of cases) {
      await config().update('shelfFile', value, vscode.ConfigurationTarget.Workspace);
      assert.equal(shelfFileUri()?.toString(), expected.toString(), value);
    }
  });

  it('paperShelf.taxonomyFile: the same rule, and ${workspaceFolder} files the papers with that taxonomy', async () => {
    await config().update('taxonomyFile', '~/themes/lab.json', vscode.ConfigurationTarget.Workspace);
    assert.equal(taxonomyFileTarget().uri?.toString(), vscode.Uri.joinPath(home, 'themes', 'lab.json').toString());
    const file = vscode.Uri.joinPath(folder, 'rule-themes.json');
    const taxonomy = {
      fallback: { name: 'Unsorted', icon: 'inbox' },
      minScore: 2,
      themes: [{ name: 'Caches', icon: 'database', terms: { 'kv cache': 5, cache: 2 } }],
    };
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(taxonomy)));
    try {
      await config().update(
        'taxonomyFile',
        '${workspaceFolder}/rule-themes.json',
        vscode.ConfigurationTarget.Workspace,
      );
      await until('the taxonomy named with ${workspaceFolder}', () =>
        api.shelfService.shelf.get('2510.00231')?.theme === 'Caches' ? true : undefined,
      );
    } finally {
      await config().update('taxonomyFile', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(file);
    }
    await until('the shipped taxonomy again', () =>
      api.shelfService.shelf.get('2510.00231')?.theme !== 'Caches' ? true : undefined,
    );
  });

  it('paperShelf.bibliographyFile: the same rule (~/… now works here too)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'latex', content: 'Text.\n' });
    const cases: [string, vscode.Uri][] = [
      ['refs/main.bib', vscode.Uri.joinPath(folder, 'refs', 'main.bib')],
      ['${workspaceFolder}/refs/main.bib', vscode.Uri.joinPath(folder, 'refs', 'main.bib')],
      ['~/library.bib', vscode.Uri.joinPath(home, 'library.bib')],
    ];
    for (const [value, expected] of cases) {
      await config().update('bibliographyFile', value, vscode.ConfigurationTarget.Workspace);
      const target = bibliographyOf(document);
      assert.equal(target.origin, 'setting', value);
      assert.equal(target.files[0]?.toString(), expected.toString(), value);
    }
  });

  it('a blank value falls back to the default', async () => {
    await config().update('citeCommand', '   ', vscode.ConfigurationTarget.Workspace);
    assert.equal(settings.citeCommand(), 'cite');
    await config().update('citeCommand', 'citep', vscode.ConfigurationTarget.Workspace);
    assert.equal(settings.citeCommand(), 'citep');
  });
});
