// paper-shelf list / search / show, run as a subprocess against the fixture shelf and the seeds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, FIXTURE_SHELF, ROOT, tempDir } from '../support/cli';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import { ShelfSearch } from '../../src/core/search/search';
import { layoutShelf } from '../../src/core/shelf/grouping';

/** The shelf exactly as the extension's ShelfService builds it from the shipped files. */
function extensionShelf() {
  return buildShelf({
    seeds: { file: 'seeds/papers.txt', text: fs.readFileSync(path.join(ROOT, 'seeds', 'papers.txt'), 'utf8') },
    taxonomy: { file: 'seeds/themes.json', text: fs.readFileSync(path.join(ROOT, 'seeds', 'themes.json'), 'utf8') },
    discover: true,
  });
}

describe('paper-shelf list', function () {
  this.timeout(60_000);

  it('groups by theme as the sidebar does: biggest first, papers newest first, plain text in a pipe', () => {
    const r = cli([...FIXTURE_SHELF, 'list']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        'Transformers (2)',
        '  2510.01152  mash2025              Pay-Per-Search Models are Abstention Models',
        '  1706.03762  vaswani2017attention  Attention Is All You Need',
        '',
        'Physics (1)',
        '  hep-th/9711200  maldacena1997  The Large N Limit of Superconformal Field Theories and Supergravity',
        '',
      ].join('\n'),
    );
  });

  it('groups by month, newest first, headed as in the sidebar; JSON names the month YYYY-MM', () => {
    const r = cli([...FIXTURE_SHELF, 'list', '--group', 'month']);
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        'October 2025 (1)',
        '  2510.01152  mash2025  Pay-Per-Search Models are Abstention Models',
        '',
        'June 2017 (1)',
        '  1706.03762  vaswani2017attention  Attention Is All You Need',
        '',
        'November 1997 (1)',
        '  hep-th/9711200  maldacena1997  The Large N Limit of Superconformal Field Theories and Supergravity',
        '',
      ].join('\n'),
    );
    const names = JSON.parse(cli([...FIXTURE_SHELF, 'list', '--group', 'month', '--json']).stdout).groups.map(
      (g: { name: string }) => g.name,
    );
    assert.deepEqual(names, ['2025-10', '2017-06', '1997-11']);
  });

  it('--group none prints one list, newest first; global options may follow the subcommand', () => {
    const r = cli(['list', '--group=none', ...FIXTURE_SHELF]);
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        '2510.01152      mash2025              Pay-Per-Search Models are Abstention Models',
        '1706.03762      vaswani2017attention  Attention Is All You Need',
        'hep-th/9711200  maldacena1997         The Large N Limit of Superconformal Field Theories and Supergravity',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      JSON.parse(cli([...FIXTURE_SHELF, 'list', '--group', 'none', '--json']).stdout).groups.map(
        (g: { name: string }) => g.name,
      ),
      ['All papers'],
    );
  });

  it('--json has the documented shape', () => {
    const r = cli([...FIXTURE_SHELF, 'list', '--json', '--group', 'theme']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      groups: [
        {
          name: 'Transformers',
          papers: [
            { id: '2510.01152', key: 'mash2025', title: 'Pay-Per-Search Models are Abstention Models' },
            { id: '1706.03762', key: 'vaswani2017attention', title: 'Attention Is All You Need' },
          ],
        },
        {
          name: 'Physics',
          papers: [
            {
              id: 'hep-th/9711200',
              key: 'maldacena1997',
              title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
            },
          ],
        },
      ],
    });
  });

  it("lists the shipped seeds with the keys, themes and order the extension's sidebar gives them", () => {
    const { shelf, classifier, themes } = extensionShelf();
    for (const by of ['theme', 'month', 'none'] as const) {
      const r = cli(['list', '--json', '--group', by]);
      assert.equal(r.status, 0);
      const groups: { name: string; papers: { id: string; key: string; title: string }[] }[] = JSON.parse(
        r.stdout,
      ).groups;
      const model = themes.model!;
      const layout = layoutShelf(shelf.entries(), by, {
        fallbackTheme: classifier!.taxonomy.fallback,
        themePath: (t) => model.pathOf(t),
      });
      const expected = by === 'none' ? [{ value: 'All papers', entries: layout.flat }] : layout.groups;
      assert.deepEqual(
        groups,
        expected.map((g) => ({
          name: g.value,
          papers: g.entries.map((e) => ({ id: e.paper.id, key: e.key, title: e.paper.title })),
        })),
        by,
      );
      assert.equal(groups.flatMap((g) => g.papers).length, 50);
    }
    // The shipped taxonomy lends its names to the discovered themes it clearly fits.
    const names = JSON.parse(cli(['list', '--json']).stdout).groups.map((g: { name: string }) => g.name);
    const known = new Set(classifier!.taxonomy.themes.map((t) => t.name));
    assert.ok(names.filter((t: string) => known.has(t)).length >= 8, names.join(', '));
    assert.ok(!names.includes(classifier!.taxonomy.fallback), names.join(', '));
  });

  it('paper-shelf themes lists the themes list --group theme groups by, with sizes and distinctive terms', () => {
    const shelf = ['--no-seeds', '--collection', path.join(ROOT, 'test/fixtures/themes/testing.papers.txt')];
    const r = cli([...shelf, 'themes', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      source: string;
      themes: { name: string; size: number; origin: string; terms: string[] }[];
    };
    assert.equal(out.source, 'discovered');
    const listed = JSON.parse(cli([...shelf, 'list', '--json']).stdout).groups as {
      name: string;
      papers: unknown[];
    }[];
    assert.deepEqual(
      out.themes.map((t) => [t.name, t.size]),
      listed.map((g) => [g.name, g.papers.length]),
    );
    assert.equal(
      out.themes.reduce((n, t) => n + t.size, 0),
      76,
    );
    const flaky = out.themes.find((t) => t.name === 'Flaky Tests')!;
    assert.equal(flaky.origin, 'discovered');
    assert.ok(flaky.terms.length >= 3, flaky.terms.join(', '));
    const text = cli([...shelf, 'themes']).stdout;
    assert.match(text, /^Flaky Tests \(\d+\) {2}\S/m);
    // A taxonomy file fixes the themes instead.
    const fixed = JSON.parse(cli(['--taxonomy', path.join(ROOT, 'seeds/themes.json'), 'themes', '--json']).stdout);
    assert.equal(fixed.source, 'taxonomy');
  });

  it("caches what discovery found under the shelf's content: the next command files every paper alike", () => {
    const cache = tempDir();
    try {
      const env = { PAPER_SHELF_CACHE_DIR: cache };
      const shelf = ['--no-seeds', '--collection', path.join(ROOT, 'test/fixtures/themes/testing.papers.txt')];
      const cached = () => fs.readdirSync(path.join(cache, 'themes')).filter((f) => f.endsWith('.json'));
      const first = cli([...shelf, 'themes', '--json'], { env });
      assert.equal(first.status, 0, first.stderr);
      assert.equal(cached().length, 1);
      const file = path.join(cache, 'themes', cached()[0]!);
      assert.equal(cli([...shelf, 'themes', '--json'], { env }).stdout, first.stdout);
      // The saved themes are what the next command uses: a name changed in them shows.
      const model = JSON.parse(fs.readFileSync(file, 'utf8')) as { themes: { name: string }[] };
      model.themes.find((t) => t.name === 'Flaky Tests')!.name = 'Flaky Tests (saved)';
      fs.writeFileSync(file, JSON.stringify(model));
      const groups = JSON.parse(cli([...shelf, 'list', '--json'], { env }).stdout).groups as { name: string }[];
      assert.ok(
        groups.some((g) => g.name === 'Flaky Tests (saved)'),
        groups.map((g) => g.name).join(', '),
      );
      // A damaged cache file is discovered afresh and replaced; another shelf is another entry.
      fs.writeFileSync(file, '{"version": 1, "themes": [');
      assert.equal(cli([...shelf, 'themes', '--json'], { env }).stdout, first.stdout);
      assert.ok(JSON.parse(fs.readFileSync(file, 'utf8')).themes.length > 3);
      const physics = ['--collection', path.join(ROOT, 'test/fixtures/themes/physics.papers.txt')];
      assert.equal(cli([...shelf, ...physics, 'themes'], { env }).status, 0);
      assert.equal(cached().length, 2);
      // Fixed themes are not discovered, so nothing is cached for them.
      assert.equal(cli(['--taxonomy', path.join(ROOT, 'seeds/themes.json'), 'list'], { env }).status, 0);
      assert.equal(cached().length, 2);
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });

  it('a later --collection wins over the seeds field by field, and --key-pattern changes the keys', () => {
    const seedsOnly = JSON.parse(cli(['show', '2510.01152', '--json']).stdout);
    const both = JSON.parse(cli(['--collection', 'shelf.papers.txt', 'show', '2510.01152', '--json']).stdout);
    assert.equal(both.key, 'mash2025');
    assert.equal(both.theme, 'Transformers');
    assert.equal(both.title, seedsOnly.title);
    assert.equal(cli(['--collection', 'shelf.papers.txt', 'list', '--json']).stdout.match(/"id"/g)!.length, 52);

    const patterned = JSON.parse(cli(['--key-pattern', '[year][title1]', 'show', '2509.25162', '--json']).stdout);
    const expected = buildShelf({
      seeds: { file: 'seeds/papers.txt', text: fs.readFileSync(path.join(ROOT, 'seeds', 'papers.txt'), 'utf8') },
      keyPattern: '[year][title1]',
    }).shelf.get('2509.25162')!.key;
    assert.equal(patterned.key, expected);
    assert.notEqual(patterned.key, JSON.parse(cli(['show', '2509.25162', '--json']).stdout).key);
  });

  it('a collection file that cannot be read is a clear failure', () => {
    const r = cli(['--collection', 'missing.papers.txt', 'list']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: cannot read missing.papers.txt: no such file\n');
  });
});

describe('paper-shelf search', function () {
  this.timeout(60_000);

  it('prints "SCORE  ID  KEY  TITLE", best first, from the same index as the extension', () => {
    const r = cli([...FIXTURE_SHELF, 'search', 'attention']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^\d+\.\d\d {2}1706\.03762 {2}vaswani2017attention {2}Attention Is All You Need$/);
  });

  it('--json gives the same results as core ShelfSearch over the same shelf, in order', () => {
    const { shelf } = extensionShelf();
    const index = new ShelfSearch();
    index.setEntries(shelf.entries());
    for (const query of ['diffusion', 'reinforcement learning', 'quantum circuits']) {
      const expected = index.search(query, { limit: 5 }).map((res) => ({ id: res.id, key: shelf.get(res.id)!.key }));
      const r = cli(['search', query, '--limit', '5', '--json']);
      assert.equal(r.status, 0, `${query}: ${r.stderr}`);
      const results: { id: string; key: string; title: string; score: number }[] = JSON.parse(r.stdout).results;
      assert.ok(results.length > 0 && results.length <= 5);
      assert.deepEqual(
        results.map((res) => ({ id: res.id, key: res.key })),
        expected,
        query,
      );
      for (const res of results) {
        assert.equal(res.title, shelf.get(res.id)!.paper.title);
        assert.equal(typeof res.score, 'number');
      }
      assert.deepEqual(
        results.map((res) => res.score),
        [...results.map((res) => res.score)].sort((a, b) => b - a),
      );
    }
  });

  it('several words form one query; --limit bounds the results', () => {
    const joined = JSON.parse(cli(['search', 'reinforcement', 'learning', '--json']).stdout);
    const quoted = JSON.parse(cli(['search', 'reinforcement learning', '--json']).stdout);
    assert.deepEqual(joined, quoted);
    const one = JSON.parse(cli(['search', 'reinforcement learning', '--limit', '1', '--json']).stdout);
    assert.equal(one.results.length, 1);
  });

  it('no match: empty results, a message, exit status 1', () => {
    const r = cli([...FIXTURE_SHELF, 'search', 'zzyzxqj']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: no paper matches "zzyzxqj"\n');
    assert.equal(cli([...FIXTURE_SHELF, 'search', 'zzyzxqj', '--json']).stdout, '{\n  "results": []\n}\n');
  });

  it('a bad --limit is a usage error', () => {
    const r = cli(['search', 'x', '--limit', 'ten']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^paper-shelf: --limit must be a positive whole number \(got "ten"\)\nusage: paper-shelf search /,
    );
  });
});

describe('paper-shelf show', function () {
  this.timeout(60_000);

  it('prints every known field, then the summary', () => {
    const r = cli([...FIXTURE_SHELF, 'show', 'arXiv:1706.03762v7']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        'Attention Is All You Need',
        '',
        'Id:         1706.03762v7',
        'Key:        vaswani2017attention',
        'Authors:    Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Lukasz Kaiser, Illia Polosukhin',
        'Theme:      Transformers',
        'Month:      2017-06',
        'Published:  2017-06-12',
        'Categories: cs.CL, cs.LG',
        'Abstract:   https://arxiv.org/abs/1706.03762v7',
        'PDF:        https://arxiv.org/pdf/1706.03762v7',
        'Source:     shelf.papers.txt:1',
        '',
        'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms.',
        '',
      ].join('\n'),
    );
  });

  it('finds a paper by key, by URL and by old-style id with a subject class; --json has all fields', () => {
    for (const ref of ['maldacena1997', 'https://arxiv.org/abs/hep-th/9711200', 'hep-th/9711200v2']) {
      const r = cli([...FIXTURE_SHELF, 'show', ref, '--json']);
      assert.equal(r.status, 0, ref);
      assert.deepEqual(JSON.parse(r.stdout), {
        id: 'hep-th/9711200',
        key: 'maldacena1997',
        title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
        authors: ['Juan M. Maldacena'],
        summary:
          'We show that the large N limit of certain conformal field theories in various dimensions include in their Hilbert space a sector describing supergravity on the product of Anti-deSitter spacetimes, spheres and other compact manifolds.',
        theme: 'Physics',
        month: '1997-11',
        published: '1997-11-27',
        categories: ['hep-th'],
        tags: [],
        absUrl: 'https://arxiv.org/abs/hep-th/9711200',
        pdfUrl: 'https://arxiv.org/pdf/hep-th/9711200',
        extra: {},
        source: { file: 'shelf.papers.txt', line: 13, column: 1 },
      });
    }
  });

  it('text shows TeX-isms as readers see them in the sidebar; JSON keeps the field as written', () => {
    const r = cli(['show', '2509.26514']);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.includes('inspired by “operationalism” that decouples'), r.stdout);
    assert.ok(!r.stdout.includes('``'));
    const summary: string = JSON.parse(cli(['show', '2509.26514', '--json']).stdout).summary;
    assert.ok(summary.includes("inspired by ``operationalism'' that decouples"));
  });

  it('an id or key not on the shelf: message on stderr, exit status 1', () => {
    const r = cli([...FIXTURE_SHELF, 'show', '2401.00001']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: 2401.00001 is not on the shelf\n');
  });
});
