// Which papers a command acts on, decided by the one resolver (src/pick/resolvePapers.ts) for
// every paper command: the tree's row and selection, an id or key, a `{ paperId }`, an array of
// those; a paper not on the shelf is named the same way by every command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import type { GrowResult } from '../../src/grow/growContext';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const A = '2510.01152';
const B = '2509.26346';
const UNKNOWN = '1234.99999';

describe('Resolving the papers of a command: one resolver for all', () => {
  let api: PaperShelfApi;
  let saved: ReturnType<PaperShelfApi['shelfService']['shelf']['getChoices']>;

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
    saved = api.shelfService.shelf.getChoices();
  });

  after(async () => {
    await api.shelfService.saveChoices((c) => Object.assign(c, saved));
  });

  it('an array of ids and keys reaches every paper named, once (star and unstar, as cite does)', async () => {
    const keyOfB = api.shelfService.shelf.get(B)!.key;
    const starred = await vscode.commands.executeCommand<GrowResult>('paperShelf.star', [A, keyOfB, `arXiv:${A}v1`]);
    assert.deepEqual(starred.done, [A, B]);
    assert.equal(api.shelfService.shelf.get(A)?.starred, true);
    assert.equal(api.shelfService.shelf.get(B)?.starred, true);
    const unstarred = await vscode.commands.executeCommand<GrowResult>('paperShelf.unstar', [{ paperId: A }, B]);
    assert.deepEqual(unstarred.done, [A, B]);
    assert.equal(api.shelfService.shelf.get(A)?.starred, false);
  });

  it("the tree's selection (second argument) wins over the row clicked", async () => {
    const result = await vscode.commands.executeCommand<GrowResult>('paperShelf.star', { paperId: A }, [
      { paperId: A },
      { paperId: B },
    ]);
    assert.deepEqual(result.done, [A, B]);
    await vscode.commands.executeCommand('paperShelf.unstar', undefined, [{ paperId: A }, { paperId: B }]);
    assert.equal(api.shelfService.shelf.get(B)?.starred, false);
  });

  it('a paper not on the shelf is named in the same words by every command', async () => {
    const cited = await vscode.commands.executeCommand<CiteResult>('paperShelf.copyBibtex', UNKNOWN);
    assert.equal(cited.status, 'unknown-paper');
    const refreshed = await vscode.commands.executeCommand<GrowResult>('paperShelf.refreshMetadata', UNKNOWN);
    assert.equal(refreshed.ok, false);
    for (const message of [cited.message, refreshed.message])
      assert.match(
        message ?? '',
        /: “1234\.99999” is not on the shelf\. Add it with “Paper Shelf: Add Papers from arXiv…” first\.$/,
      );
  });

  it('papers on the shelf are still acted on when others named are not', async () => {
    const result = await vscode.commands.executeCommand<CiteResult>('paperShelf.copyBibtex', [UNKNOWN, A]);
    assert.equal(result.status, 'copied');
    assert.deepEqual(result.keys, [api.shelfService.shelf.get(A)!.key]);
  });

  it('from the palette with nothing to pick, it waits for the files still being read before it says so', async () => {
    await api.shelfService.saveChoices((c) => (c.starred = []));
    // Nothing starred, and the shelf settled: Unstar has nothing to offer and opens no picker.
    assert.equal(await vscode.commands.executeCommand('paperShelf.unstar'), undefined);
    assert.equal(api.activePicker(), undefined);

    // Work still feeding the shelf (a collection file being read) that stars a paper once done.
    let release!: () => void;
    void api.shelfService.track(new Promise<void>((resolve) => (release = resolve)));
    let ended = false;
    const command = Promise.resolve(vscode.commands.executeCommand('paperShelf.unstar')).then(() => (ended = true));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(ended, false, 'it waits for the shelf before saying there is nothing to pick');
      assert.equal(api.activePicker(), undefined);
      await api.shelfService.saveChoices((c) => (c.starred = [A]));
    } finally {
      release();
    }
    const picker = await until('the picker offering the starred paper', () => api.activePicker());
    await picker.idle();
    assert.ok(
      picker.quickPick.items.some((i) => i.description?.startsWith(A)),
      'the starred paper is offered',
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await command;
    assert.equal(api.shelfService.shelf.get(A)?.starred, true, 'cancelled: nothing changed');
  });
});
