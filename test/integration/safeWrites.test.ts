// Safe writes in the real extension host, with real faults:
// - a full disk: scripts/run-integration.mjs mounts a 64 KB tmpfs at full-disk/ in the workspace
//   copy, holding collection.txt and full.bib, and fills it (needs root); writes there fail with
//   ENOSPC from the kernel;
// - a file another program changes while Paper Shelf writes it: on disk, by a writer that never
//   stops, and deterministically through a file system provider the test registers (psx-disk:,
//   the real disk underneath) that lets "the other program" write at the exact moment Paper Shelf
//   has written its temporary file and not yet looked at the target again. No hook in the
//   extension: it writes through vscode.workspace.fs as it does for any folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';
import type { GrowResult } from '../../src/grow/growContext';
import { startReplayServer, type ReplayServer } from '../support/replayServer';
import { freeBytes, isTmpfs, NEEDS_ROOT } from '../support/tmpfs';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const TEMP = /\.paper-shelf-.*\.tmp$/;

let api: PaperShelfApi;
let folder: vscode.Uri;
let server: ReplayServer;
const created: string[] = [];

function run<T = GrowResult>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
}

/** Every file (name -> bytes) in a folder, to prove nothing else was written or left behind. */
function snapshot(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), 'latin1')]),
  );
}

function put(name: string, text: string): string {
  const file = path.join(folder.fsPath, name);
  fs.writeFileSync(file, text);
  created.push(file);
  return file;
}

/** A .bib with two arXiv papers that are on no shelf: importing it writes a collection file without asking the network. */
const IMPORT_BIB = [
  '@article{first2025tapped,\n  title = {First Paper Imported While The File Changed},\n  author = {Ada Writer},\n  year = {2025},\n  eprint = {2509.10001},\n  archivePrefix = {arXiv},\n}\n',
  '@article{second2025tapped,\n  title = {Second Paper Imported While The File Changed},\n  author = {Bo Writer},\n  year = {2025},\n  eprint = {2509.10002},\n  archivePrefix = {arXiv},\n}\n',
].join('\n');
const OURS = /arxiv\.org\/pdf\/2509\.10001[\s\S]*arxiv\.org\/pdf\/2509\.10002/;

const block = (n: number) =>
  `Title: Written by the other program, version ${n}\nID: 2509.2${String(n).padStart(4, '0')}\nSummary: Not Paper Shelf's.\n---\n`;

/**
 * The disk under a scheme of its own: psx-disk://tap/abs/path is /abs/path. After Paper Shelf writes a
 * temporary file (.NAME.paper-shelf-*.tmp) it calls `afterTempWrite`, which plays another program.
 */
class TappedDisk implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  afterTempWrite: ((count: number) => void) | undefined;
  tempWrites: string[] = [];

  static uri(file: string): vscode.Uri {
    return vscode.Uri.from({ scheme: 'psx-disk', authority: 'tap', path: file });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const s = this.fs(uri, () => fs.statSync(uri.path));
    return {
      type: s.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File,
      ctime: s.ctimeMs,
      mtime: s.mtimeMs,
      size: s.size,
    };
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    return this.fs(uri, () =>
      fs
        .readdirSync(uri.path, { withFileTypes: true })
        .map((e) => [e.name, e.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File]),
    );
  }
  createDirectory(uri: vscode.Uri): void {
    this.fs(uri, () => fs.mkdirSync(uri.path, { recursive: true }));
  }
  readFile(uri: vscode.Uri): Uint8Array {
    return this.fs(uri, () => fs.readFileSync(uri.path));
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.fs(uri, () => fs.writeFileSync(uri.path, content));
    if (TEMP.test(uri.path)) {
      this.tempWrites.push(uri.path);
      this.afterTempWrite?.(this.tempWrites.length);
    }
  }
  delete(uri: vscode.Uri): void {
    this.fs(uri, () => fs.rmSync(uri.path, { recursive: true }));
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    this.fs(from, () => fs.renameSync(from.path, to.path));
  }
  private fs<T>(uri: vscode.Uri, work: () => T): T {
    try {
      return work();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw vscode.FileSystemError.FileNotFound(uri);
      throw err;
    }
  }
}

describe('Safe writes: a full disk and files that change mid-write, for real', function () {
  this.timeout(60_000);
  let fullDisk: string;
  let tapped: TappedDisk;

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.settled();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    fullDisk = path.join(folder.fsPath, 'full-disk');
    server = await startReplayServer({ lifetimeMs: 10 * 60_000 });
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('arxivApiUrl', server.endpoint, vscode.ConfigurationTarget.Global);
    tapped = new TappedDisk();
    put('tapped.bib', IMPORT_BIB);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('arxivApiUrl', undefined, vscode.ConfigurationTarget.Global);
    for (const file of created.splice(0)) fs.rmSync(file, { force: true });
    await run('paperShelf.reloadShelf');
    await server?.close();
  });

  describe('on a full disk (a 64 KB tmpfs filled to the last byte)', () => {
    before(function () {
      if (!isTmpfs(fullDisk)) {
        throw new Error(`${fullDisk} is not a tmpfs: scripts/run-integration.mjs mounts one there, and ${NEEDS_ROOT}`);
      }
      assert.equal(freeBytes(fullDisk), 0, 'the tmpfs is full');
    });

    it('Add Paper into a collection file there: an error saying the disk is full; the file and the disk are as they were', async () => {
      const target = path.join(fullDisk, 'collection.txt');
      const before = snapshot(fullDisk);
      const res = await run('paperShelf.addPaper', '1706.03762', { target: vscode.Uri.file(target).toString() });
      assert.equal(res.ok, false, res.message);
      assert.equal(
        res.message,
        'Could not write full-disk/collection.txt: the disk is full (no space left on the device). The file is as it was. (1706.03762 not added)',
      );
      assert.deepEqual(
        res.failed.map((f) => f.id),
        ['1706.03762'],
      );
      assert.equal(server.requests.length, 1, 'the paper was fetched: the write itself failed');
      assert.deepEqual(
        snapshot(fullDisk),
        before,
        'collection.txt, full.bib and the filler byte for byte; no temporary file',
      );
      assert.equal(freeBytes(fullDisk), 0);
      assert.equal(api.shelfService.shelf.get('1706.03762'), undefined, 'nothing half-added to the shelf');
    });

    it('Add to Bibliography into a .bib there: an error saying the disk is full and nothing was added; the .bib on disk is as it was', async () => {
      const bib = path.join(fullDisk, 'full.bib');
      const before = snapshot(fullDisk);
      put('full-disk-draft.tex', 'Text.\n\\bibliography{full-disk/full}\n');
      const draft = await vscode.workspace.openTextDocument(
        vscode.Uri.file(path.join(folder.fsPath, 'full-disk-draft.tex')),
      );
      await vscode.window.showTextDocument(draft);
      const res = await run<CiteResult>('paperShelf.addToBibliography', '2510.01152');
      assert.equal(res.status, 'failed', JSON.stringify(res));
      assert.match(
        res.message ?? '',
        /^Paper Shelf: Could not add the entry to full-disk\/full\.bib: the disk is full \(no space left on the device\)\. The file is as it was; nothing was added\.$/,
      );
      assert.deepEqual(snapshot(fullDisk), before, 'full.bib and the filler byte for byte; no temporary file');
      const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === bib);
      assert.ok(!open?.isDirty, 'no unsaved half-edit left in an editor either');
    });
  });

  describe('a collection file another program changes while Paper Shelf writes it', () => {
    let registration: vscode.Disposable;
    before(() => {
      registration = vscode.workspace.registerFileSystemProvider('psx-disk', tapped);
    });
    after(() => {
      registration?.dispose();
    });
    beforeEach(() => {
      tapped.tempWrites = [];
      tapped.afterTempWrite = undefined;
    });

    it('changed on every attempt: refused after three with "kept changing"; the file holds exactly the other program\'s last text', async () => {
      const file = put('tapped-always.txt', block(0));
      let last = block(0);
      tapped.afterTempWrite = (n) => fs.writeFileSync(file, (last = block(0) + block(n))); // an editor saving again and again
      const res = await run('paperShelf.importBibtex', TappedDisk.uri(path.join(folder.fsPath, 'tapped.bib')), {
        target: TappedDisk.uri(file).toString(),
      });
      assert.equal(res.ok, false, res.message);
      assert.match(
        res.message,
        /tapped-always\.txt kept changing while Paper Shelf was writing; nothing was written\. Try again\. Nothing was imported from .*tapped\.bib\.$/,
      );
      assert.equal(tapped.tempWrites.length, 3, 'three attempts, then it gives up');
      assert.equal(fs.readFileSync(file, 'utf8'), last, "the other program's last text, not ours, not truncated");
      assert.equal(last, block(0) + block(3));
      assert.deepEqual(
        fs.readdirSync(folder.fsPath).filter((n) => TEMP.test(n)),
        [],
        'no temporary file left',
      );
    });

    it('on the real disk (file:), a program rewriting the file without pause: "kept changing", and its last text is what is on disk', async () => {
      const file = put('busy.txt', block(0));
      let last = block(0);
      let writes = 0;
      let running = true;
      // Rewrites the file on every turn of the extension host's event loop until the import ends,
      // by truncating and writing as most editors save, so Paper Shelf may read it half-written,
      // even twice alike: the modification time still tells it the file changed in between.
      const rewrite = (): void => {
        if (!running) return;
        fs.writeFileSync(file, (last = block(0) + block(++writes)));
        setImmediate(rewrite);
      };
      setImmediate(rewrite);
      let res: GrowResult;
      try {
        res = await run('paperShelf.importBibtex', vscode.Uri.file(path.join(folder.fsPath, 'tapped.bib')), {
          target: vscode.Uri.file(file).toString(),
        });
      } finally {
        running = false;
      }
      assert.ok(writes > 3, `${writes} rewrites`);
      assert.equal(res.ok, false, res.message);
      assert.equal(
        res.message,
        'busy.txt kept changing while Paper Shelf was writing; nothing was written. Try again. Nothing was imported from tapped.bib.',
      );
      assert.equal(fs.readFileSync(file, 'utf8'), last, "the other program's last text, not ours, not truncated");
      assert.doesNotMatch(last, /2509\.1000[12]/);
      assert.deepEqual(
        fs.readdirSync(folder.fsPath).filter((n) => TEMP.test(n)),
        [],
        'no temporary file left',
      );
    });

    // Last: the papers it imports join the shelf, and the other tests need them not to be there.
    it('changed once, after the temporary file was written: Paper Shelf starts again from the new text and adds on top of it (both kept)', async () => {
      const file = put('tapped-once.txt', block(0));
      tapped.afterTempWrite = (n) => {
        if (n === 1) fs.writeFileSync(file, block(0) + block(1));
      };
      const res = await run('paperShelf.importBibtex', TappedDisk.uri(path.join(folder.fsPath, 'tapped.bib')), {
        target: TappedDisk.uri(file).toString(),
      });
      assert.equal(res.ok, true, res.message);
      assert.deepEqual(res.done, ['2509.10001', '2509.10002']);
      assert.equal(tapped.tempWrites.length, 2, 'a second attempt');
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith(block(0) + block(1)), "the other program's text first, byte for byte");
      assert.match(text.slice((block(0) + block(1)).length), OURS);
      assert.deepEqual(
        fs.readdirSync(folder.fsPath).filter((n) => TEMP.test(n)),
        [],
        'no temporary file left',
      );
      await until('the imported papers on the shelf', () => api.shelfService.shelf.get('2509.10002'));
    });
  });
});
