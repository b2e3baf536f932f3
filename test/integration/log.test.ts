// The "Paper Shelf" log in the real extension host: Show Log opens the output channel, and what
// goes wrong (a collection file that cannot be read, a taxonomy file that is missing, an answer
// from arXiv that is refused) is written there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { startReplayServer } from '../support/replayServer';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

let api: PaperShelfApi;

/** The output editor showing the Paper Shelf channel, if one is visible. */
function visibleLogEditor(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.scheme === 'output' && decodeURIComponent(e.document.uri.toString()).includes('Paper Shelf'),
  );
}

describe('Log: the Paper Shelf output channel', () => {
  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('contributes Show Log in the Paper Shelf category, with a codicon', () => {
    const commands = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as {
      command: string;
      title: string;
      category?: string;
      icon?: string;
    }[];
    const showLog = commands.find((c) => c.command === 'paperShelf.showLog');
    assert.deepEqual(showLog, {
      command: 'paperShelf.showLog',
      title: 'Show Log',
      category: 'Paper Shelf',
      icon: '$(output)',
    });
  });

  it('Show Log opens the channel in the Output panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await until('the panel closed', () => !visibleLogEditor());
    await vscode.commands.executeCommand('paperShelf.showLog');
    const editor = await until('the Paper Shelf channel in the Output panel', visibleLogEditor);
    assert.equal(api.log.channel.name, 'Paper Shelf');
    // What the shelf's load wrote is in the channel the panel shows.
    await until('the load line in the shown channel', () =>
      editor.document.getText().includes('The shipped papers are on the shelf'),
    );
  });

  it('a collection file that cannot be read writes a line to the log', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, 'not-text.papers.txt');
    const before = api.log.lines().length;
    // NUL bytes: binary data, not a collection.
    await vscode.workspace.fs.writeFile(file, new Uint8Array([0x54, 0x69, 0, 0, 0, 0x74, 0, 0xff, 0xfe, 0]));
    try {
      const line = await until('the log line naming the file', () =>
        api.log
          .lines()
          .slice(before)
          .find((l) => l.text.includes('not-text.papers.txt')),
      );
      assert.equal(line.level, 'warn');
      assert.match(line.text, /not-text\.papers\.txt was not read: This file is not text/);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  it('an arXiv answer that is refused (a redirect to another host) writes a line to the log', async function () {
    // arXiv's 3-second spacing applies to the local stand-in too.
    this.timeout(60_000);
    const server = await startReplayServer({ lifetimeMs: 60_000 });
    const config = vscode.workspace.getConfiguration('paperShelf');
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'log-refused.papers.txt');
    try {
      await config.update('arxivApiUrl', server.endpoint, vscode.ConfigurationTarget.Global);
      server.enqueue({ status: 302, headers: { location: 'http://elsewhere.example/api/query?id_list=1706.03762' } });
      const before = api.log.lines().length;
      const result = await vscode.commands.executeCommand<{ ok: boolean }>('paperShelf.addPaper', '1706.03762', {
        target: target.toString(),
      });
      assert.equal(result.ok, false);
      const line = api.log
        .lines()
        .slice(before)
        .find((l) => l.text.includes(server.endpoint));
      assert.ok(line, 'a line names the endpoint');
      assert.equal(line.level, 'error');
      assert.match(line.text, /refused 1706\.03762.*redirected to elsewhere\.example/);
    } finally {
      await config.update('arxivApiUrl', undefined, vscode.ConfigurationTarget.Global);
      await server.close();
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  it('a taxonomy file that is missing writes a line to the log', async () => {
    const config = vscode.workspace.getConfiguration('paperShelf');
    const before = api.log.lines().length;
    try {
      await config.update(
        'taxonomyFile',
        '${workspaceFolder}/no-such-themes.json',
        vscode.ConfigurationTarget.Workspace,
      );
      const line = await until('the log line naming the taxonomy file', () =>
        api.log
          .lines()
          .slice(before)
          .find((l) => l.text.includes('no-such-themes.json')),
      );
      assert.equal(line.level, 'warn');
      assert.match(line.text, /cannot be read/);
    } finally {
      await config.update('taxonomyFile', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
