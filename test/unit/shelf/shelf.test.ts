import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCollection } from '../../../src/core/collection/collection';
import { Shelf, emptyChoices, type ShelfChange, type ShelfOptions } from '../../../src/core/shelf/shelf';
import type { Paper } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';
import { REPO_ROOT } from '../../support/paths';
import { runCounting } from '../../support/steps';

function paper(over: Partial<Paper> & { id: string }): Paper {
  return makePaper(over);
}

/** Predictable policies: theme from the title's first word, key 'k' + the id's digits unless pinned. */
function options(
  calls: { classify: number; pinned: Map<string, string>[] } = { classify: 0, pinned: [] },
): ShelfOptions {
  return {
    classify: (p) => {
      calls.classify++;
      return p.title.split(' ')[0];
    },
    assignKeys: (papers, pinned) => {
      calls.pinned.push(new Map(pinned));
      return new Map(papers.map((p) => [p.id, pinned.get(p.id) ?? `k${p.id.replace(/\D/g, '')}`]));
    },
  };
}

describe('Shelf', () => {
  const a = paper({ id: '2510.01152', title: 'Alpha paper', version: 2, pdfUrl: 'https://arxiv.org/pdf/2510.01152v2' });
  const b = paper({ id: 'hep-th/9901001', title: 'Beta paper' });
  const c = paper({ id: '2509.26514', title: 'Gamma paper', published: '2025-09-30' });

  it('looks up entries by any id form, any version, and by cite key', () => {
    const shelf = new Shelf(options());
    shelf.setSource('seeds', [a, b]);
    for (const form of [
      '2510.01152',
      '2510.01152v1',
      'arXiv:2510.01152v2',
      'https://arxiv.org/abs/2510.01152',
      'https://arxiv.org/pdf/2510.01152v9.pdf',
      '10.48550/arXiv.2510.01152',
      ' 2510.01152 ',
    ]) {
      assert.equal(shelf.get(form)?.paper, a, form);
      assert.equal(shelf.lookup(form)?.paper, a, form);
    }
    assert.equal(shelf.get('hep-th/9901001v3')?.paper, b);
    assert.equal(shelf.get('arXiv:hep-th/9901001')?.paper, b);
    assert.equal(shelf.lookup('k251001152')?.paper, a);
    assert.equal(shelf.lookup('  k9901001 ')?.paper, b);
    assert.equal(shelf.byKey('k9901001')?.paper, b);
    assert.equal(shelf.get('k251001152'), undefined, 'get is for ids only');
    assert.equal(shelf.lookup('2510.01153'), undefined);
    assert.equal(shelf.lookup('nonsense'), undefined);
    assert.equal(shelf.lookup(''), undefined);
  });

  it('resolves key, theme, month, source and star for each entry', () => {
    const shelf = new Shelf(options());
    shelf.setSource('seeds', [a, b, c]);
    assert.deepEqual(
      shelf.entries().map((e) => [e.paper.id, e.key, e.theme, e.month, e.sourceId, e.starred]),
      [
        ['2510.01152', 'k251001152', 'Alpha', '2025-10', 'seeds', false],
        ['hep-th/9901001', 'k9901001', 'Beta', '1999-01', 'seeds', false],
        ['2509.26514', 'k250926514', 'Gamma', '2025-09', 'seeds', false],
      ],
    );
    assert.equal(shelf.size, 3);
    assert.deepEqual(shelf.sourceIds(), ['seeds']);
    assert.deepEqual(shelf.papersOf('seeds'), [a, b, c]);
    assert.deepEqual(shelf.papersOf('nope'), []);
  });

  it('merges sources by id, the later source winning field by field, keeping seed order', () => {
    const shelf = new Shelf(options());
    shelf.setSource('seeds', [a, b]);
    const richer = paper({
      id: '2510.01152',
      title: 'Alpha renamed',
      summary: '',
      authors: ['Ada Lovelace'],
      tags: ['read'],
      extra: { Venue: 'ACL' },
      theme: 'Chosen',
    });
    shelf.setSource('file:///w/papers.txt', [c, richer]);
    assert.deepEqual(
      shelf.entries().map((e) => [e.paper.id, e.sourceId]),
      [
        ['2510.01152', 'file:///w/papers.txt'],
        ['hep-th/9901001', 'seeds'],
        ['2509.26514', 'file:///w/papers.txt'],
      ],
    );
    const merged = shelf.get('2510.01152')!;
    assert.equal(merged.paper.title, 'Alpha renamed');
    assert.equal(merged.paper.summary, '', 'an empty later value does not erase the earlier one (both are empty here)');
    assert.deepEqual(merged.paper.authors, ['Ada Lovelace']);
    assert.deepEqual(merged.paper.tags, ['read']);
    assert.equal(merged.theme, 'Chosen', 'an explicit Theme: wins over the classifier');
    assert.equal(merged.paper.version, 2, 'the earlier version is kept when the later source names none');
    assert.equal(merged.paper.pdfUrl, 'https://arxiv.org/pdf/2510.01152v2', 'with its PDF link');

    shelf.removeSource('file:///w/papers.txt');
    assert.equal(shelf.size, 2);
    assert.equal(shelf.get('2510.01152')!.paper, a);
    assert.equal(shelf.get('2509.26514'), undefined);
  });

  it('replacing a source replaces all of its papers', () => {
    const shelf = new Shelf(options());
    shelf.setSource('s', [a, b]);
    shelf.setSource('s', [c]);
    assert.deepEqual(
      shelf.entries().map((e) => e.paper.id),
      ['2509.26514'],
    );
  });

  it('prepares a large source in slices (themes, key work) before setSource, which then classifies nothing', async () => {
    const calls = { classify: 0, pinned: [] as Map<string, string>[] };
    const prepared: string[] = [];
    let preparers = 0;
    const shelf = new Shelf({
      ...options(calls),
      keyPreparer: () => {
        preparers++;
        return (p) => void prepared.push(p.id);
      },
    });
    const papers = Array.from({ length: 200 }, (_, i) =>
      paper({ id: `2601.${String(i).padStart(5, '0')}`, title: `T${i % 7} paper` }),
    );
    papers[3] = { ...papers[3], theme: 'Given' };
    let pauses = 0;
    // A slice of 0 ms: a pause after every batch of papers.
    await shelf.prepareInSlices(papers, async () => void pauses++, 0);
    assert.ok(pauses >= 5, `paused ${pauses} times`);
    assert.equal(calls.classify, 199, 'every paper without a theme, once');
    assert.deepEqual(
      prepared,
      papers.map((p) => p.id),
      "every paper's key work, in order",
    );
    assert.ok(
      preparers > 1 && preparers <= pauses + 1,
      `the key settings are read once per slice (${preparers} times), not per paper`,
    );
    assert.equal(shelf.size, 0, 'nothing is on the shelf yet');
    shelf.setSource('big', papers);
    assert.equal(calls.classify, 199, 'setSource found every theme ready');
    assert.equal(shelf.size, 200);
    assert.equal(shelf.get('2601.00010')!.theme, 'T3');
    assert.equal(shelf.get('2601.00003')!.theme, 'Given');
    shelf.reclassify();
    assert.equal(calls.classify, 398, 'a new taxonomy files them all again');
  });

  it('puts a large source on the shelf in slices, answering as before until it is done', async () => {
    const shelf = new Shelf(options());
    shelf.setSource('seeds', [a]);
    const fired: number[] = [];
    shelf.onDidChange((e) => fired.push(e.size));
    const papers = Array.from({ length: 5000 }, (_, i) =>
      paper({ id: `2601.${String(i).padStart(5, '0')}`, title: `T${i % 7} paper` }),
    );
    let pauses = 0;
    const sizesSeen: number[] = [];
    await shelf.setSourceInSlices(
      'big',
      papers,
      async () => {
        pauses++;
        sizesSeen.push(shelf.size);
      },
      0,
    );
    assert.ok(pauses >= 3, `paused ${pauses} times`);
    assert.deepEqual([...new Set(sizesSeen)], [1], 'the old shelf answers until the new one is installed');
    assert.deepEqual(fired, [5001], 'one change, once done');
    assert.equal(shelf.get('2601.04999')!.theme, 'T1');
    assert.equal(shelf.lookup('k260104999')!.paper.id, '2601.04999');
    assert.equal(shelf.entries()[0]!.paper.id, a.id, 'sources keep their order');
  });

  it('lets a change made during a sliced build supersede it, keeping both', async () => {
    const shelf = new Shelf(options());
    const papers = Array.from({ length: 5000 }, (_, i) =>
      paper({ id: `2601.${String(i).padStart(5, '0')}`, title: `T paper` }),
    );
    const fired: number[] = [];
    shelf.onDidChange((e) => fired.push(e.size));
    let first = true;
    await shelf.setSourceInSlices(
      'big',
      papers,
      async () => {
        if (first) shelf.setSource('small', [b]); // another file lands meanwhile
        first = false;
      },
      0,
    );
    assert.equal(shelf.size, 5001, 'the newer build holds both sources');
    assert.ok(shelf.get('hep-th/9901001') && shelf.get('2601.00042'));
    assert.deepEqual(fired, [5001], 'the superseded build installs nothing');
  });

  it('applies the user choices: hidden, starred, theme overrides and pinned keys', () => {
    const calls = { classify: 0, pinned: [] as Map<string, string>[] };
    const shelf = new Shelf(options(calls));
    shelf.setSource('seeds', [a, b, paper({ ...c, key: 'fromFile' })]);
    const choices = emptyChoices();
    choices.hidden.push('hep-th/9901001');
    choices.starred.push('2510.01152');
    choices.themeOverrides['2510.01152'] = 'Moved';
    choices.pinnedKeys['2510.01152'] = 'alpha2025';
    shelf.setChoices(choices);
    choices.starred.length = 0; // the shelf keeps its own copy

    assert.equal(shelf.size, 2);
    assert.equal(shelf.get('hep-th/9901001'), undefined);
    assert.equal(shelf.lookup('k9901001'), undefined);
    const alpha = shelf.get('2510.01152')!;
    assert.equal(alpha.starred, true);
    assert.equal(alpha.theme, 'Moved');
    assert.equal(alpha.key, 'alpha2025');
    assert.equal(shelf.lookup('alpha2025'), alpha);
    assert.equal(shelf.get('2509.26514')!.key, 'fromFile', 'a Key: from the file is pinned too');
    assert.deepEqual(
      [...calls.pinned.at(-1)!],
      [
        ['2510.01152', 'alpha2025'],
        ['2509.26514', 'fromFile'],
      ],
    );
    assert.deepEqual(shelf.getChoices().starred, ['2510.01152']);

    const got = shelf.getChoices();
    got.hidden.length = 0;
    assert.equal(shelf.size, 2, 'getChoices returns a copy');
    shelf.setChoices(got);
    assert.equal(shelf.size, 3);
  });

  it('reads choices saved with ids in any form, and tolerates a damaged stored state', () => {
    const shelf = new Shelf(options());
    shelf.setSource('seeds', [a, b, c]);
    shelf.setChoices({
      themeOverrides: { 'arXiv:2510.01152v2': 'Moved', bogus: 7 as unknown as string },
      starred: ['https://arxiv.org/abs/2509.26514', 42 as unknown as string],
      hidden: ['hep-th/9901001v1'],
      pinnedKeys: { '2510.01152v1': 'alpha' },
    });
    assert.equal(shelf.size, 2);
    assert.equal(shelf.get('2510.01152')!.theme, 'Moved');
    assert.equal(shelf.get('2510.01152')!.key, 'alpha');
    assert.equal(shelf.get('2509.26514')!.starred, true);
    assert.deepEqual(shelf.getChoices(), {
      themeOverrides: { '2510.01152': 'Moved' },
      starred: ['2509.26514'],
      hidden: ['hep-th/9901001'],
      pinnedKeys: { '2510.01152': 'alpha' },
    });
    shelf.setChoices({ starred: 'oops' } as unknown as ReturnType<typeof emptyChoices>);
    assert.deepEqual(shelf.getChoices(), emptyChoices());
    assert.equal(shelf.size, 3);
  });

  it('a theme override wins over an explicit Theme: field', () => {
    const shelf = new Shelf(options());
    shelf.setSource('s', [paper({ id: '2510.01152', theme: 'FromFile' })]);
    assert.equal(shelf.get('2510.01152')!.theme, 'FromFile');
    shelf.setChoices({ ...emptyChoices(), themeOverrides: { '2510.01152': 'Moved' } });
    assert.equal(shelf.get('2510.01152')!.theme, 'Moved');
  });

  it('fires a change event on every change, and none after dispose', () => {
    const shelf = new Shelf(options());
    const events: ShelfChange[] = [];
    const sub = shelf.onDidChange((e) => events.push(e));
    shelf.setSource('seeds', [a, b]);
    shelf.setSource('other', [c]);
    shelf.setChoices({ ...emptyChoices(), hidden: ['2509.26514'] });
    shelf.removeSource('other');
    shelf.removeSource('missing');
    assert.deepEqual(events, [{ size: 2 }, { size: 3 }, { size: 2 }, { size: 2 }]);
    sub.dispose();
    shelf.setSource('seeds', []);
    assert.equal(events.length, 4);
    const again: ShelfChange[] = [];
    shelf.onDidChange((e) => again.push(e));
    shelf.dispose();
    shelf.setSource('seeds', [a]);
    assert.deepEqual(again, []);
  });

  it('rekey gives every paper its key by the current pattern, keeps pinned keys, and tells the listeners', () => {
    let prefix = 'old';
    const shelf = new Shelf({
      ...options(),
      assignKeys: (papers, pinned) => new Map(papers.map((p) => [p.id, pinned.get(p.id) ?? `${prefix}${p.id}`])),
    });
    shelf.setSource('seeds', [a, c]);
    shelf.setChoices({ ...emptyChoices(), pinnedKeys: { [c.id]: 'cited2025' } });
    const events: ShelfChange[] = [];
    shelf.onDidChange((e) => events.push(e));
    prefix = 'new';
    shelf.rekey();
    assert.equal(shelf.get(a.id)!.key, `new${a.id}`);
    assert.equal(shelf.lookup(`new${a.id}`)?.paper.id, a.id);
    assert.equal(shelf.lookup(`old${a.id}`), undefined, 'the old key names nothing any more');
    assert.equal(shelf.get(c.id)!.key, 'cited2025', 'a pinned key stays');
    assert.equal(events.length, 1);
  });

  it('loads the seeds through parseCollection', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'seeds', 'papers.txt'), 'utf8');
    const shelf = new Shelf(options());
    shelf.setSource('seeds', parseCollection(text, 'seeds').papers);
    assert.equal(shelf.size, 50);
    assert.equal(new Set(shelf.entries().map((e) => e.key)).size, 50);
    for (const e of shelf.entries()) {
      assert.equal(shelf.lookup(`arXiv:${e.paper.id}v1`), e);
      assert.equal(shelf.lookup(e.key), e);
      assert.match(e.month, /^20\d\d-(0[1-9]|1[0-2])$/);
    }
  });

  it('on a large shelf, the user themes and a refile run in slices and give what the one-step calls give', async () => {
    const papers = Array.from({ length: 9000 }, (_, i) =>
      paper({
        id: `2501.${String(i).padStart(5, '0')}`,
        title: `${i % 3 ? 'Alpha' : 'Beta'} ${i}`,
        theme: i % 7 ? undefined : 'Mine',
      }),
    );
    const sliced = new Shelf(options());
    const once = new Shelf(options());
    for (const shelf of [sliced, once]) shelf.setSource('big', papers);
    const themes = runCounting(sliced.userThemeSteps());
    assert.ok(themes.pauses >= 2, `paused ${themes.pauses} times`);
    assert.deepEqual(themes.value, once.userThemes());
    const found = new Map(papers.filter((_, i) => i % 2).map((p) => [p.id, 'Found']));
    let pauses = 0;
    await sliced.refileInSlices(found, async () => void pauses++, 0);
    once.refile(found);
    assert.ok(pauses > 9000 / 2048, `paused ${pauses} times`);
    assert.deepEqual(
      sliced.entries().map((e) => [e.paper.id, e.theme, e.key]),
      once.entries().map((e) => [e.paper.id, e.theme, e.key]),
    );
  });

  it('a refile after a change of classifier files the papers it does not list afresh, when asked', async () => {
    let prefix = 'Old';
    const shelf = new Shelf({ ...options(), classify: (p) => `${prefix} ${p.title.split(' ')[0]}` });
    const papers = [paper({ id: '2501.00001', title: 'Alpha one' }), paper({ id: '2501.00002', title: 'Beta two' })];
    shelf.setSource('s', papers);
    assert.deepEqual(
      shelf.entries().map((e) => e.theme),
      ['Old Alpha', 'Old Beta'],
    );
    prefix = 'New';
    // A discovery that saw only the first paper: the second came while it ran.
    await shelf.refileInSlices(new Map([['2501.00001', 'Found']]), async () => undefined, 0, true);
    assert.deepEqual(
      shelf.entries().map((e) => e.theme),
      ['Found', 'New Beta'],
    );
    // Without asking, a paper not listed keeps the theme it was filed under (a rename's refile).
    prefix = 'Newer';
    await shelf.refileInSlices(new Map([['2501.00001', 'Renamed']]), async () => undefined, 0);
    assert.deepEqual(
      shelf.entries().map((e) => e.theme),
      ['Renamed', 'New Beta'],
    );
  });
});
