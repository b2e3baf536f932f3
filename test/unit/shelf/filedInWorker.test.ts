// Filing a large file's papers in the collection worker: the worker makes the shelf's themes again
// from the host's description (ThemesSpec) and files the papers it sends, as the host would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTaxonomy } from '../../../src/core/themes/taxonomy';
import { ThemeClassifier } from '../../../src/core/themes/themes';
import { ShelfThemes, themesFrom, type ThemesSpec } from '../../../src/core/shelf/shelfThemes';
import { runSteps } from '../../../src/core/runtime/yieldToHost';
import { parseCollection } from '../../../src/core/collection/collection';
import type { Paper } from '../../../src/core/model/types';
import { papersOfBatch } from '../../../src/core/collection/readerProtocol';
import { newBlock, seedBlocks } from '../../support/editedShelf';
import { seedEntries } from '../../support/seedEntries';
import { KEY, PATH, workerChannel } from '../../support/workerChannel';
import { REPO_ROOT } from '../../support/paths';

const taxonomy = parseTaxonomy(fs.readFileSync(path.join(REPO_ROOT, 'seeds', 'themes.json'), 'utf8')).taxonomy!;
/** A user's taxonomy of two themes. */
const fixed = {
  themes: [
    { name: 'Language', icon: 'comment', terms: ['language', 'text', 'translation'] },
    { name: 'Vision', icon: 'eye', terms: ['image', 'video', 'visual'] },
  ],
  fallback: 'Elsewhere',
  fallbackIcon: 'question',
  minScore: 1,
};

const blocks = [
  ...seedBlocks(),
  ...Array.from({ length: 40 }, (_, i) => newBlock(i, i % 2 ? 'image segmentation with video' : 'machine translation')),
];
const papers = () => parseCollection(blocks.join(''), KEY).papers;

/** The host's ShelfThemes in each state the worker is told of, with the spec describing it. */
function hostStates(): { name: string; host: ShelfThemes; spec: ThemesSpec }[] {
  const shipped = new ThemeClassifier(taxonomy);
  const byTaxonomy = new ShelfThemes(() => shipped);
  const discovered = new ShelfThemes(() => shipped);
  const { model } = runSteps(discovered.discover(seedEntries(), new Map()));
  const byUser = new ShelfThemes(() => shipped);
  byUser.setFixed(new ThemeClassifier(fixed));
  return [
    { name: 'the shipped taxonomy', host: byTaxonomy, spec: { taxonomy } },
    { name: 'a discovered model', host: discovered, spec: { taxonomy, model: JSON.stringify(model.toJSON()) } },
    { name: "a user's taxonomy", host: byUser, spec: { taxonomy, fixed } },
    { name: 'no taxonomy yet', host: new ShelfThemes(() => undefined), spec: {} },
  ];
}

describe('Filing papers in the collection worker', () => {
  for (const { name, host, spec } of hostStates())
    it(`themesFrom files every paper as the host's themes do: ${name}`, () => {
      const worker = themesFrom(structuredClone(spec));
      const all = papers();
      assert.deepEqual(
        all.map((p) => worker.classify(p)),
        all.map((p) => host.classify(p)),
      );
      assert.ok(new Set(all.map((p) => host.classify(p))).size > 1 || name === 'no taxonomy yet');
    });

  it('a model that cannot be read is refused, not taken for no model', () => {
    assert.throws(() => themesFrom({ taxonomy, model: '{"version":-1}' }), /could not be read/);
    assert.throws(() => themesFrom({ taxonomy, model: 'not json' }));
  });

  it("a read sends its papers' themes; the version sent once serves later reads; an unknown one files nothing", async () => {
    const c = workerChannel();
    const [state] = hostStates().slice(1);
    const themed = [...blocks];
    themed[3] = themed[3]!.replace(/^PDF: /m, 'Theme: Chosen by hand\nPDF: ');
    c.files.set(PATH, new TextEncoder().encode(themed.join('')));
    const readWith = async (themes: { version: number; spec?: ThemesSpec }) => {
      c.replies.length = 0;
      await c.pool.handle({ kind: 'read', id: c.replies.length + 100, key: KEY, path: PATH, themes });
      const batches = c.replies.flatMap(({ reply }) => (reply.kind === 'papers' ? [reply] : []));
      const done = c.replies.at(-1)!.reply;
      assert.equal(done.kind, 'done');
      return { batches, done: done.kind === 'done' ? done : undefined };
    };
    const first = await readWith({ version: 7, spec: state!.spec });
    assert.equal(first.done!.themesVersion, 7);
    const sent: Paper[] = first.batches.flatMap((b) => papersOfBatch(b));
    const themes = first.batches.flatMap((b) => [...b.themes!.of].map((i) => (i < 0 ? undefined : b.themes!.names[i])));
    assert.equal(themes[3], undefined, 'a paper naming its theme is not filed');
    assert.equal(sent[3]!.theme, 'Chosen by hand');
    assert.deepEqual(
      themes.filter((_, i) => i !== 3),
      sent.filter((_, i) => i !== 3).map((p) => state!.host.classify(p)),
    );
    // An edit read with the same version, the spec not sent again: the changed paper is filed.
    const edited = [...themed];
    edited[10] = edited[10]!.replace(/^Summary: /m, 'Summary: Image and video segmentation. ');
    c.files.set(PATH, new TextEncoder().encode(edited.join('')));
    const edit = await readWith({ version: 7 });
    assert.equal(edit.done!.themesVersion, 7);
    assert.equal(edit.batches.length, 1);
    const [changed] = papersOfBatch(edit.batches[0]!);
    assert.equal(edit.batches[0]!.themes!.names[edit.batches[0]!.themes!.of[0]!], state!.host.classify(changed!));
    // A version the worker was never described: nothing filed (the host files them).
    c.files.set(PATH, new TextEncoder().encode(themed.join('')));
    const unknown = await readWith({ version: 8 });
    assert.equal(unknown.done!.themesVersion, undefined);
    assert.ok(unknown.batches.every((b) => b.themes === undefined));
  });

  it('a spec the worker cannot use files nothing; one sent with a read that fails still counts', async () => {
    const c = workerChannel();
    c.files.set(PATH, new TextEncoder().encode(blocks.join('')));
    await c.pool.handle({ kind: 'read', id: 1, key: KEY, path: PATH, themes: { version: 1, spec: { model: 'x' } } });
    const done = c.replies.at(-1)!.reply;
    assert.ok(done.kind === 'done' && done.themesVersion === undefined);
    c.replies.length = 0;
    await c.pool.handle({
      kind: 'read',
      id: 2,
      key: 'other',
      path: '/nowhere',
      themes: { version: 2, spec: { taxonomy } },
    });
    assert.equal(c.replies.at(-1)!.reply.kind, 'failed');
    c.replies.length = 0;
    c.pool.handle({ kind: 'forget', key: KEY });
    await c.pool.handle({ kind: 'read', id: 3, key: KEY, path: PATH, themes: { version: 2 } });
    const again = c.replies.at(-1)!.reply;
    assert.ok(again.kind === 'done' && again.themesVersion === 2, 'filed with the version the failed read brought');
  });
});
