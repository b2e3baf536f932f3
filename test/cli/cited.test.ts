// paper-shelf cited and paper-shelf bib, on a LaTeX draft and a Markdown draft.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, FIXTURE_SHELF, FIXTURES } from '../support/cli';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import { formatBibtexEntries } from '../../src/core/bibtex/bibtex';

/** The fixture shelf as the extension would build it: the entries the extension would insert. */
function expectedBib(...ids: string[]): string {
  const { shelf } = buildShelf({
    collections: [{ file: 'shelf.papers.txt', text: fs.readFileSync(path.join(FIXTURES, 'shelf.papers.txt'), 'utf8') }],
  });
  return formatBibtexEntries(ids.map((id) => ({ paper: shelf.get(id)!.paper, key: shelf.get(id)!.key })));
}

describe('paper-shelf cited', function () {
  this.timeout(60_000);

  it('lists every id form and shelf key in the LaTeX draft, in document order, with 1-based positions', () => {
    const r = cli([...FIXTURE_SHELF, 'cited', 'draft.tex']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        'draft.tex:3:20:  vaswani2017attention                  1706.03762      vaswani2017attention',
        'draft.tex:4:23:  arXiv:2510.01152v2                    2510.01152      mash2025',
        'draft.tex:4:70:  maldacena1997                         hep-th/9711200  maldacena1997',
        'draft.tex:5:26:  https://arxiv.org/abs/hep-th/9711200  hep-th/9711200  maldacena1997',
        'draft.tex:6:19:  arXiv:2401.00001                      2401.00001      (not on the shelf)',
        'draft.tex:8:9:   1706.03762                            1706.03762      vaswani2017attention',
        '',
      ].join('\n'),
    );
  });

  it('--json on the LaTeX draft: the documented shape, key only for shelf papers', () => {
    const r = cli([...FIXTURE_SHELF, 'cited', '--json', 'draft.tex']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      references: [
        {
          id: '1706.03762',
          text: 'vaswani2017attention',
          line: 3,
          column: 20,
          onShelf: true,
          key: 'vaswani2017attention',
        },
        { id: '2510.01152', text: 'arXiv:2510.01152v2', line: 4, column: 23, onShelf: true, key: 'mash2025' },
        { id: 'hep-th/9711200', text: 'maldacena1997', line: 4, column: 70, onShelf: true, key: 'maldacena1997' },
        {
          id: 'hep-th/9711200',
          text: 'https://arxiv.org/abs/hep-th/9711200',
          line: 5,
          column: 26,
          onShelf: true,
          key: 'maldacena1997',
        },
        { id: '2401.00001', text: 'arXiv:2401.00001', line: 6, column: 19, onShelf: false },
        { id: '1706.03762', text: '1706.03762', line: 8, column: 9, onShelf: true, key: 'vaswani2017attention' },
      ],
    });
  });

  it('--json on the Markdown draft: pandoc keys and a PDF URL; e-mail addresses and version numbers are not references', () => {
    const r = cli([...FIXTURE_SHELF, 'cited', 'draft.md', '--json']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      references: [
        {
          id: '1706.03762',
          text: 'vaswani2017attention',
          line: 6,
          column: 13,
          onShelf: true,
          key: 'vaswani2017attention',
        },
        { id: '2510.01152', text: 'mash2025', line: 6, column: 36, onShelf: true, key: 'mash2025' },
        {
          id: '1706.03762',
          text: 'https://arxiv.org/pdf/1706.03762v5',
          line: 7,
          column: 16,
          onShelf: true,
          key: 'vaswani2017attention',
        },
        { id: 'math/0309136', text: 'math.GT/0309136', line: 8, column: 18, onShelf: false },
      ],
    });
  });

  it('reads standard input for "-"; columns count characters, not bytes', () => {
    const r = cli([...FIXTURE_SHELF, 'cited', '-', '--json'], {
      input: 'Ünïcödé first, then arXiv:1706.03762 and\r\n@mash2025\n',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).references, [
      { id: '1706.03762', text: 'arXiv:1706.03762', line: 1, column: 21, onShelf: true, key: 'vaswani2017attention' },
      { id: '2510.01152', text: 'mash2025', line: 2, column: 2, onShelf: true, key: 'mash2025' },
    ]);
    assert.equal(cli([...FIXTURE_SHELF, 'cited', '-'], { input: 'nothing here' }).stdout, '');
    // A byte order mark is not a column.
    assert.equal(
      cli([...FIXTURE_SHELF, 'cited', '-'], { input: '\uFEFF@mash2025' }).stdout,
      '<stdin>:1:2:  mash2025  2510.01152  mash2025\n',
    );
  });

  it('a document that cannot be read: message, exit status 1', () => {
    const r = cli([...FIXTURE_SHELF, 'cited', 'no-such-draft.tex']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: cannot read no-such-draft.tex: no such file\n');
  });
});

describe('paper-shelf bib', function () {
  this.timeout(60_000);

  it('--cited on the LaTeX draft: the entries the extension inserts, in order of first citation', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', '--cited', 'draft.tex']);
    assert.equal(r.stdout, expectedBib('1706.03762', '2510.01152', 'hep-th/9711200'));
    assert.match(r.stdout, /^@misc\{vaswani2017attention,\n {2}title = \{Attention Is All You Need\},\n/);
    assert.match(r.stdout, /\n {2}eprint = \{hep-th\/9711200\},\n/);
    // The unknown id fails the build; the foreign key (from another .bib) is only a note.
    assert.equal(
      r.stderr,
      'draft.tex:4:85: note: cite key "knuth1984" is not on the shelf (not written; another bibliography must provide it)\n' +
        'draft.tex:6:19: error: 2401.00001 is not on the shelf\n',
    );
    assert.equal(r.status, 1);
  });

  it('--cited on the Markdown draft with --allow-missing: exit status 0, the missing id still reported', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', '--allow-missing', '--cited', 'draft.md']);
    assert.equal(r.stdout, expectedBib('1706.03762', '2510.01152'));
    assert.equal(r.stderr, 'draft.md:8:18: warning: math/0309136 is not on the shelf (left out)\n');
    assert.equal(r.status, 0);
  });

  it('--cited takes several documents; papers named before it come first; no paper twice', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', 'maldacena1997', '--cited', 'draft.md', 'draft.tex', '--allow-missing']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, expectedBib('hep-th/9711200', '1706.03762', '2510.01152'));
    const repeated = cli([...FIXTURE_SHELF, 'bib', '--cited', 'draft.md', '--cited', 'draft.md', '--allow-missing']);
    assert.equal(repeated.stdout, expectedBib('1706.03762', '2510.01152'));
  });

  it('named papers by key or any id form, in the order given', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', 'mash2025', 'https://arxiv.org/abs/1706.03762v3', 'mash2025']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, expectedBib('2510.01152', '1706.03762'));
  });

  it('--all: every paper on the shelf, in shelf order', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', '--all']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, expectedBib('1706.03762', 'hep-th/9711200', '2510.01152'));
    const seeds = cli(['bib', '--all']);
    assert.equal(seeds.status, 0);
    assert.equal(seeds.stdout.match(/^@misc\{/gm)!.length, 50);
  });

  it('an unknown id or key: the others are still printed, exit status 1 (0 with --allow-missing)', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', 'mash2025', '2401.00001', 'nokey2020']);
    assert.equal(r.stdout, expectedBib('2510.01152'));
    assert.equal(r.stderr, 'paper-shelf: 2401.00001 is not on the shelf\npaper-shelf: nokey2020 is not on the shelf\n');
    assert.equal(r.status, 1);
    const allowed = cli([...FIXTURE_SHELF, 'bib', '2401.00001', '--allow-missing']);
    assert.equal(allowed.stdout, '');
    assert.equal(allowed.stderr, 'paper-shelf: warning: 2401.00001 is not on the shelf (left out)\n');
    assert.equal(allowed.status, 0);
  });

  it('a draft that cites nothing on the shelf gives an empty bibliography and a note', () => {
    const r = cli([...FIXTURE_SHELF, 'bib', '--cited', '-'], { input: 'No citations, only version 1.2.3.\n' });
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: note: no paper on the shelf is cited\n');
    assert.equal(r.status, 0);
  });

  it('usage errors: nothing asked for, --all with more, --cited without a file', () => {
    for (const args of [['bib'], ['bib', '--all', 'mash2025'], ['bib', '--cited']]) {
      const r = cli([...FIXTURE_SHELF, ...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(
        r.stderr,
        /\nusage: paper-shelf bib \[ID\|KEY\.\.\.\] \[--cited FILE\.\.\.\] \[--allow-missing\]\n {7}paper-shelf bib --all\n/,
      );
    }
  });
});
