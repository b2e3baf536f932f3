import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STALE } from '../../../src/core/collection/readerProtocol';
import { readTaxonomy, shelfOptions } from '../../../src/core/shelf/shelfFactory';
import { Shelf } from '../../../src/core/shelf/shelf';
import { ShelfThemes } from '../../../src/core/shelf/shelfThemes';
import { runSteps } from '../../../src/core/runtime/yieldToHost';
import { ThemeModel } from '../../../src/core/themes/themeModel';
import { assignmentsSteps, packModel, unpackModel, type Discovered } from '../../../src/core/shelf/discoveryJob';
import type { ShelfEntry } from '../../../src/core/model/types';
import { applyEdit, newBlock, seedBlocks } from '../../support/editedShelf';
import { KEY, workerChannel } from '../../support/workerChannel';
import { REPO_ROOT } from '../../support/paths';

const TAXONOMY = {
  file: 'seeds/themes.json',
  text: fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'themes.json'), 'utf8'),
};

/** The host's discovery of `entries`, as ShelfService runs it when there is no worker. */
function discoverHere(entries: readonly ShelfEntry[], userThemes: Map<string, string>, previous?: unknown) {
  const classifier = readTaxonomy(TAXONOMY.text, TAXONOMY.file).classifier;
  const themes = new ShelfThemes(() => classifier);
  if (previous !== undefined) assert.ok(themes.restore(previous));
  const { model, assignments, report } = runSteps(themes.discover(entries, userThemes));
  return { model: model.toJSON(), assignments, report };
}

/** The worker's answer as the host takes it in: the model it remembers and restores, every paper's theme, the report. */
function decoded(entries: readonly ShelfEntry[], found: Discovered) {
  const restored = ThemeModel.fromJSON(unpackModel(found.model));
  assert.ok(restored, 'the packed model restores');
  return {
    remembered: JSON.parse(found.modelText) as unknown,
    restored: restored.toJSON(),
    assignments: runSteps(assignmentsSteps(entries, found)),
    report: found.report,
  };
}

function shelfOf(papers: Parameters<Shelf['setSource']>[1], themes?: ShelfThemes): Shelf {
  const classifier = readTaxonomy(TAXONOMY.text, TAXONOMY.file).classifier!;
  const shelf = new Shelf(
    shelfOptions(
      () => themes ?? classifier,
      () => undefined,
    ),
  );
  shelf.setSource(KEY, papers);
  return shelf;
}

describe('discoveryJob: the themes discovered in the collection worker', () => {
  const blocks = [...seedBlocks(), ...Array.from({ length: 30 }, (_, i) => newBlock(i))];

  it('finds the model, themes and report the host finds, from the papers it holds', async () => {
    const c = workerChannel();
    const read = (await c.read(blocks.join(''))).assembled;
    const entries = shelfOf(read.papers).entries();
    const userThemes = new Map([[entries[4]!.paper.id, 'My own theme']]);
    const { reply, transfer } = await c.discover(entries, { userThemes: [...userThemes], taxonomy: TAXONOMY });
    assert.equal(reply.kind, 'themes');
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, userThemes);
    const host = decoded(entries, reply);
    assert.deepEqual(host.remembered, here.model);
    assert.deepEqual(host.restored, here.model);
    assert.deepEqual(host.assignments, here.assignments);
    assert.equal(host.assignments.size, entries.length, 'every paper has its theme');
    assert.deepEqual(host.report, here.report);
    assert.ok(reply.report.themes > 1, 'themes were found');
    // No ids cross: a theme per entry, by number, in a buffer that moved.
    assert.ok(reply.themes.length < entries.length && reply.themeOf.length === entries.length);
    assert.ok(transfer?.length && transfer.every((b) => b.byteLength === 0), 'the typed arrays were transferred');
  });

  it('a packed model restores to the very model it was packed from', async () => {
    const c = workerChannel();
    const read = (await c.read(blocks.join(''))).assembled;
    const here = discoverHere(shelfOf(read.papers).entries(), new Map());
    const packed = structuredClone(packModel(here.model));
    assert.deepEqual(ThemeModel.fromJSON(unpackModel(packed))!.toJSON(), here.model);
    assert.equal(packed.centreAt.at(-1), packed.idx.length);
  });

  it('a rediscovery after an edit carries the earlier names over as the host does', async () => {
    const c = workerChannel();
    const first = (await c.read(blocks.join(''))).assembled;
    const before = discoverHere(shelfOf(first.papers).entries(), new Map());
    const edited = (
      await c.read(
        applyEdit(applyEdit(blocks, { kind: 'remove', at: 7 }), { kind: 'add', at: 3, block: newBlock(99) }).join(''),
      )
    ).assembled;
    // The shelf as the host has it then: filed under the earlier model.
    const themes = new ShelfThemes(() => readTaxonomy(TAXONOMY.text, TAXONOMY.file).classifier);
    assert.ok(themes.restore(before.model));
    const entries = shelfOf(edited.papers, themes).entries();
    const previous = JSON.stringify(before.model);
    const { reply } = await c.discover(entries, { userThemes: [], previous, taxonomy: TAXONOMY });
    assert.equal(reply.kind, 'themes');
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, new Map(), before.model);
    const host = decoded(entries, reply);
    assert.deepEqual(host.remembered, here.model);
    assert.deepEqual(host.restored, here.model);
    assert.deepEqual(host.assignments, here.assignments);
    assert.deepEqual(host.report, here.report);
    assert.ok(here.report.themes > 1);
  });

  it('a damaged remembered model is a first discovery there as here', async () => {
    const c = workerChannel();
    const entries = shelfOf((await c.read(blocks.join(''))).assembled.papers).entries();
    const { reply } = await c.discover(entries, {
      userThemes: [],
      previous: '{"version": 1, "feat',
      taxonomy: TAXONOMY,
    });
    assert.equal(reply.kind, 'themes');
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, new Map());
    assert.deepEqual(decoded(entries, reply).remembered, here.model);
    assert.deepEqual(decoded(entries, reply).report, here.report);
  });

  it('a request described from an older read is refused as stale (the host then discovers itself)', async () => {
    const c = workerChannel();
    const first = (await c.read(blocks.join(''))).assembled;
    const table = c.describe(shelfOf(first.papers).entries());
    await c.read(applyEdit(blocks, { kind: 'change', at: 2, text: 'Changed.' }).join(''));
    const { reply } = await c.discoverTable(table, { userThemes: [] });
    assert.equal(reply.kind === 'failed' && reply.code, STALE);
  });

  it('a request described from an older read is answered when the reads since changed no paper (a save reported twice)', async () => {
    const c = workerChannel();
    const first = (await c.read(blocks.join(''))).assembled;
    const entries = shelfOf(first.papers).entries();
    const table = c.describe(entries);
    const later = c.describe(entries);
    // The same text read again, twice: every paper the same object, a newer read.
    const again = (await c.read(blocks.join(''))).assembled;
    await c.read(blocks.join(''));
    assert.ok(again.read > first.read && again.papers.every((p, i) => p === first.papers[i]));
    const { reply } = await c.discoverTable(table, { userThemes: [], taxonomy: TAXONOMY });
    assert.equal(reply.kind, 'themes', `answered ${reply.kind === 'failed' ? reply.code : reply.kind}`);
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, new Map());
    assert.deepEqual(decoded(entries, reply).assignments, here.assignments);
    // After a read that changed a paper, a table from the first read is refused.
    await c.read(applyEdit(blocks, { kind: 'change', at: 2, text: 'Changed.' }).join(''));
    const stale = (await c.discoverTable(later, { userThemes: [], taxonomy: TAXONOMY })).reply;
    assert.equal(stale.kind === 'failed' && stale.code, STALE);
  });
});
