// The tool's contract with shells and scripts: usage errors exit 2, every subcommand has --help,
// plain text in pipes, colour only on a terminal without NO_COLOR, and no file is ever written.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, CLI, FIXTURE_SHELF, FIXTURES, ROOT, snapshot, tempDir } from '../support/cli';

const SUBCOMMANDS = ['list', 'search', 'show', 'bib', 'cite', 'cited', 'check', 'add', 'find'];
const ESC = '\u001b[';

/** Runs the tool with stdout on a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(args: string, env: Record<string, string | undefined> = {}): string {
  const r = spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" ${args}`, '/dev/null'], {
    cwd: FIXTURES,
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm', ...env },
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return r.stdout;
}

describe('paper-shelf usage', function () {
  this.timeout(120_000);

  it('--help lists every subcommand and the exit statuses', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^paper-shelf \d+\.\d+\.\d+: /);
    for (const name of SUBCOMMANDS) assert.match(r.stdout, new RegExp(`\\n  ${name} +\\S`), name);
    assert.match(r.stdout, /Exit status:\n {2}0 {2}success\n {2}1 {2}failure.*\n {2}2 {2}usage error/);
    assert.equal(cli(['help']).stdout, r.stdout);
  });

  for (const name of SUBCOMMANDS) {
    it(`${name} --help: its usage, options and exit statuses on stdout, exit status 0`, () => {
      const r = cli([name, '--help']);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^Usage: paper-shelf ${name}\\b`));
      assert.match(r.stdout, /\nOptions for every command:\n {6}--collection FILE/);
      assert.match(r.stdout, /\nExit status:\n {2}0 {2}success\n[\s\S]* {2}2 {2}usage error/);
      assert.equal(cli(['help', name]).stdout, r.stdout);
      assert.equal(cli([name, '-h']).stdout, r.stdout);
    });
  }

  it('--version prints the package version', () => {
    const r = cli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('unknown subcommands and options, missing and extra arguments: a usage message on stderr, exit status 2', () => {
    const cases: [string[], string][] = [
      [[], 'paper-shelf: no command given\nusage: paper-shelf [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n'],
      [
        ['lst'],
        'paper-shelf: unknown command "lst" (did you mean list?)\nusage: paper-shelf [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n',
      ],
      [
        ['list', '--grop', 'month'],
        'paper-shelf: unknown option --grop (did you mean --group?)\nusage: paper-shelf list [--group theme|month|none] [--json]\n',
      ],
      [
        ['list', '--group', 'year'],
        'paper-shelf: option --group must be one of theme, month, none (got "year")\nusage: paper-shelf list ',
      ],
      [['list', 'extra'], 'paper-shelf: unexpected argument "extra"\nusage: paper-shelf list '],
      [['show'], 'paper-shelf: missing ID|KEY\nusage: paper-shelf show ID|KEY [--json]\n'],
      [['show', 'a', 'b'], 'paper-shelf: too many arguments ("b")\nusage: paper-shelf show '],
      [['show', '-x', 'a'], 'paper-shelf: unknown option -x\nusage: paper-shelf show '],
      [['list', '--json=yes'], 'paper-shelf: option --json takes no value\nusage: paper-shelf list '],
      [['list', '--collection'], 'paper-shelf: option --collection needs a value (FILE)\nusage: paper-shelf list '],
      [
        ['search', 'x', '--limit', '2', '--limit', '3'],
        'paper-shelf: option --limit given more than once\nusage: paper-shelf search ',
      ],
      [['--frobnicate'], 'paper-shelf: unknown option --frobnicate\nusage: paper-shelf [GLOBAL OPTIONS]'],
    ];
    for (const [args, start] of cases) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.ok(r.stderr.startsWith(start), `${args.join(' ')}: ${JSON.stringify(r.stderr)}`);
      assert.match(r.stderr, /\nRun 'paper-shelf (\w+ )?--help' for details\.\n$/);
    }
  });

  it('"--" ends the options, so an odd query can start with a dash', () => {
    const r = cli([...FIXTURE_SHELF, 'search', '--json', '--', '-attention']);
    assert.notEqual(r.status, 2, r.stderr);
  });

  it('output into a pipe is plain text; on a terminal headings are coloured, never with NO_COLOR', () => {
    for (const args of [
      ['list'],
      ['show', 'mash2025'],
      ['check', 'broken.papers.txt'],
      ['search', 'attention'],
      ['--help'],
    ]) {
      const r = cli([...FIXTURE_SHELF, ...args], { env: { FORCE_COLOR: '1' } });
      assert.ok(!r.stdout.includes(ESC) && !r.stderr.includes(ESC), args.join(' '));
    }
    const coloured = onTerminal('--no-seeds --collection shelf.papers.txt list', { NO_COLOR: undefined });
    assert.ok(coloured.includes(`${ESC}1mPhysics${ESC}22m`), JSON.stringify(coloured));
    const plain = onTerminal('--no-seeds --collection shelf.papers.txt list', { NO_COLOR: '1' });
    assert.ok(plain.includes('Physics (1)') && !plain.includes(ESC), JSON.stringify(plain));
  });

  it('terminal control sequences in collection text never reach the terminal', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(
        path.join(dir, 'hostile.papers.txt'),
        'Title: Evil \u001b]0;pwned\u0007title \u001b[2J here\nID: 2401.00001\nComment: bell\u0007 and \u009b31m\nSummary: Clear \u001b[31mred\u001b[0m screen.\n---\n',
      );
      for (const args of [['list'], ['show', '2401.00001'], ['search', 'evil'], ['cited', 'hostile.papers.txt']]) {
        const r = cli(['--no-seeds', '--collection', 'hostile.papers.txt', ...args], { cwd: dir });
        assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.ok(
          !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(r.stdout.replace(/\n/g, '')),
          `${args.join(' ')}: ${JSON.stringify(r.stdout)}`,
        );
      }
      // JSON keeps the text as it is, escaped by JSON itself.
      assert.match(
        JSON.parse(
          cli(['--no-seeds', '--collection', 'hostile.papers.txt', 'show', '2401.00001', '--json'], { cwd: dir })
            .stdout,
        ).title,
        /\u001b/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing anywhere: every read-only subcommand leaves its folder byte for byte as it was', () => {
    const dir = tempDir();
    try {
      for (const name of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
      const before = snapshot(dir);
      const env = { HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir };
      const runs = [
        ['list'],
        ['list', '--group', 'month', '--json'],
        ['search', 'attention'],
        ['show', 'mash2025', '--json'],
        ['bib', '--cited', 'draft.tex', 'draft.md', '--allow-missing'],
        ['cited', 'draft.tex'],
        ['check', 'broken.papers.txt', 'shelf.papers.txt'],
        ['nonsense'],
      ];
      for (const args of runs) cli(['--collection', 'shelf.papers.txt', ...args], { cwd: dir, env });
      assert.deepEqual(snapshot(dir), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds its shipped seeds when started through a symlink (npm link, a global install)', () => {
    const dir = tempDir();
    try {
      const link = path.join(dir, 'paper-shelf');
      fs.symlinkSync(CLI, link);
      const r = spawnSync(process.execPath, [link, 'show', '2510.01152', '--json'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).title, 'Pay-Per-Search Models are Abstention Models');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader that stops early (| head -n 1) is not an error', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" bib --all | head -n 1`], { encoding: 'utf8' });
    assert.equal(r.stdout, r.stdout.split('\n')[0] + '\n');
    assert.match(r.stdout, /^@misc\{/);
    assert.equal(r.stderr, '');
  });
});
