// Where the discovered themes are remembered: the model's text in a file of the workspace's
// storage, the workspace state only naming it (VS Code copies the workspace state through JSON in
// one step of the extension host when it saves it, and a large shelf's model is megabytes). Each
// test makes a ShelfService of its own over a context of its own (a storage folder in a temporary
// directory, the workspace state in memory), as activation would, and a second one as the next
// start of VS Code would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { ShelfService } from '../../src/shelf/shelfService';
import { Log } from '../../src/log/log';
import { parseCollection } from '../../src/core/collection/collection';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const KEY = 'paperShelf.themeModel';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
  setKeysForSync(): void {}
}

describe('Themes remembered in the workspace storage', function () {
  this.timeout(60_000);
  let api: PaperShelfApi;
  let extensionUri: vscode.Uri;
  let dir: string;
  const services: ShelfService[] = [];

  before(async () => {
    const extension = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!;
    api = await extension.activate();
    extensionUri = extension.extensionUri;
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-storage-'));
  });

  afterEach(() => {
    for (const s of services.splice(0)) s.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A context as activation gets it; `storage` null: no workspace storage folder (no folder open). */
  function context(workspaceState = new MemoryMemento(), storage: string | null = path.join(dir, 'ws')) {
    return {
      workspaceState,
      globalState: new MemoryMemento(),
      extensionUri,
      storageUri: storage === null ? undefined : vscode.Uri.file(storage),
    } as unknown as vscode.ExtensionContext;
  }

  /** A ShelfService as activation makes it, once its themes settled; `discovered`: whether it found them afresh. */
  async function started(ctx: vscode.ExtensionContext): Promise<ShelfService & { discovered: boolean }> {
    const log = new Log(api.log.channel);
    const service = new ShelfService(ctx, log);
    services.push(service);
    await service.ready();
    await service.settled();
    const discovered = log.lines().some((l) => /^Discovered \d+ themes/.test(l.text));
    return Object.assign(service, { discovered });
  }

  it('keeps the model in a file the workspace state names; the next start restores it from there', async () => {
    const ctx = context();
    const first = await started(ctx);
    const model = first.themes.model;
    assert.ok(model, 'the shipped papers have discovered themes');
    const stored = ctx.workspaceState.get<{ file: string; length: number }>(KEY);
    const file = path.join(dir, 'ws', 'theme-model.json');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(stored, { file: 'theme-model.json', length: text.length });
    assert.deepEqual(JSON.parse(text), model.toJSON());

    assert.ok(first.discovered);
    const next = await started(ctx);
    assert.equal(next.discovered, false, 'restored, not discovered afresh');
    assert.deepEqual(next.themes.model?.toJSON(), model.toJSON());
    assert.deepEqual(
      next.shelf.entries().map((e) => e.theme),
      first.shelf.entries().map((e) => e.theme),
    );
  });

  it('a model remembered by an earlier version (its text in the workspace state) is still restored', async () => {
    const first = await started(context(new MemoryMemento(), null));
    const text = JSON.stringify(first.themes.model!.toJSON());
    assert.equal(first.themes.model && typeof text, 'string');
    const state = new MemoryMemento();
    await state.update(KEY, text);
    const next = await started(context(state));
    assert.equal(next.discovered, false);
    assert.deepEqual(next.themes.model?.toJSON(), first.themes.model!.toJSON());
  });

  it('a missing or cut file is not taken: the themes are discovered afresh, and remembered again', async () => {
    const ctx = context();
    const first = await started(ctx);
    const file = path.join(dir, 'ws', 'theme-model.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length - 10));
    const cut = await started(ctx);
    assert.ok(cut.discovered, 'a cut file is not taken');
    assert.deepEqual(cut.themes.model?.toJSON(), first.themes.model!.toJSON(), 'the same themes, found again');
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'remembered whole again');
    fs.rmSync(file);
    const gone = await started(ctx);
    assert.ok(gone.discovered && gone.themes.model, 'discovered afresh');
    assert.ok(fs.existsSync(file));
  });

  it('without a workspace storage folder (no folder open) the model stays in the workspace state', async () => {
    const ctx = context(new MemoryMemento(), null);
    const first = await started(ctx);
    const stored = ctx.workspaceState.get<unknown>(KEY);
    assert.equal(typeof stored, 'string');
    assert.deepEqual(JSON.parse(stored as string), first.themes.model!.toJSON());
  });

  it('papers that arrive while the themes are discovered are filed by the new themes, and looked at again', async () => {
    const service = await started(context());
    const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'themes', 'testing.papers.txt');
    const papers = parseCollection(fs.readFileSync(fixture, 'utf8'), 'fixture').papers;
    // A discovery of the shipped papers starts; the fixture's papers come before it ends.
    const rediscovering = service.rediscover();
    service.shelf.setSource('integration-test:arrived', papers);
    await rediscovering;
    await service.settled();
    const themes = new Set(service.shelf.entries().map((e) => e.theme));
    assert.ok(themes.has('Flaky Tests'), `the newcomers' own themes were discovered: ${[...themes].join(', ')}`);
    const model = service.themes.model!;
    for (const p of papers)
      assert.ok(model.find(service.shelf.get(p.id)!.theme), `${p.id} is filed under a discovered theme`);
  });
});
