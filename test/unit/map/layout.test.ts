import * as assert from 'node:assert/strict';
import { buildMapModel, type MapModel } from '../../../src/core/map/mapModel';
import { seedEntries } from '../../support/seedEntries';
import { topicShelf } from '../../support/topicShelf';
import { makeEntry, makePaper } from '../../support/papers';
import type { ShelfEntry } from '../../../src/core/model/types';

/** Mean distance between papers of the same theme and between papers of different themes. */
function themeDistances(model: MapModel): { same: number; different: number } {
  let same = 0;
  let sameN = 0;
  let different = 0;
  let differentN = 0;
  for (let a = 0; a < model.ids.length; a++)
    for (let b = a + 1; b < model.ids.length; b++) {
      const d = Math.hypot(model.x[a] - model.x[b], model.y[a] - model.y[b]);
      if (model.theme[a] === model.theme[b]) {
        same += d;
        sameN++;
      } else {
        different += d;
        differentN++;
      }
    }
  return { same: same / sameN, different: different / differentN };
}

function extent(model: MapModel): number {
  return Math.hypot(Math.max(...model.x) - Math.min(...model.x), Math.max(...model.y) - Math.min(...model.y));
}

/** How far each paper of `before` moved in `after`, as shares of the map's extent. */
function displacements(before: MapModel, after: MapModel): number[] {
  const at = new Map(after.ids.map((id, i) => [id, i]));
  const size = extent(before);
  return before.ids.map((id, i) => {
    const j = at.get(id)!;
    return Math.hypot(after.x[j] - before.x[i], after.y[j] - before.y[i]) / size;
  });
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

describe('map layout', () => {
  it('is deterministic: the same shelf gives the same map, in whatever order the papers come', () => {
    const entries = seedEntries();
    const a = buildMapModel(entries);
    const b = buildMapModel(entries);
    const c = buildMapModel([...entries].reverse());
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
    assert.equal(a.ids.length, entries.length);
    assert.ok(a.x.every(Number.isFinite) && a.y.every(Number.isFinite));
  });

  it('on the shipped shelf, papers of the same theme are closer on average than papers of different themes', () => {
    const model = buildMapModel(seedEntries(), { fallbackTheme: 'Other' });
    assert.ok(model.themes.length >= 6, `${model.themes.length} themes`);
    const { same, different } = themeDistances(model);
    assert.ok(same < different * 0.7, `same theme ${same.toFixed(3)}, different themes ${different.toFixed(3)}`);
  });

  it('on a generated multi-topic shelf, papers of the same topic are closer on average than the others', () => {
    for (const topics of [3, 8, 15]) {
      const model = buildMapModel(topicShelf({ topics, papers: 40 * topics }));
      const { same, different } = themeDistances(model);
      assert.ok(same < different * 0.6, `${topics} topics: same ${same.toFixed(3)}, different ${different.toFixed(3)}`);
    }
  });

  it('places a paper whose text is about one topic near that topic, whatever theme it was filed under', () => {
    const entries = topicShelf({ topics: 5, papers: 200 });
    const misfiled = entries[0]; // text of Topic 1
    const moved = { ...misfiled, paper: { ...misfiled.paper, id: '2401.99999' }, theme: 'Topic 3' };
    const model = buildMapModel([...entries, moved]);
    const i = model.ids.indexOf('2401.99999');
    const centre = (theme: string) => {
      const t = model.themes.findIndex((x) => x.name === theme);
      const members = model.ids.map((_, j) => j).filter((j) => model.theme[j] === t && j !== i);
      return { x: mean(members.map((j) => model.x[j])), y: mean(members.map((j) => model.y[j])) };
    };
    const toTopic1 = Math.hypot(model.x[i] - centre('Topic 1').x, model.y[i] - centre('Topic 1').y);
    const toTopic3 = Math.hypot(model.x[i] - centre('Topic 3').x, model.y[i] - centre('Topic 3').y);
    assert.ok(toTopic1 < toTopic3, `to its text's topic ${toTopic1.toFixed(3)}, to its theme ${toTopic3.toFixed(3)}`);
  });

  it('adding one paper moves the others by little', () => {
    const cases: [string, ShelfEntry[], ShelfEntry][] = [];
    const seeds = seedEntries();
    cases.push([
      'the shipped shelf',
      seeds,
      makeEntry(
        makePaper({
          id: '2510.99999',
          title: 'Speech language models for spoken dialogue',
          summary: 'We train a speech language model on spoken dialogue and evaluate speech synthesis.',
        }),
        { theme: seeds[0].theme },
      ),
    ]);
    const generated = topicShelf({ topics: 8, papers: 400 });
    cases.push(['a generated shelf', generated, topicShelf({ topics: 8, papers: 1, firstIndex: 400 })[0]]);
    for (const [name, entries, added] of cases) {
      const before = buildMapModel(entries);
      const after = buildMapModel([...entries, added]);
      const moved = displacements(before, after);
      assert.ok(Math.max(...moved) < 0.05, `${name}: the most moved paper moved ${Math.max(...moved).toFixed(4)}`);
      assert.ok(mean(moved) < 0.01, `${name}: papers moved ${mean(moved).toFixed(4)} on average`);
    }
  });

  it('draws a fixed sample of a shelf larger than maxPoints, and says so', () => {
    const entries = topicShelf({ topics: 4, papers: 500 });
    const model = buildMapModel(entries, { maxPoints: 120 });
    assert.equal(model.sampled, true);
    assert.equal(model.total, 500);
    assert.equal(model.ids.length, 120);
    assert.equal(
      model.themes.reduce((s, t) => s + t.count, 0),
      500,
    );
    assert.equal(
      model.themes.reduce((s, t) => s + t.shown, 0),
      120,
    );
    for (const t of model.themes) assert.ok(t.shown > 10, `${t.name}: ${t.shown} of ${t.count} drawn`);
    const more = buildMapModel([...entries, ...topicShelf({ topics: 4, papers: 20, firstIndex: 500 })], {
      maxPoints: 120,
    });
    const kept = model.ids.filter((id) => more.ids.includes(id)).length;
    assert.ok(kept >= 110, `${kept} of 120 sampled papers are still drawn after 20 were added`);
    assert.equal(buildMapModel(entries, { maxPoints: 500 }).sampled, false);
  });

  it('orders the legend by size with the catch-all last, and counts papers per month for the timeline', () => {
    const entries = [
      makeEntry(makePaper({ id: '2401.00001' }), { theme: 'Other', month: '2024-01' }),
      makeEntry(makePaper({ id: '2401.00002' }), { theme: 'Other', month: '2024-01' }),
      makeEntry(makePaper({ id: '2401.00003' }), { theme: 'Other', month: '2024-01' }),
      makeEntry(makePaper({ id: '2403.00001' }), { theme: 'Beta', month: '2024-03' }),
      makeEntry(makePaper({ id: '2403.00002' }), { theme: 'Alpha', month: '2024-03' }),
      makeEntry(makePaper({ id: '2403.00003' }), { theme: 'Beta', month: '2024-03' }),
      makeEntry(makePaper({ id: 'hep-th/9901001' }), { theme: 'Alpha', month: '' }),
    ];
    const model = buildMapModel(entries, { fallbackTheme: 'Other' });
    assert.deepEqual(
      model.themes.map((t) => [t.name, t.count]),
      [
        ['Alpha', 2],
        ['Beta', 2],
        ['Other', 3],
      ],
    );
    assert.deepEqual(model.timeline.months, ['2024-01', '2024-02', '2024-03']);
    assert.deepEqual(model.timeline.counts, [
      [0, 0, 3],
      [0, 0, 0],
      [1, 2, 0],
    ]);
    assert.equal(model.timeline.undated, 1);
  });

  it('handles an empty shelf, a single paper and papers without words', () => {
    const empty = buildMapModel([]);
    assert.deepEqual([empty.ids, empty.themes, empty.timeline.months], [[], [], []]);
    const one = buildMapModel([makeEntry(makePaper({ id: '2401.00001', title: '' }))]);
    assert.equal(one.ids.length, 1);
    assert.ok(Number.isFinite(one.x[0]) && Number.isFinite(one.y[0]));
    assert.equal(one.titles[0], '2401.00001', 'a paper without a title is labelled by its id');
    const blank = buildMapModel([
      makeEntry(makePaper({ id: '2401.00001', title: '1 2 3' }), { theme: 'A' }),
      makeEntry(makePaper({ id: '2401.00002', title: 'of the' }), { theme: 'B' }),
    ]);
    assert.ok(blank.x.every(Number.isFinite) && blank.y.every(Number.isFinite));
    assert.notDeepEqual([blank.x[0], blank.y[0]], [blank.x[1], blank.y[1]], 'two themes do not share a spot');
  });
});
