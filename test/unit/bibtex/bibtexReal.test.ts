// Real bibtex and biber over every paper of the shipped shelf plus hostile titles. The tools
// come from Debian (texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber);
// when they are missing this test fails: an untested bibliography is not a tested one.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatBibtexEntries } from '../../../src/core/bibtex/bibtex';
import { parseBibtex } from '../../../src/core/bibtex/bibParse';
import { assignKeys } from '../../../src/core/cite/keys';
import { parseCollection } from '../../../src/core/collection/collection';
import type { Paper } from '../../../src/core/model/types';
import { decodeCollection } from '../../../src/core/collection/collectionInput';
import { corpusBytes } from '../../support/hostileCorpus';
import { makePaper } from '../../support/papers';
import { REPO_ROOT } from '../../support/paths';

const ROOT = REPO_ROOT;

function hostile(id: string, title: string, authors: string[] = []): Paper {
  return makePaper({ id, title, authors, source: { file: 'hostile', line: 1, column: 1 } });
}

export const HOSTILE_PAPERS: Paper[] = [
  hostile('2501.00001', '100% Accurate & Fast: #1 Method for snake_case $5 ~tilde^ caret'),
  hostile('2501.00002', 'A Title Ending With a Backslash \\'),
  hostile('2501.00003', 'Unbalanced { Opening Brace'),
  hostile('2501.00004', 'Unbalanced } Closing Brace }}'),
  hostile('2501.00005', 'Café Schrödinger: Ångström-Scale Naïve Æsthetics in Łódź, Øresund and Dvořák'),
  hostile('2501.00006', 'Greek αβγ Δ-Learning and Ω-Nets with μ-Transfer'),
  hostile('2501.00007', '深度学习 and 日本語のタイトル 한국어 Mixed Scripts'),
  hostile('2501.00008', 'Math $O(n \\log n)$ and broken $\\mname$ and lonely $ dollar'),
  hostile('2501.00009', 'Quotes "double" and `back` and <angle> and |bar| and @at'),
  hostile('2501.00010', '\\emph{Emphasis} with {BERT} and \\% escaped \\& already and \\cite{x}'),
  hostile('2501.00011', 'Emoji 🚀 and symbols ≤ ≥ → ∞ × ± … — – “curly” ‘single’ € ° §'),
  hostile('2501.00012', 'Names With Accents', [
    'José Núñez',
    'Zoë Müller-Lüdenscheidt',
    '王小明',
    'Research and Development Team',
    'Jan van der Berg',
  ]),
  hostile('2501.00013', '}{ Braces Reversed }{ And \\\\ Double Backslash'),
  hostile('2501.00014', 'Trailing percent %'),
];

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error)
    throw new Error(
      `${cmd} could not run (${r.error.message}); install texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber`,
    );
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function errorLines(log: string): string[] {
  return log
    .split('\n')
    .filter((l) => /^! |ERROR|error message|I was expecting|I'm ignoring|Illegal|Warning--/.test(l));
}

describe('BibTeX entries through real bibtex and biber', function () {
  this.timeout(180_000);
  let dir: string;
  let bib: string;
  let keys: string[];
  let unicodeDeclarations: string;

  before(() => {
    const seeds = parseCollection(
      fs.readFileSync(path.join(ROOT, 'seeds/papers.txt'), 'utf8'),
      'seeds/papers.txt',
    ).papers;
    assert.ok(seeds.length >= 50, `expected the 50 shipped papers, read ${seeds.length}`);
    // The hostile-input corpus (test/fixtures/hostile/): markup, TeX break-outs, control characters, invalid UTF-8.
    const corpus = ['hostile.papers.txt', 'invalid-utf8.papers.txt'].flatMap(
      (f) => parseCollection(decodeCollection(corpusBytes(f), f).text!, f).papers,
    );
    assert.ok(corpus.length >= 12, `expected the hostile corpus, read ${corpus.length}`);
    const papers = [...seeds, ...HOSTILE_PAPERS, ...corpus];
    const assigned = assignKeys(papers);
    const entries = papers.map((paper) => ({ paper, key: assigned.get(paper.id)! }));
    keys = entries.map((e) => e.key);
    bib = formatBibtexEntries(entries);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-bib-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), bib);
    // Scripts pdflatex has no fonts for (CJK, emoji) are declared the way a CJK-less document
    // would; the point here is that bibtex and biber read every entry.
    const raw = new Set([...bib].filter((c) => c.codePointAt(0)! > 0x7f));
    unicodeDeclarations = [...raw]
      .map((c) => `\\DeclareUnicodeCharacter{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}{?}`)
      .join('\n');
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes balanced, parseable entries for every paper', () => {
    const parsed = parseBibtex(bib);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => e.key),
      keys,
    );
    assert.equal(new Set(keys).size, keys.length);
  });

  it('bibtex (plainnat) processes every entry without an error or warning, and LaTeX typesets the result', () => {
    const tex = [
      '\\documentclass{article}',
      '\\usepackage[T1]{fontenc}',
      '\\usepackage[utf8]{inputenc}',
      '\\usepackage{natbib}',
      '\\usepackage{url}',
      unicodeDeclarations,
      '\\begin{document}',
      `Every paper: \\citep{${keys.join(',')}}.`,
      '\\bibliographystyle{plainnat}',
      '\\bibliography{refs}',
      '\\end{document}',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'doc.tex'), tex);
    const first = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], dir);
    assert.equal(first.status, 0, first.out.slice(-3000));
    const bibtex = run('bibtex', ['doc'], dir);
    assert.deepEqual(errorLines(bibtex.out), [], bibtex.out);
    assert.equal(bibtex.status, 0, bibtex.out);
    run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], dir);
    const last = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], dir);
    assert.equal(last.status, 0, last.out.slice(-3000));
    const log = fs.readFileSync(path.join(dir, 'doc.log'), 'latin1');
    assert.doesNotMatch(log, /Citation .* undefined/);
    const bbl = fs.readFileSync(path.join(dir, 'doc.bbl'), 'utf8');
    assert.equal((bbl.match(/\\bibitem/g) ?? []).length, keys.length);
  });

  it('biber (biblatex) processes every entry without an error, and LaTeX typesets the result', () => {
    const tex = [
      '\\documentclass{article}',
      '\\usepackage[T1]{fontenc}',
      '\\usepackage[utf8]{inputenc}',
      '\\usepackage[backend=biber]{biblatex}',
      unicodeDeclarations,
      '\\addbibresource{refs.bib}',
      '\\begin{document}',
      `Every paper: \\autocite{${keys.join(',')}}.`,
      '\\printbibliography',
      '\\end{document}',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'doc2.tex'), tex);
    const first = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc2.tex'], dir);
    assert.equal(first.status, 0, first.out.slice(-3000));
    const biber = run('biber', ['doc2'], dir);
    assert.deepEqual(
      biber.out.split('\n').filter((l) => /ERROR|WARN/.test(l)),
      [],
      biber.out,
    );
    assert.equal(biber.status, 0, biber.out);
    const last = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc2.tex'], dir);
    assert.equal(last.status, 0, last.out.slice(-3000));
    const bbl = fs.readFileSync(path.join(dir, 'doc2.bbl'), 'utf8');
    assert.equal((bbl.match(/\\entry\{/g) ?? []).length, keys.length);
  });
});
