// The README's make and latexmk recipes, run for real: make/latexmk + pdflatex + bibtex with the
// built tool on PATH as `paper-shelf`. The recipes are read from the README itself, so the docs
// cannot drift from what works. Needs make, pdflatex, bibtex and latexmk (scripts/setup-test-host.sh).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, CLI, FIXTURES, ROOT, tempDir } from '../support/cli';

function readmeBlock(language: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- SECTION: cli -->'));
  const m = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  assert.ok(m, `the README's cli section has a ${language} block`);
  return m[1];
}

function need(tool: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  assert.equal(
    found.status,
    0,
    `${tool} is not installed: run scripts/setup-test-host.sh (apt-get install make latexmk texlive-latex-base texlive-bibtex-extra)`,
  );
}

/** A draft folder: the README's files, the fixture shelf, and `paper-shelf` on PATH. */
function draftFolder(draft: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'bin'));
  const shim = path.join(dir, 'bin', 'paper-shelf');
  fs.writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  fs.copyFileSync(path.join(FIXTURES, 'shelf.papers.txt'), path.join(dir, 'shelf.papers.txt'));
  fs.writeFileSync(path.join(dir, 'paper.tex'), draft);
  return { dir, env: { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` } };
}

function run(command: string, args: string[], dir: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000, input: '' });
  if (r.error) throw r.error;
  return r;
}

describe('paper-shelf in a LaTeX build (the README recipes)', function () {
  this.timeout(240_000);
  const seedKey = () => JSON.parse(cli(['show', '2509.26514', '--json']).stdout).key as string;
  const draft = (extra = '') =>
    [
      '\\documentclass{article}',
      '\\begin{document}',
      `Transformers~\\cite{vaswani2017attention} and speech~\\cite{${seedKey()}}.`,
      `Abstention as search: arXiv:2510.01152v2, cited as~\\cite{mash2025}.${extra}`,
      '\\bibliographystyle{plain}',
      '\\bibliography{references}',
      '\\end{document}',
      '',
    ].join('\n');
  const cited = () => ['vaswani2017attention', seedKey(), 'mash2025'];

  let dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });

  it('make: references.bib holds exactly the cited papers, bibtex takes it without a warning, the PDF builds', () => {
    for (const tool of ['make', 'pdflatex', 'bibtex']) need(tool);
    const { dir, env } = draftFolder(draft());
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Makefile'), readmeBlock('make'));
    const r = run('make', [], dir, env);
    assert.equal(r.status, 0, r.stdout + r.stderr);

    const bib = fs.readFileSync(path.join(dir, 'references.bib'), 'utf8');
    assert.equal(bib, cli(['--collection', 'shelf.papers.txt', 'bib', '--cited', 'paper.tex'], { cwd: dir }).stdout);
    assert.deepEqual(
      [...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]),
      cited(),
    );
    const bbl = fs.readFileSync(path.join(dir, 'paper.bbl'), 'utf8');
    assert.deepEqual([...bbl.matchAll(/\\bibitem\{([^}]+)\}/g)].map((m) => m[1]).sort(), [...cited()].sort());
    const blg = fs.readFileSync(path.join(dir, 'paper.blg'), 'utf8');
    assert.doesNotMatch(blg, /Warning--|error message/);
    assert.ok(fs.statSync(path.join(dir, 'paper.pdf')).size > 1000);

    // Up to date: make has nothing to do.
    assert.equal(run('make', ['-q', 'references.bib'], dir, env).status, 0);
  });

  it('make: a cited id that is not on the shelf stops the build with its position; no stale references.bib is left', () => {
    for (const tool of ['make']) need(tool);
    const { dir, env } = draftFolder(draft(' Also arXiv:2401.00001.'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'Makefile'), readmeBlock('make'));
    const r = run('make', ['references.bib'], dir, env);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^paper\.tex:4:\d+: error: 2401\.00001 is not on the shelf$/m);
    assert.ok(!fs.existsSync(path.join(dir, 'references.bib')));
  });

  it('latexmk: the .latexmkrc hook rebuilds references.bib and the PDF builds; a missing id stops it and keeps the old file', () => {
    for (const tool of ['latexmk', 'pdflatex', 'bibtex']) need(tool);
    const { dir, env } = draftFolder(draft());
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, '.latexmkrc'), readmeBlock('perl'));
    const r = run('latexmk', ['-pdf', '-interaction=nonstopmode', 'paper.tex'], dir, env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const bib = fs.readFileSync(path.join(dir, 'references.bib'), 'utf8');
    assert.deepEqual(
      [...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]),
      cited(),
    );
    const bbl = fs.readFileSync(path.join(dir, 'paper.bbl'), 'utf8');
    assert.deepEqual([...bbl.matchAll(/\\bibitem\{([^}]+)\}/g)].map((m) => m[1]).sort(), [...cited()].sort());
    assert.ok(fs.existsSync(path.join(dir, 'paper.pdf')));

    fs.writeFileSync(path.join(dir, 'paper.tex'), draft(' Also arXiv:2401.00001.'));
    const failed = run('latexmk', ['-pdf', '-interaction=nonstopmode', 'paper.tex'], dir, env);
    assert.notEqual(failed.status, 0);
    assert.match(failed.stdout + failed.stderr, /paper\.tex:4:\d+: error: 2401\.00001 is not on the shelf/);
    assert.match(failed.stdout + failed.stderr, /paper-shelf: references\.bib was not rebuilt/);
    assert.equal(fs.readFileSync(path.join(dir, 'references.bib'), 'utf8'), bib);
    assert.ok(!fs.existsSync(path.join(dir, 'references.bib.new')));
  });

  it('the recipe command works on a Markdown draft too (Pandoc)', () => {
    const r = cli(['--collection', 'shelf.papers.txt', 'bib', '--cited', 'draft.md', '--allow-missing']);
    assert.equal(r.status, 0);
    assert.deepEqual(
      [...r.stdout.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1]),
      ['vaswani2017attention', 'mash2025'],
    );
  });
});
