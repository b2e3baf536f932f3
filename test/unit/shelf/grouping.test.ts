import * as assert from 'node:assert/strict';
import { layoutShelf, layoutShelfSteps, monthLabel, shortMonthLabel } from '../../../src/core/shelf/grouping';
import type { ShelfEntry } from '../../../src/core/model/types';
import { makeEntry, makePaper } from '../../support/papers';
import { runCounting } from '../../support/steps';

function entry(id: string, title: string, theme: string, month: string, starred = false): ShelfEntry {
  return makeEntry(makePaper({ id, title }), { theme, month, starred });
}

const shelf = [
  entry('2509.00001', 'Beta agents', 'Agents', '2025-09'),
  entry('2510.00002', 'Alpha agents', 'Agents', '2025-10', true),
  entry('2510.00003', 'Gamma agents', 'Agents', '2025-10'),
  entry('2509.00004', 'Misc thing', 'Other', '2025-09'),
  entry('2510.00005', 'Video diffusion', 'Video', '2025-10'),
  entry('2510.00006', 'Video tokens', 'Video', '2025-10'),
  entry('2510.00007', 'Zeta speech', 'Audio', '2025-10'),
  entry('hep-th/9901001', 'Old strings', 'Audio', ''),
];

describe('grouping: how the tree arranges the shelf', () => {
  it('groups by theme: biggest first, ties by name, the catch-all last, newest papers first', () => {
    const layout = layoutShelf(shelf, 'theme', { fallbackTheme: 'Other' });
    assert.deepEqual(
      layout.groups.map((g) => [g.label, g.entries.length]),
      [
        ['Agents', 3],
        ['Audio', 2],
        ['Video', 2],
        ['Other', 1],
      ],
    );
    assert.deepEqual(
      layout.groups[0]!.entries.map((e) => e.paper.id),
      ['2510.00003', '2510.00002', '2509.00001'],
    );
    assert.equal(layout.shown, 8);
    assert.equal(layout.total, 8);
  });

  it('puts starred papers in a group on top, without taking them out of their theme', () => {
    const layout = layoutShelf(shelf, 'theme', { fallbackTheme: 'Other' });
    assert.deepEqual(
      layout.starred?.entries.map((e) => e.paper.id),
      ['2510.00002'],
    );
    assert.ok(layout.groups[0]!.entries.some((e) => e.paper.id === '2510.00002'));
    assert.equal(
      layoutShelf(
        shelf.map((e) => ({ ...e, starred: false })),
        'theme',
        { fallbackTheme: 'Other' },
      ).starred,
      undefined,
    );
  });

  it('groups by month, newest first, unknown months last, titles in order', () => {
    const layout = layoutShelf(shelf, 'month', { fallbackTheme: 'Other' });
    assert.deepEqual(
      layout.groups.map((g) => g.label),
      ['October 2025', 'September 2025', 'Unknown month'],
    );
    assert.deepEqual(
      layout.groups[1]!.entries.map((e) => e.paper.title),
      ['Beta agents', 'Misc thing'],
    );
  });

  it('lays out a flat list', () => {
    const layout = layoutShelf(shelf, 'none', { fallbackTheme: 'Other' });
    assert.equal(layout.groups.length, 0);
    assert.equal(layout.flat.length, shelf.length);
  });

  it('keeps only filter matches, in the ranking order, and counts what each group holds in all', () => {
    const layout = layoutShelf(shelf, 'theme', {
      fallbackTheme: 'Other',
      ranking: ['2510.00006', '2509.00001', '2510.00003'],
    });
    assert.deepEqual(
      layout.groups.map((g) => [g.label, g.entries.map((e) => e.paper.id), g.total]),
      [
        ['Agents', ['2509.00001', '2510.00003'], 3],
        ['Video', ['2510.00006'], 2],
      ],
    );
    assert.equal(layout.starred, undefined, 'the starred paper does not match');
    assert.equal(layout.shown, 3);
    assert.equal(layoutShelf(shelf, 'theme', { fallbackTheme: 'Other', ranking: [] }).groups.length, 0);
  });

  it('names months', () => {
    assert.equal(monthLabel('2025-10'), 'October 2025');
    assert.equal(shortMonthLabel('1999-01'), 'Jan 1999');
    assert.equal(monthLabel(''), 'Unknown month');
    assert.equal(shortMonthLabel(''), '');
    assert.equal(monthLabel('2025-13'), '2025-13');
  });

  it('lays out a large shelf in steps: many pauses, every paper in its (nested) theme in order, counts right', () => {
    const themes = ['Agents', 'Audio', 'Video', 'Other'];
    const big = Array.from({ length: 20000 }, (_, i) =>
      entry(
        `25${String(1 + (i % 12)).padStart(2, '0')}.${String((i * 7919) % 100000).padStart(5, '0')}`,
        `Paper ${(i * 31) % 997}`,
        themes[(i * 13) % 4]!,
        `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
        i % 1000 === 0,
      ),
    );
    const themePath = (theme: string) => (theme === 'Other' ? [theme] : ['Media', theme]);
    for (const groupBy of ['theme', 'month', 'none'] as const) {
      const { value: layout, pauses } = runCounting(
        layoutShelfSteps(big, groupBy, { fallbackTheme: 'Other', themePath }),
      );
      assert.ok(pauses >= 20000 / 4096, `${groupBy}: paused ${pauses} times`);
      assert.equal(layout.shown, big.length);
      assert.equal(layout.starred?.entries.length, 20);
      const order = (a: ShelfEntry, b: ShelfEntry) =>
        groupBy === 'month'
          ? a.paper.title.localeCompare(b.paper.title)
          : b.month.localeCompare(a.month) || b.paper.id.localeCompare(a.paper.id);
      if (groupBy === 'none') {
        assert.deepEqual(layout.flat, [...big].sort(order));
        continue;
      }
      const leaves = (groups: typeof layout.groups): typeof layout.groups =>
        groups.flatMap((g) => (g.children ? leaves(g.children) : [g]));
      const found = leaves(layout.groups);
      const keyOf = (e: ShelfEntry) => (groupBy === 'theme' ? e.theme : e.month);
      assert.equal(found.length, groupBy === 'theme' ? 4 : 12);
      for (const g of found) {
        const expected = big.filter((e) => keyOf(e) === g.value).sort(order);
        assert.deepEqual(g.entries, expected, `${groupBy} ${g.value}`);
        assert.equal(g.total, expected.length);
      }
      if (groupBy === 'theme') assert.equal(layout.groups.find((g) => g.value === 'Media')?.total, 15000);
    }
  });
});
