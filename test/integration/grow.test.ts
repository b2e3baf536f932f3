// Growing the shelf in the real extension host: adding papers from a local replay of the arXiv
// API (never arxiv.org), the collection file written byte for byte, failures that leave every
// file as it was, watched collection files and their diagnostics, .bib import, and star / move /
// remove remembered across a reload of the shelf.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { ShelfChoices } from '../../src/core/shelf/shelf';
import type { GrowResult } from '../../src/grow/growContext';
import { type ReplayServer, refusedEndpoint, startReplayServer } from '../support/replayServer';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const GROW_FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'grow');

let api: PaperShelfApi;
let server: ReplayServer;
let folder: vscode.Uri;
let savedChoices: ShelfChoices;
const created: vscode.Uri[] = [];

const decoder = new TextDecoder('utf-8');
const uri = (name: string) => vscode.Uri.joinPath(folder, name);
const shelfFile = () => uri('shelf.papers.txt');

async function read(file: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return undefined;
  }
}

async function write(file: vscode.Uri, text: string): Promise<void> {
  if (!created.some((c) => c.toString() === file.toString())) created.push(file);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
}

function run<T = GrowResult>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Deletes the files the tests wrote and waits until the shelf has let go of them. */
async function removeCreated(): Promise<void> {
  for (const file of created.splice(0)) {
    try {
      await vscode.workspace.fs.delete(file, { useTrash: false });
    } catch {
      // Never written.
    }
  }
  await run('paperShelf.reloadShelf');
}

/** The papers row for an id in the real tree, in any group. */
async function treeHas(id: string): Promise<boolean> {
  const tree = api.browse.tree;
  for (const root of await tree.getChildren()) {
    if (root.type === 'paper' && root.paperId === id) return true;
    if (root.type === 'group')
      for (const child of await tree.getChildren(root)) if (child.type === 'paper' && child.paperId === id) return true;
  }
  return false;
}

describe('Grow: adding, importing and curating papers', function () {
  // arXiv's 3-second spacing applies to the replay server too: each fetch may wait its turn.
  this.timeout(60_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
    savedChoices = api.shelfService.shelf.getChoices();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    server = await startReplayServer({ lifetimeMs: 10 * 60_000 });
    // Application scope: only the user's (global) settings may name the endpoint.
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('arxivApiUrl', server.endpoint, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('arxivApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await removeCreated();
    await api.shelfService.saveChoices((c) => Object.assign(c, savedChoices));
    await server?.close();
  });

  afterEach(removeCreated);

  it('adds a batch of papers in one request and writes the shelf file byte for byte', async () => {
    created.push(shelfFile());
    const before = server.requests.length;
    const res = await run('paperShelf.addPaper', '1706.03762, https://arxiv.org/abs/1810.04805');
    assert.equal(res.ok, true, res.message);
    assert.deepEqual(res.done, ['1706.03762', '1810.04805']);
    assert.equal(res.message, 'Added 2 papers to shelf.papers.txt.');
    assert.equal(server.requests.length - before, 1, 'one id_list request');
    assert.deepEqual(server.requests.at(-1)!.ids, ['1706.03762', '1810.04805']);
    assert.equal(await read(shelfFile()), fs.readFileSync(path.join(GROW_FIXTURES, 'batch.papers.txt'), 'utf8'));
    const entry = api.shelfService.shelf.get('1706.03762')!;
    assert.equal(entry.paper.authors.length, 8);
    assert.deepEqual(entry.paper.categories, ['cs.CL', 'cs.LG']);
    assert.equal(entry.sourceId, shelfFile().toString());
    assert.ok(await treeHas('1810.04805'), 'the tree shows the added paper');
  });

  it('adds an old-style id, and two quick adds in a row keep both papers', async () => {
    const target = uri('quick.papers.txt');
    await write(target, 'Title: Existing paper\nPDF: https://arxiv.org/pdf/2510.01152\n---\n');
    const [a, b] = await Promise.all([
      run('paperShelf.addPaper', 'hep-th/9711200', { target: target.toString() }),
      run('paperShelf.addPaper', ['1706.03762'], { target: target.toString() }),
    ]);
    assert.equal(a.ok, true, a.message);
    assert.equal(b.ok, true, b.message);
    const text = (await read(target))!;
    assert.ok(
      text.startsWith('Title: Existing paper\nPDF: https://arxiv.org/pdf/2510.01152\n---\nTitle: '),
      'the existing text is kept as it was',
    );
    assert.match(text, /PDF: https:\/\/arxiv\.org\/pdf\/hep-th\/9711200\n/);
    assert.match(text, /Journal-Ref: Adv\.Theor\.Math\.Phys\.2:231-252,1998\n/);
    assert.match(text, /PDF: https:\/\/arxiv\.org\/pdf\/1706\.03762\n/);
    assert.equal(api.shelfService.shelf.get('hep-th/9711200')?.paper.authors[0], 'Juan M. Maldacena');
  });

  it('reports an unknown id by name and refuses what is not an id, writing nothing', async () => {
    const unknown = await run('paperShelf.addPaper', '2510.99999');
    assert.equal(unknown.ok, false);
    assert.equal(unknown.message, 'Not added: arXiv has no paper 2510.99999.');
    // An id arXiv would answer with a 400 error entry (month 13) never leaves the editor.
    const invalid = await run('paperShelf.addPaper', 'arXiv:2513.00001 not-an-id');
    assert.equal(invalid.ok, false);
    assert.equal(invalid.message, 'Not an arXiv id or link: "arXiv:2513.00001", "not-an-id". Nothing was added.');
    assert.equal(await read(shelfFile()), undefined, 'no shelf file was created');
  });

  it('leaves the file as it was on malformed XML, a redirect elsewhere or a refused connection', async () => {
    const original = 'Title: Keep me\r\nPDF: https://arxiv.org/pdf/2510.01152\r\n---\r\n';
    const target = uri('untouched.papers.txt');
    await write(target, original);
    const t = { target: target.toString() };

    server.enqueue({ fixture: 'malformed.xml' });
    const malformed = await run('paperShelf.addPaper', '1706.03762', t);
    assert.equal(malformed.ok, false);
    assert.match(
      malformed.message,
      /^The arXiv API's answer for 1706\.03762 is not valid XML: .* Nothing was added\.$/,
    );

    server.enqueue({ status: 302, headers: { location: 'http://elsewhere.example/api/query?id_list=1706.03762' } });
    const redirected = await run('paperShelf.addPaper', '1706.03762', t);
    assert.match(
      redirected.message,
      /redirected to elsewhere\.example, outside 127\.0\.0\.1:\d+; refused while fetching 1706\.03762\. Nothing was added\./,
    );

    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('arxivApiUrl', await refusedEndpoint(), vscode.ConfigurationTarget.Global);
    try {
      const refused = await run('paperShelf.addPaper', '1706.03762', t);
      assert.match(
        refused.message,
        /^Could not reach the arXiv API at 127\.0\.0\.1:\d+ \(connection refused\) while fetching 1706\.03762\./,
      );
    } finally {
      await vscode.workspace
        .getConfiguration('paperShelf')
        .update('arxivApiUrl', server.endpoint, vscode.ConfigurationTarget.Global);
    }
    assert.equal(await read(target), original, 'byte for byte as before');
    assert.equal(api.shelfService.shelf.get('1706.03762'), undefined);
  });

  it('does not write into a file with unsaved changes, and says so', async () => {
    const target = uri('dirty.papers.txt');
    const original = 'Title: Mine\nPDF: https://arxiv.org/pdf/2510.01152\n---\n';
    await write(target, original);
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const editor = await vscode.window.showTextDocument(target);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Unsaved note\n'));
    // The extension host learns of the dirty state by a message of its own, as a user would see it.
    await until('the editor dirty', () => editor.document.isDirty);
    try {
      const requests = server.requests.length;
      const res = await run('paperShelf.addPaper', '1706.03762', { target: target.toString() });
      assert.equal(res.ok, false);
      assert.equal(server.requests.length, requests, 'arXiv is not asked for papers that cannot be written');
      assert.match(
        res.message,
        /^dirty\.papers\.txt has unsaved changes in an editor; save or revert them first \(nothing was written\)\. \(1706\.03762 not added\)$/,
      );
      assert.equal(await read(target), original);
      assert.equal(editor.document.getText(), `Unsaved note\n${original}`, 'the unsaved text is still there');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
    }
  });

  it('retries after a 503 and then adds the paper', async () => {
    created.push(shelfFile());
    server.enqueue({ status: 503, headers: { 'retry-after': '1' }, body: 'Service Unavailable' });
    const before = server.requests.length;
    const res = await run('paperShelf.addPaper', '1706.03762');
    assert.equal(res.ok, true, res.message);
    assert.equal(server.requests.length - before, 2);
    assert.ok(server.requests.at(-1)!.at - server.requests.at(-2)!.at >= 1000, 'waited as Retry-After asked');
  });

  it('a watched collection file: edits change the shelf and the tree, problems go to the Problems panel', async () => {
    const file = uri('notes/reading.papers.txt');
    await write(
      file,
      'Title: Pay-Per-Search Models are Abstention Models\nPDF: https://arxiv.org/pdf/2510.01152\nTheme: My Reading\n---\nTitle: A paper of my own\nPDF: https://arxiv.org/pdf/2401.00001\n---\n',
    );
    await until('the new paper on the shelf', () => api.shelfService.shelf.get('2401.00001'));
    assert.equal(api.shelfService.shelf.get('2510.01152')?.theme, 'My Reading');
    await until('the tree row', () => treeHas('2401.00001'));

    await write(
      file,
      'Title: A paper of my own, retitled\nPDF: https://arxiv.org/pdf/2401.00001\n---\nTitle: Broken block without an id\nSummary: nothing\n---\n',
    );
    await until(
      'the new title',
      () => api.shelfService.shelf.get('2401.00001')?.paper.title === 'A paper of my own, retitled',
    );
    const diagnostics = await until('a diagnostic', () => {
      const found = vscode.languages.getDiagnostics(file);
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics[0]!.range.start.line, 3, 'the broken block starts on line 4');
    assert.equal(diagnostics[0]!.code, 'missing-id');
    assert.equal(diagnostics[0]!.source, 'Paper Shelf');
    assert.notEqual(
      api.shelfService.shelf.get('2510.01152')?.theme,
      'My Reading',
      'the Theme field went with the edit',
    );

    await vscode.workspace.fs.delete(file);
    await until('the paper gone', () => !api.shelfService.shelf.get('2401.00001'));
    assert.equal(vscode.languages.getDiagnostics(file).length, 0);
  });

  it('folders of collection files made at once (as git checkout does) are read, and a save in the editor too', async () => {
    // mkdir -p and a write straight after it: Linux's recursive watcher starts watching new
    // folders too late to see their files (parcel-bundler/watcher#97; here about one tree in
    // three of these went unseen), so a new folder is searched for collection files.
    const top = uri('checkout');
    const ids = Array.from({ length: 8 }, (_, i) => `2401.0010${i}`);
    const files = ids.map((_, i) => vscode.Uri.joinPath(top, `part${i}`, 'a', 'b', 'c', 'new.papers.txt'));
    ids.forEach((id, i) => {
      fs.mkdirSync(path.dirname(files[i]!.fsPath), { recursive: true });
      fs.writeFileSync(files[i]!.fsPath, `Title: A paper in a fresh checkout\nPDF: https://arxiv.org/pdf/${id}\n---\n`);
    });
    try {
      await until('every paper of the new folders on the shelf', () =>
        ids.every((id) => api.shelfService.shelf.get(id)),
      );
      await until('their tree rows', () => treeHas(ids[7]!));
      // An edit saved in the editor reaches the shelf, whether or not a watcher sees that folder.
      const editor = await vscode.window.showTextDocument(files[7]!);
      await editor.edit((e) => e.replace(new vscode.Range(0, 7, 0, 8), 'The'));
      assert.ok(await editor.document.save(), 'saved');
      await until(
        'the title as saved',
        () => api.shelfService.shelf.get(ids[7]!)?.paper.title === 'The paper in a fresh checkout',
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(top, { recursive: true, useTrash: false });
      await run('paperShelf.reloadShelf');
    }
    assert.equal(api.shelfService.shelf.get(ids[0]!), undefined);
  });

  it('hides and shows the shipped papers with a setting', async () => {
    const config = vscode.workspace.getConfiguration('paperShelf');
    await config.update('showShippedPapers', false, vscode.ConfigurationTarget.Workspace);
    try {
      await until('the seeds hidden', () => !api.shelfService.shelf.get('2510.01152'));
    } finally {
      await config.update('showShippedPapers', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('the seeds back', () => api.shelfService.shelf.get('2510.01152'));
  });

  it('imports a .bib file: arXiv entries with their keys and authors, the rest skipped with the reason', async () => {
    const bib = uri('import.bib');
    await write(
      bib,
      '@article{vaswani2017attention,\n  title = {Attention Is All You {Need}},\n  author = {Vaswani, Ashish and Shazeer, Noam},\n  eprint = {1706.03762},\n  archivePrefix = {arXiv}\n}\n\n@book{knuth1984,\n  title = {The {TeX}book},\n  author = {Knuth, Donald E.}\n}\n\n@misc{wu2025editreward,\n  title = {EditReward},\n  eprint = {2509.26346},\n  archivePrefix = {arXiv}\n}\n',
    );
    const target = uri('imported.papers.txt');
    created.push(target);
    const res = await run('paperShelf.importBibtex', bib, { target: target.toString() });
    assert.equal(res.ok, true, res.message);
    assert.equal(
      res.message,
      'Imported 1 paper from import.bib into imported.papers.txt. 1 paper already on the shelf (1 key kept from the .bib). 1 skipped.',
    );
    assert.deepEqual(
      res.failed.map((f) => f.id),
      ['knuth1984'],
    );
    assert.match(res.failed[0]!.reason, /^line 8: no arXiv id/);
    assert.equal(
      await read(target),
      'Title: Attention Is All You Need\nPDF: https://arxiv.org/pdf/1706.03762\nAuthors: Ashish Vaswani and Noam Shazeer\nKey: vaswani2017attention\n---\n',
    );
    assert.equal(api.shelfService.shelf.get('1706.03762')?.key, 'vaswani2017attention');
    assert.equal(
      api.shelfService.shelf.get('2509.26346')?.key,
      'wu2025editreward',
      'the shipped paper takes the .bib key',
    );
  });

  it('refreshes metadata into a collection file and keeps a cited key', async () => {
    const file = uri('bare.papers.txt');
    await write(file, 'Title: Attention Is All You Need\nPDF: https://arxiv.org/pdf/1706.03762\n---\n');
    const entry = await until('the bare paper', () => api.shelfService.shelf.get('1706.03762'));
    const key = entry.key;
    await write(uri('cites.tex'), `As shown by \\cite{${key}}, attention suffices.\n`);
    const res = await run('paperShelf.refreshMetadata', '1706.03762');
    assert.equal(res.ok, true, res.message);
    assert.equal(res.message, 'Refreshed 1 paper from arXiv (written to bare.papers.txt).');
    assert.equal(
      await read(file),
      'Title: Attention Is All You Need\nPDF: https://arxiv.org/pdf/1706.03762\nAuthors: Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit and Llion Jones and Aidan N. Gomez and Lukasz Kaiser and Illia Polosukhin\nPublished: 2017-06-12\nUpdated: 2023-08-02\nCategories: cs.CL cs.LG\nComment: 15 pages, 5 figures\n---\n',
    );
    const after = api.shelfService.shelf.get('1706.03762')!;
    assert.equal(after.paper.authors[0], 'Ashish Vaswani');
    assert.equal(after.key, key, 'the cited key did not change');
    assert.equal(api.shelfService.shelf.getChoices().pinnedKeys['1706.03762'], key);
  });

  it('star, move and remove are written where co-authors see them and survive a reload', async () => {
    const file = uri('team.papers.txt');
    await write(
      file,
      'Title: A paper of the team\nPDF: https://arxiv.org/pdf/2401.00002\nSummary: Shared.\n---\nTitle: Another one\nPDF: https://arxiv.org/pdf/2401.00003\n---\n',
    );
    await until('the team file on the shelf', () => api.shelfService.shelf.get('2401.00003'));
    const seedId = '2510.01152';

    const starred = await run('paperShelf.star', '2401.00002');
    assert.equal(starred.ok, true, starred.message);
    await run('paperShelf.star', { paperId: seedId });
    await vscode.commands.executeCommand('paperShelf.moveToTheme', '2401.00002', undefined, 'Team Picks');
    await vscode.commands.executeCommand('paperShelf.moveToTheme', { paperId: seedId }, undefined, 'Team Picks');
    assert.equal(
      await read(file),
      'Title: A paper of the team\nPDF: https://arxiv.org/pdf/2401.00002\nTags: starred\nTheme: Team Picks\nSummary: Shared.\n---\nTitle: Another one\nPDF: https://arxiv.org/pdf/2401.00003\n---\n',
    );
    const removed = await run('paperShelf.removeFromShelf', '2401.00003');
    assert.equal(removed.message, 'Removed “Another one” from the shelf (and from team.papers.txt).');
    assert.equal(
      await read(file),
      'Title: A paper of the team\nPDF: https://arxiv.org/pdf/2401.00002\nTags: starred\nTheme: Team Picks\nSummary: Shared.\n---\n',
    );
    await run('paperShelf.removeFromShelf', '2509.26346');

    await run('paperShelf.reloadShelf');
    const shelf = api.shelfService.shelf;
    assert.equal(shelf.get('2401.00002')?.starred, true);
    assert.equal(shelf.get('2401.00002')?.theme, 'Team Picks');
    assert.equal(shelf.get(seedId)?.starred, true);
    assert.equal(shelf.get(seedId)?.theme, 'Team Picks');
    assert.equal(shelf.get('2401.00003'), undefined);
    assert.equal(shelf.get('2509.26346'), undefined, 'a removed shipped paper stays hidden');
    assert.ok(api.shelfService.shelf.getChoices().hidden.includes('2509.26346'));

    const unstarred = await run('paperShelf.unstar', '2401.00002');
    assert.equal(unstarred.ok, true);
    assert.equal(
      await read(file),
      'Title: A paper of the team\nPDF: https://arxiv.org/pdf/2401.00002\nTheme: Team Picks\nSummary: Shared.\n---\n',
    );
    // Adding a removed shipped paper puts it back without asking arXiv.
    const back = await run('paperShelf.addPaper', '2509.26346');
    assert.equal(back.ok, true, back.message);
    assert.ok(shelf.get('2509.26346'));
  });

  it('Move to Theme… from the palette shows its picker while collection files are read, and moves once they are', async () => {
    const file = uri('later.papers.txt');
    await write(file, 'Title: A paper to move\nPDF: https://arxiv.org/pdf/2401.00007\nSummary: Moved later.\n---\n');
    await until('the file on the shelf', () => api.shelfService.shelf.get('2401.00007'));
    // Work still feeding the shelf (a large file being read, say) until released.
    let release!: () => void;
    void api.shelfService.track(new Promise<void>((resolve) => (release = resolve)));
    try {
      const command = vscode.commands.executeCommand('paperShelf.moveToTheme', undefined, undefined, 'Read Later');
      const picker = await until('the picker, before the shelf settles', () => api.activePicker(), 10_000);
      picker.type('2401.00007');
      await picker.idle();
      const row = await until('the paper in the picker', () =>
        picker.quickPick.items.find((i) => i.label.includes('A paper to move')),
      );
      picker.accept(row);
      // Picked: the move waits for the files still being read, and writes nothing before.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.doesNotMatch((await read(file))!, /Theme:/);
      release();
      await command;
      assert.equal(
        await read(file),
        'Title: A paper to move\nPDF: https://arxiv.org/pdf/2401.00007\nTheme: Read Later\nSummary: Moved later.\n---\n',
      );
    } finally {
      release();
    }
  });
});
