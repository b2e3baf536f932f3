// paper-shelf cite: the text the extension's Insert Citation and Insert Link commands write.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, FIXTURE_SHELF, ROOT, tempDir } from '../support/cli';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import { newCitation } from '../../src/core/cite/citeFormat';

describe('paper-shelf cite', function () {
  this.timeout(60_000);

  it('--format latex (the default): \\cite{...} with the keys in the order given; --command as the setting', () => {
    for (const args of [
      ['cite', 'mash2025', 'arXiv:1706.03762v7'],
      ['cite', 'mash2025', '1706.03762', '--format', 'latex'],
    ]) {
      const r = cli([...FIXTURE_SHELF, ...args]);
      assert.equal(r.stdout, '\\cite{mash2025,vaswani2017attention}\n');
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
    }
    assert.equal(
      cli([...FIXTURE_SHELF, 'cite', 'maldacena1997', '--command', 'citep']).stdout,
      '\\citep{maldacena1997}\n',
    );
    assert.equal(
      cli([...FIXTURE_SHELF, 'cite', 'maldacena1997', '--command', '\\textcite*']).stdout,
      '\\textcite*{maldacena1997}\n',
    );
  });

  it('--format markdown: a Pandoc citation', () => {
    const r = cli([...FIXTURE_SHELF, 'cite', '--format', 'markdown', 'hep-th/9711200', 'vaswani2017attention']);
    assert.equal(r.stdout, '[@maldacena1997; @vaswani2017attention]\n');
    assert.equal(r.status, 0);
  });

  it('--format link: titled links joined as in a Markdown document; --link-target and --markup', () => {
    const r = cli([...FIXTURE_SHELF, 'cite', '--format', 'link', 'mash2025', 'maldacena1997']);
    assert.equal(
      r.stdout,
      '[Pay-Per-Search Models are Abstention Models](https://arxiv.org/abs/2510.01152), ' +
        '[The Large N Limit of Superconformal Field Theories and Supergravity](https://arxiv.org/abs/hep-th/9711200)\n',
    );
    assert.equal(
      cli([...FIXTURE_SHELF, 'cite', '--format', 'link', '--link-target', 'pdf', '--markup', 'latex', 'mash2025'])
        .stdout,
      '\\href{https://arxiv.org/pdf/2510.01152}{Pay-Per-Search Models are Abstention Models}\n',
    );
    assert.equal(
      cli([
        ...FIXTURE_SHELF,
        'cite',
        '--format',
        'link',
        '--link-target',
        'doi',
        '--markup',
        'bare',
        'mash2025',
        '1706.03762',
      ]).stdout,
      'https://doi.org/10.48550/arXiv.2510.01152\nhttps://doi.org/10.48550/arXiv.1706.03762\n',
    );
  });

  it('the seeds get the keys the extension inserts', () => {
    const { shelf } = buildShelf({
      seeds: { file: 'seeds/papers.txt', text: fs.readFileSync(path.join(ROOT, 'seeds', 'papers.txt'), 'utf8') },
    });
    const ids = ['2510.01152', '2509.26514', '2509.25162'];
    const r = cli(['cite', ...ids]);
    assert.equal(
      r.stdout,
      `${newCitation(
        'latex',
        ids.map((id) => shelf.get(id)!.key),
      )}\n`,
    );
    assert.equal(r.status, 0);
  });

  it('a paper not on the shelf: nothing printed, each missing one named, exit status 1', () => {
    const r = cli([...FIXTURE_SHELF, 'cite', 'mash2025', '2401.00001', 'nokey']);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: 2401.00001 is not on the shelf\npaper-shelf: nokey is not on the shelf\n');
    assert.equal(r.status, 1);
  });

  it('usage errors: an unknown format, a bad command name, link options for a citation', () => {
    const cases: [string[], string][] = [
      [['--format', 'apa'], 'paper-shelf: option --format must be one of latex, markdown, link (got "apa")\n'],
      [
        ['--command', 'ci te'],
        'paper-shelf: --command must be a LaTeX command name such as cite or citep (got "ci te")\n',
      ],
      [['--format', 'markdown', '--command', 'citep'], 'paper-shelf: --command applies to --format latex only\n'],
      [['--markup', 'html'], 'paper-shelf: --link-target and --markup apply to --format link only\n'],
    ];
    for (const [args, first] of cases) {
      const r = cli([...FIXTURE_SHELF, 'cite', 'mash2025', ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`${first}usage: paper-shelf cite ID|KEY...`), r.stderr);
    }
  });
});

describe('paper-shelf global options', function () {
  this.timeout(60_000);

  it('--taxonomy replaces the shipped themes; an unusable one is a clear failure', () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'themes.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          version: 1,
          fallback: { name: 'Everything else', icon: 'book' },
          themes: [{ name: 'Speech', icon: 'mic', terms: { speech: 3, voice: 2, tts: 2 } }],
        }),
      );
      const r = cli(['--taxonomy', file, 'show', '2509.26514', '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).theme, 'Speech');
      const names = JSON.parse(cli(['--taxonomy', file, 'list', '--json']).stdout).groups.map(
        (g: { name: string }) => g.name,
      );
      assert.equal(names.at(-1), 'Everything else');
      fs.writeFileSync(file, '{ not json');
      const bad = cli(['--taxonomy', file, 'list']);
      assert.equal(bad.status, 1);
      assert.equal(bad.stdout, '');
      assert.match(bad.stderr, /^paper-shelf: the taxonomy cannot be used: .*themes\.json:1:\d+: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('problems in a --collection file are summarised on stderr; its good papers are still used', () => {
    const r = cli(['--no-seeds', '--collection', 'broken.papers.txt', 'list', '--group', 'none']);
    assert.equal(r.status, 0);
    assert.equal(
      r.stderr,
      'paper-shelf: warning: broken.papers.txt has 4 problems; see: paper-shelf check broken.papers.txt\n',
    );
    assert.equal(r.stdout.trimEnd().split('\n').length, 2);
  });
});
