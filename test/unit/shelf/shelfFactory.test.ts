import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  SEEDS_SOURCE,
  UNCLASSIFIED_THEME,
  buildShelf,
  readTaxonomy,
  shelfOptions,
} from '../../../src/core/shelf/shelfFactory';
import { parseCollection } from '../../../src/core/collection/collection';
import { assignKeys } from '../../../src/core/cite/keys';
import { Shelf } from '../../../src/core/shelf/shelf';
import type { ThemeClassifier } from '../../../src/core/themes/themes';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;
const seedsText = fs.readFileSync(path.join(ROOT, 'seeds', 'papers.txt'), 'utf8');
const taxonomyText = fs.readFileSync(path.join(ROOT, 'seeds', 'themes.json'), 'utf8');
const seeds = { file: 'seeds/papers.txt', text: seedsText };
const taxonomy = { file: 'seeds/themes.json', text: taxonomyText };

const extra = [
  'Title: Pay-Per-Search Models are Abstention Models (revised)',
  'ID: 2510.01152v2',
  'Authors: Ada Lovelace',
  'Key: mash2025',
  'Theme: Abstention',
  'Summary: Shorter.',
  '---',
  'Title: Attention Is All You Need',
  'ID: 1706.03762',
  'Summary: The Transformer.',
  '---',
  'no field here',
  '',
].join('\n');

describe('shelfFactory', () => {
  it("builds the seeds with the keys assignKeys gives and the taxonomy's themes", () => {
    const { shelf, classifier, problems } = buildShelf({ seeds, taxonomy });
    const papers = parseCollection(seedsText, 'seeds/papers.txt').papers;
    assert.equal(shelf.size, 50);
    assert.deepEqual(problems, []);
    const keys = assignKeys(papers, new Map());
    for (const entry of shelf.entries()) {
      assert.equal(entry.key, keys.get(entry.paper.id));
      assert.equal(entry.theme, classifier!.classify(entry.paper));
      assert.equal(entry.sourceId, SEEDS_SOURCE);
    }
  });

  it('later collections win field by field; their problems name their file; pinned keys and themes are kept', () => {
    const { shelf, problems } = buildShelf({
      seeds,
      taxonomy,
      collections: [{ file: 'mine.papers.txt', text: extra }],
    });
    assert.equal(shelf.size, 51);
    const mash = shelf.get('arXiv:2510.01152')!;
    assert.equal(mash.key, 'mash2025');
    assert.equal(mash.theme, 'Abstention');
    assert.equal(mash.paper.title, 'Pay-Per-Search Models are Abstention Models (revised)');
    assert.deepEqual(mash.paper.authors, ['Ada Lovelace']);
    assert.equal(mash.sourceId, 'mine.papers.txt');
    assert.equal(shelf.byKey('mash2025'), mash);
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.location.file === 'mine.papers.txt'));
    assert.ok(problems.some((p) => p.location.line === 12 && p.severity === 'error'));
  });

  it('without the seeds and without a taxonomy: only the collections, all in the fallback theme', () => {
    const { shelf, classifier } = buildShelf({ collections: [{ file: 'mine.papers.txt', text: extra }] });
    assert.equal(classifier, undefined);
    assert.deepEqual(
      shelf.entries().map((e) => e.paper.id),
      ['2510.01152', '1706.03762'],
    );
    assert.equal(shelf.get('1706.03762')!.theme, UNCLASSIFIED_THEME);
    assert.equal(shelf.get('2510.01152')!.theme, 'Abstention');
  });

  it('a key pattern reaches assignKeys; an empty one means the default', () => {
    const papers = parseCollection(seedsText).papers;
    const custom = buildShelf({ seeds, keyPattern: '[year][title1]' }).shelf;
    const byDefault = buildShelf({ seeds, keyPattern: '' }).shelf;
    const expectedCustom = assignKeys(papers, new Map(), '[year][title1]');
    const expectedDefault = assignKeys(papers, new Map());
    for (const e of custom.entries()) assert.equal(e.key, expectedCustom.get(e.paper.id));
    for (const e of byDefault.entries()) assert.equal(e.key, expectedDefault.get(e.paper.id));
    assert.notDeepEqual(expectedCustom, expectedDefault);
  });

  it('shelfOptions reads the classifier and the pattern when used, as the extension needs', () => {
    // Assigned once, after the shelf reads them through the closures below.
    // eslint-disable-next-line prefer-const
    let classifier: ThemeClassifier | undefined;
    // eslint-disable-next-line prefer-const
    let pattern: string | undefined;
    const shelf = new Shelf(
      shelfOptions(
        () => classifier,
        () => pattern,
      ),
    );
    const papers = parseCollection(seedsText).papers;
    shelf.setSource('seeds', papers);
    assert.ok(shelf.entries().every((e) => e.theme === UNCLASSIFIED_THEME));
    classifier = readTaxonomy(taxonomyText).classifier;
    pattern = '[year][title1]';
    // Fresh paper objects: the shelf caches a paper's automatic theme per object.
    shelf.setSource('seeds', parseCollection(seedsText).papers);
    assert.ok(shelf.entries().some((e) => e.theme !== UNCLASSIFIED_THEME));
    assert.equal(
      shelf.entries()[0].key,
      assignKeys(papers, new Map(), '[year][title1]').get(shelf.entries()[0].paper.id),
    );
  });

  it('readTaxonomy: problems and no classifier for a broken file', () => {
    const { classifier, problems } = readTaxonomy('{ "themes": ', 'bad.json');
    assert.equal(classifier, undefined);
    assert.ok(problems.length > 0 && problems[0].location.file === 'bad.json');
  });
});
