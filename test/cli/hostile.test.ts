// paper-shelf over the hostile-input corpus (test/fixtures/hostile/): exit statuses, problems
// reported once, markup printed literally, and no control sequence reaching the terminal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, cli, ROOT, tempDir } from '../support/cli';
import { parseBibtex } from '../../src/core/bibtex/bibParse';
import { duplicateIds, MARKER, megabyteLine } from '../support/hostileCorpus';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');
const SHELF = ['--no-seeds', '--collection', 'hostile.papers.txt'];
const run = (args: string[], input?: string) => cli(args, { cwd: HOSTILE, input });

/** No C0/C1 control character but line breaks and tabs: nothing can recolour, retitle or clear a terminal. */
function assertNoControls(text: string): void {
  const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(text);
  assert.equal(
    bad,
    null,
    bad
      ? `control U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}: ${JSON.stringify(text.slice(Math.max(0, bad.index - 30), bad.index + 30))}`
      : '',
  );
}

describe('paper-shelf over hostile input', function () {
  this.timeout(120_000);

  it('check: every corpus file reported in FILE:LINE:COLUMN form; binary and invalid UTF-8 once each; status 1', () => {
    const r = run(['check', 'hostile.papers.txt', 'invalid-utf8.papers.txt', 'binary.papers.txt']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) assert.match(line, /^[\w.-]+\.papers\.txt:\d+:\d+: (error|warning): /, line);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('binary.papers.txt')),
      [
        'binary.papers.txt:1:1: error: This file is not text (it holds binary data), so it cannot be a collection file; Paper Shelf ignores it. Rename it, or narrow paperShelf.collectionFiles.',
      ],
    );
    assert.deepEqual(
      lines
        .filter((l) => l.startsWith('invalid-utf8.papers.txt'))
        .map((l) => l.slice(0, l.indexOf(': ', l.indexOf(': ') + 1))),
      ['invalid-utf8.papers.txt:5:12: warning'],
    );
    assert.match(r.stderr, /^paper-shelf: 3 files, 13 papers: \d+ errors?, \d+ warnings?\n$/);
    assertNoControls(r.stdout + r.stderr);
  });

  it('list: hostile titles and themes printed literally, control characters gone; status 0 with a pointer to check', () => {
    const r = run(['list', ...SHELF, '--taxonomy', 'hostile-themes.json']);
    assert.equal(r.status, 0, r.stderr);
    // Titles go through the same TeX-to-text step as the sidebar ('quotes' become typographic).
    assert.ok(
      r.stdout.includes(
        `<script>window.${MARKER}=1;alert(\u2019${MARKER}-title\u2019)</script> Script Tags In A Title`,
      ),
      r.stdout.slice(0, 500),
    );
    assert.ok(r.stdout.includes(`<script>alert('${MARKER}-tax')</script> Scripts`));
    assert.ok(r.stdout.includes('Bell Escape[31mRed[0m Backspace DEL'), 'escape sequences lose their ESC');
    assert.match(r.stderr, /hostile\.papers\.txt has \d+ problems; see: paper-shelf check hostile\.papers\.txt/);
    assertNoControls(r.stdout + r.stderr);
    const json = run(['list', ...SHELF, '--json']);
    assert.equal(json.status, 0);
    const parsed = JSON.parse(json.stdout) as unknown;
    assert.ok(JSON.stringify(parsed).includes(`<script>window.${MARKER}=1`), 'JSON keeps the text as data');
  });

  it('bib --all: entries that read back with no problem and carry no TeX primitive from a title', () => {
    const r = run(['bib', '--all', ...SHELF]);
    assert.equal(r.status, 0, r.stderr);
    const parsed = parseBibtex(r.stdout);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.entries.length, 10);
    assert.doesNotMatch(r.stdout, /\\(?:write18|input|def|catcode|csname)\b/);
    assertNoControls(r.stdout);
  });

  it('cited and bib --cited: a draft full of hostile cite keys; unknown keys are not invented, status says so', () => {
    const cited = run(['cited', ...SHELF, 'draft.tex']);
    assert.equal(cited.status, 0, cited.stderr);
    assert.equal(
      cited.stdout,
      'draft.tex:4:1:  arXiv:2501.10001  2501.10001  ' + cited.stdout.trim().split(/\s+/).pop() + '\n',
    );
    assertNoControls(cited.stdout + cited.stderr);
    const bib = run(['bib', ...SHELF, '--cited', 'draft.tex']);
    assert.equal(parseBibtex(bib.stdout).entries.length, 1);
    assertNoControls(bib.stdout + bib.stderr);
  });

  it('a 1 MB single line and 10,000 duplicate ids through standard input and files', () => {
    const line = run(['check', '-'], megabyteLine());
    assert.equal(line.status, 0);
    assert.equal(line.stdout, '');
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'dup.papers.txt'), duplicateIds());
      // 9,999 warning lines are more than spawnSync's default 1 MB buffer.
      const spawned = spawnSync(process.execPath, [CLI, 'check', 'dup.papers.txt'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
      });
      const r = { stdout: spawned.stdout, stderr: spawned.stderr, status: spawned.status };
      assert.equal(r.status, 0, 'duplicates are warnings');
      assert.equal(r.stdout.trimEnd().split('\n').length, 9_999);
      assert.equal(r.stderr, 'paper-shelf: 1 file, 1 paper: 0 errors, 9999 warnings\n');
      const list = cli(['list', '--no-seeds', '--collection', 'dup.papers.txt', '--json'], { cwd: dir });
      assert.equal(list.status, 0);
      assert.equal(
        (JSON.parse(list.stdout) as { groups: { papers: unknown[] }[] }).groups.flatMap((g) => g.papers).length,
        1,
        'one merged paper',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
