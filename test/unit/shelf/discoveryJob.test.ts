import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STALE } from '../../../src/core/collection/readerProtocol';
import { readTaxonomy, shelfOptions } from '../../../src/core/shelf/shelfFactory';
import { Shelf } from '../../../src/core/shelf/shelf';
import { ShelfThemes } from '../../../src/core/shelf/shelfThemes';
import { runSteps } from '../../../src/core/runtime/yieldToHost';
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
  return { model: model.toJSON(), ids: [...assignments.keys()], themes: [...assignments.values()], report };
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
    const { reply } = await c.discover(entries, { userThemes: [...userThemes], taxonomy: TAXONOMY });
    assert.equal(reply.kind, 'themes');
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, userThemes);
    assert.deepEqual(reply.model, here.model);
    assert.deepEqual(reply.ids, here.ids);
    assert.deepEqual(reply.themes, here.themes);
    assert.deepEqual(reply.report, here.report);
    assert.ok(reply.report.themes > 1, 'themes were found');
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
    const { reply } = await c.discover(entries, { userThemes: [], previous: before.model, taxonomy: TAXONOMY });
    assert.equal(reply.kind, 'themes');
    if (reply.kind !== 'themes') return;
    const here = discoverHere(entries, new Map(), before.model);
    assert.deepEqual(reply.model, here.model);
    assert.deepEqual(reply.themes, here.themes);
    assert.deepEqual(reply.report, here.report);
  });

  it('a request described from an older read is refused as stale (the host then discovers itself)', async () => {
    const c = workerChannel();
    const first = (await c.read(blocks.join(''))).assembled;
    const table = c.describe(shelfOf(first.papers).entries());
    await c.read(applyEdit(blocks, { kind: 'change', at: 2, text: 'Changed.' }).join(''));
    const { reply } = await c.discoverTable(table, { userThemes: [] });
    assert.equal(reply.kind === 'failed' && reply.code, STALE);
  });
});
