import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCollection } from '../../../src/core/collection/collection';
import { discoverThemes, LEAF_MAX, type Discovery } from '../../../src/core/themes/discover';
import { ThemeModel } from '../../../src/core/themes/themeModel';
import { runSteps } from '../../../src/core/runtime/yieldToHost';
import { buildShelf } from '../../../src/core/shelf/shelfFactory';
import { foldAccents as fold } from '../../../src/core/text/words';
import type { Paper } from '../../../src/core/model/types';
import { REPO_ROOT } from '../../support/paths';
import { subtopicShelf as topicShelf } from '../../support/themeShelf';
import { runCounting } from '../../support/steps';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const fixture = (name: string) => parseCollection(read(`test/fixtures/themes/${name}`), name).papers;
const discover = (papers: readonly Paper[]): Discovery => runSteps(discoverThemes({ papers, fallback: 'Other' }));

/** Theme name -> sorted ids. */
function groups(d: Discovery): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, theme] of d.assignments) out.set(theme, [...(out.get(theme) ?? []), id]);
  for (const ids of out.values()) ids.sort();
  return out;
}

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const normalise = (s: string) =>
  fold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('theme discovery', () => {
  const testing = fixture('testing.papers.txt');
  const physics = fixture('physics.papers.txt');

  it('is deterministic and independent of the order of files and blocks', function () {
    this.timeout(20_000);
    const a = discover([...testing, ...physics]);
    const b = discover(shuffled([...physics, ...testing], 42));
    assert.deepEqual([...groups(a)].sort(), [...groups(b)].sort());
    assert.deepEqual(a.model.toJSON(), b.model.toJSON());
  });

  it('finds the subfields a software-testing researcher would name, under names from their titles', () => {
    const d = discover(testing);
    const names = [...groups(d).keys()];
    for (const expected of ['Flaky Tests', 'Group Testing', 'Mutation Testing', 'Fuzzing', 'Hypothesis Testing'])
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    assert.ok(
      names.some((n) => /^Metamorphic/.test(n)),
      names.join(', '),
    );
    // The papers of a subfield stay together: every flaky-test title is in Flaky Tests.
    const flaky = testing.filter((p) => /flak/i.test(p.title)).map((p) => d.assignments.get(p.id));
    assert.ok(flaky.filter((t) => t === 'Flaky Tests').length >= flaky.length - 1, flaky.join(', '));
  });

  it('no theme holds more than a third of the shelf, the catch-all at most a tenth, and never "Cluster n"', () => {
    for (const papers of [testing, physics, [...testing, ...physics], topicShelf(600, 9).papers]) {
      const d = discover(papers);
      for (const top of d.model.childrenOf(''))
        assert.ok(top.size <= papers.length / 3 + 1, `${top.name}: ${top.size} of ${papers.length}`);
      assert.ok((groups(d).get('Other')?.length ?? 0) <= papers.length / 10);
      for (const t of d.model.themes) assert.doesNotMatch(t.name, /^(cluster|theme|topic|group)\s*\d+$/i);
    }
  });

  it('names every discovered theme with a phrase that occurs in its papers', () => {
    for (const papers of [testing, physics, [...testing, ...physics]]) {
      const d = discover(papers);
      const byId = new Map(papers.map((p) => [p.id, p]));
      const members = groups(d);
      for (const theme of d.model.themes) {
        if (theme.origin !== 'discovered') continue;
        const ids = [...members]
          .filter(([name]) => d.model.pathOf(name).includes(theme.name))
          .flatMap(([, list]) => list);
        const text = ids.map((id) => normalise(`${byId.get(id)!.title} ${byId.get(id)!.summary}`)).join(' | ');
        const phrase = normalise(theme.name).replace(/ and /, ' ');
        const words = phrase.split(' and ');
        assert.ok(
          words.every((w) => text.includes(w)),
          `"${theme.name}" occurs in its ${ids.length} papers`,
        );
      }
    }
  });

  it('gives a tiny shelf one theme or a few, never one per paper', () => {
    const three = discover(testing.slice(0, 3));
    assert.equal(groups(three).size, 1);
    const six = discover([...testing.filter((p) => /flaky/i.test(p.title)).slice(0, 3), ...physics.slice(0, 3)]);
    assert.ok(groups(six).size >= 1 && groups(six).size <= 3, [...groups(six).keys()].join(', '));
    const ten = discover(shuffled(testing, 3).slice(0, 10));
    assert.ok(groups(ten).size <= 4, [...groups(ten).keys()].join(', '));
    assert.equal(discover([]).assignments.size, 0);
  });

  it('nests a large shelf: broad themes, then topics, no group over about 200 papers without a level below', function () {
    this.timeout(60_000);
    const { papers } = topicShelf(3000, 8, 4);
    const d = discover(papers);
    const model = d.model;
    assert.ok(
      model.themes.some((t) => t.parent >= 0),
      'some themes nest',
    );
    const counts = new Map<string, number>();
    for (const theme of d.assignments.values()) counts.set(theme, (counts.get(theme) ?? 0) + 1);
    for (const [name, n] of counts) {
      if (name === 'Other') continue;
      assert.equal(model.childrenOf(name).length, 0, `${name} is a leaf`);
      assert.ok(n <= LEAF_MAX * 1.25, `${name}: ${n} papers`);
    }
    for (const top of model.childrenOf('')) assert.ok(top.size <= 1000 + 1, `${top.name}: ${top.size}`);
  });

  it('on a large shelf, every leaf holds at most LEAF_MAX papers as the saved model files them, placed level by level', function () {
    this.timeout(60_000);
    const { papers } = topicShelf(2500, 6, 5, 11);
    const d = discover(papers);
    const restored = ThemeModel.fromJSON(JSON.parse(JSON.stringify(d.model.toJSON())))!;
    const counts = new Map<string, number>();
    for (const p of papers) {
      const theme = restored.assign(p);
      assert.equal(theme, d.assignments.get(p.id), p.title);
      counts.set(theme, (counts.get(theme) ?? 0) + 1);
    }
    for (const [name, n] of counts) if (name !== 'Other') assert.ok(n <= LEAF_MAX, `${name}: ${n} papers`);
    // Placing walks down the tree: at each level the most similar of that level's themes.
    const { themes } = d.model;
    for (const p of papers.slice(0, 300)) {
      const v = d.model.vectorOf(p);
      let level = d.model.topIndices();
      let at = -1;
      while (level.length) {
        at = level.reduce((best, t) => (d.model.similarity(v, t) > d.model.similarity(v, best) ? t : best), level[0]!);
        level = themes.map((_, i) => i).filter((i) => themes[i]!.parent === at);
      }
      const leaf = d.model.leafOf(v);
      if (leaf >= 0) assert.equal(leaf, at, p.title);
    }
  });

  it('recovers generated topics (papers of one topic share a theme)', () => {
    const { papers, topicOf } = topicShelf(400, 6);
    const d = discover(papers);
    let same = 0;
    let pairs = 0;
    for (let i = 0; i < papers.length; i += 3)
      for (let j = i + 1; j < papers.length; j += 7) {
        if (topicOf.get(papers[i]!.id) !== topicOf.get(papers[j]!.id)) continue;
        pairs++;
        if (d.assignments.get(papers[i]!.id) === d.assignments.get(papers[j]!.id)) same++;
      }
    assert.ok(same / pairs > 0.8, `${same} of ${pairs}`);
  });

  it('a saved model places every paper where discovery did, and a new paper near its kind', () => {
    const d = discover(testing);
    const restored = ThemeModel.fromJSON(JSON.parse(JSON.stringify(d.model.toJSON())))!;
    for (const p of testing) assert.equal(restored.assign(p), d.assignments.get(p.id), p.title);
    const newcomer: Paper = {
      ...testing[0]!,
      id: '2402.99999',
      title: 'Detecting Flaky Tests with Rerun Strategies',
      summary: 'Flaky tests fail nondeterministically. We compare rerun strategies for detecting flaky tests in CI.',
      categories: ['cs.SE'],
    };
    assert.equal(restored.assign(newcomer), 'Flaky Tests');
    assert.equal(ThemeModel.fromJSON({ version: 99 }), undefined);
    assert.equal(ThemeModel.fromJSON('garbage'), undefined);
  });

  it('restores a saved model in steps: the model fromJSON gives, its tables filled between pauses', function () {
    this.timeout(60_000);
    const { papers } = topicShelf(2500, 6, 5, 11);
    const d = discover(papers);
    const saved = () => JSON.parse(JSON.stringify(d.model.toJSON())) as unknown;
    const once = ThemeModel.fromJSON(saved())!;
    const { value: sliced, pauses } = runCounting(ThemeModel.fromJSONSteps(saved()));
    assert.ok(sliced);
    assert.ok(pauses > d.model.vocabulary.features.length / 2048, `paused ${pauses} times`);
    assert.deepEqual(sliced.toJSON(), once.toJSON());
    for (const p of papers.slice(0, 500)) {
      assert.deepEqual(sliced.vectorOf(p), once.vectorOf(p), p.title);
      assert.equal(sliced.assign(p), once.assign(p), p.title);
    }
    assert.deepEqual(sliced.drift(papers.slice(100).map((p) => p.id)), { added: 0, removed: 100 });
    assert.equal(runCounting(ThemeModel.fromJSONSteps({ version: 99 })).value, undefined);
  });
});

describe('discovered themes on the shelf', () => {
  const testingText = read('test/fixtures/themes/testing.papers.txt');
  const physicsText = read('test/fixtures/themes/physics.papers.txt');
  const taxonomy = { file: 'seeds/themes.json', text: read('seeds/themes.json') };

  it('adding a paper to a settled shelf moves no other paper', () => {
    const built = buildShelf({ taxonomy, collections: [{ file: 'testing', text: testingText }], discover: true });
    const before = new Map(built.shelf.entries().map((e) => [e.paper.id, e.theme]));
    const block = `Title: Flaky Tests in Mobile Apps\nPDF: https://arxiv.org/pdf/2403.99999\nSummary: We study flaky tests in Android apps and their root causes.\n`;
    built.shelf.setSource('more', parseCollection(block, 'more').papers);
    assert.equal(built.themes.needsDiscovery(built.shelf.entries()), false);
    let moved = 0;
    for (const e of built.shelf.entries()) if (before.has(e.paper.id) && before.get(e.paper.id) !== e.theme) moved++;
    assert.equal(moved, 0);
    assert.equal(built.shelf.get('2403.99999')?.theme, 'Flaky Tests');
  });

  it('a substantial change calls for rediscovery, which keeps the names of themes recognisably the same', () => {
    const built = buildShelf({ taxonomy, collections: [{ file: 'testing', text: testingText }], discover: true });
    const { themes, shelf } = built;
    const flaky = shelf.entries().find((e) => e.theme === 'Flaky Tests')!;
    assert.ok(themes.rename('Flaky Tests', 'Nondeterministic Tests'));
    shelf.refile(
      new Map(
        shelf
          .entries()
          .filter((e) => e.theme === 'Flaky Tests')
          .map((e) => [e.paper.id, 'Nondeterministic Tests']),
      ),
    );
    shelf.setSource('physics', parseCollection(physicsText, 'physics').papers);
    assert.equal(themes.needsDiscovery(shelf.entries()), true);
    const { assignments, report } = runSteps(themes.discover(shelf.entries(), shelf.userThemes()));
    shelf.refile(assignments);
    assert.equal(shelf.get(flaky.paper.id)?.theme, 'Nondeterministic Tests');
    assert.ok(report.added.length > 0 && report.papers === shelf.size);
  });

  it("the shipped 50 keep the shipped taxonomy's themes where it is sure of them", () => {
    const seeds = { file: 'seeds/papers.txt', text: read('seeds/papers.txt') };
    const fixed = buildShelf({ seeds, taxonomy }).shelf;
    const found = buildShelf({ seeds, taxonomy, discover: true }).shelf;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const a = fixed.entries();
    for (let i = 0; i < a.length; i++)
      for (let j = i + 1; j < a.length; j++) {
        const was = a[i]!.theme === a[j]!.theme;
        const now = found.get(a[i]!.paper.id)!.theme === found.get(a[j]!.paper.id)!.theme;
        if (was && now) tp++;
        else if (now) fp++;
        else if (was) fn++;
      }
    assert.ok(tp / (tp + fp) >= 0.7 && tp / (tp + fn) >= 0.7, `precision ${tp / (tp + fp)}, recall ${tp / (tp + fn)}`);
    const names = new Set(found.entries().map((e) => e.theme));
    assert.ok(names.has('RL for LLM Reasoning') && names.has('LLM Agents'), [...names].join(', '));
  });

  it("another field's papers among the shipped 50 keep together by their arXiv categories, under a name from their own titles", () => {
    const seeds = { file: 'seeds/papers.txt', text: read('seeds/papers.txt') };
    const { shelf } = buildShelf({
      seeds,
      taxonomy,
      collections: [{ file: 'physics', text: physicsText }],
      discover: true,
    });
    // Particle physics: a hep-* primary category and no astrophysics (dark matter searches are both).
    const hep = shelf
      .entries()
      .filter(
        (e) => e.paper.categories[0]?.startsWith('hep-') && !e.paper.categories.some((c) => c.startsWith('astro')),
      );
    assert.equal(hep.length, 6);
    const themes = new Set(hep.map((e) => e.theme));
    assert.equal(themes.size, 1, [...themes].join(', '));
    const [theme] = themes;
    const titles = shelf
      .entries()
      .filter((e) => e.theme === theme)
      .map((e) => normalise(e.paper.title));
    assert.ok(
      titles.some((t) => t.includes(normalise(theme!))),
      `${theme} in none of its titles`,
    );
  });
});
