// Real bibtex and biber over every paper of the shipped shelf plus hostile titles and published
// versions, under every classic style, the natbib styles and biblatex's standard styles. The
// bibliography is typeset (latex, then dvi2tty) and read back: every entry must show its locator
// (the arXiv id of a preprint, the venue of a published version) exactly once, and no tool may
// print an error or a warning. The tools come from Debian (texlive-latex-base
// texlive-latex-recommended texlive-bibtex-extra biber, installed by scripts/setup-test-host.sh);
// when they are missing this test fails: an untested bibliography is not a tested one.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type BibtexEntryInput,
  type EntryForm,
  formatBibtexEntries,
  formatBibtexEntry,
} from '../../../src/core/bibtex/bibtex';
import { parseBibtex } from '../../../src/core/bibtex/bibParse';
import { assignKeys } from '../../../src/core/cite/keys';
import { parseCollection } from '../../../src/core/collection/collection';
import type { Paper } from '../../../src/core/model/types';
import { decodeCollection } from '../../../src/core/collection/collectionInput';
import { corpusBytes } from '../../support/hostileCorpus';
import { makePaper } from '../../support/papers';
import { crossrefRecord } from '../../support/crossrefReplay';
import {
  publishedVersionOf,
  type CrossrefWorkRecord,
  type PublishedVersion,
} from '../../../src/core/published/crossrefWork';
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
    .filter((l) => /^! |ERROR|WARN|error message|I was expecting|I'm ignoring|Illegal|Warning--/.test(l));
}

/** Letters and digits only, lower-case, accents dropped: line breaks, hyphenation and spacing cannot matter. */
function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function occurrences(haystack: string, needle: string): number {
  const n = normalize(needle);
  let count = 0;
  for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + n.length)) count++;
  return count;
}

function published(fixture: string): PublishedVersion {
  const mapped = publishedVersionOf(crossrefRecord(fixture) as CrossrefWorkRecord, '2020');
  assert.ok('version' in mapped);
  return mapped.version;
}

/** Published versions as incomplete and as hostile as real ones, for papers of the test shelf. */
const HOSTILE_VENUE: PublishedVersion = {
  type: 'article',
  doi: '10.5555/hostile.1',
  title: 'Published: 100% {Unbalanced & $Odd_Title',
  authors: ['Zoë Müller', 'Research and Development Team'],
  venue: 'Zeitschrift für Physik & Co. {Letters} #5 ~ 50%',
  editors: [],
  volume: '12',
  pages: '1–10',
  year: '2024',
  publisher: 'Verlag & Söhne',
};

const CLASSIC = ['plain', 'unsrt', 'alpha', 'abbrv', 'acm', 'apalike', 'ieeetr', 'siam'];
const NATBIB = ['plainnat', 'unsrtnat', 'abbrvnat'];
const BIBLATEX = ['numeric', 'alphabetic', 'authoryear', 'authortitle'];

/**
 * How often each alternative entry form shows the arXiv id, by family of styles (README table).
 * The default form, 'portable', must show it exactly once everywhere.
 */
const FORM_COUNTS: Record<Exclude<EntryForm, 'portable'>, { classic: number; natbib: number; biblatex: number }> = {
  scholar: { classic: 1, natbib: 1, biblatex: 1 },
  eprint: { classic: 0, natbib: 0, biblatex: 1 },
  arxiv: { classic: 0, natbib: 1, biblatex: 2 },
};
const ALT_IDS: Record<Exclude<EntryForm, 'portable'>, string> = {
  scholar: '2502.00001',
  eprint: '2502.00002',
  arxiv: '2502.00003',
};

describe('BibTeX entries through real bibtex and biber, in every style', function () {
  this.timeout(600_000);
  let dir: string;
  let bib: string;
  let keys: string[];
  let unicodeDeclarations: string;
  /** Per key: what must show once, and the arXiv id (at most once when the entry is published). */
  const locators = new Map<string, { once: string; atMostOnce?: string }>();
  const altKeys: [Exclude<EntryForm, 'portable'>, string][] = [];

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
    const alternatives = Object.entries(ALT_IDS).map(([form, id]) =>
      makePaper({ id, title: `Alternative Form ${form}`, authors: ['Ada Lovelace'], categories: ['cs.CL'] }),
    );
    const papers = [...seeds, ...HOSTILE_PAPERS, ...corpus, ...alternatives];
    const assigned = assignKeys(papers);
    // Published versions: complete and incomplete records of each type, on seeds (no authors) and hostile papers.
    const publications = new Map<string, PublishedVersion>([
      [seeds[0]!.id, published('bert-naacl.json')],
      [seeds[1]!.id, published('ligo-prl.json')],
      [seeds[2]!.id, published('chapter.json')],
      [seeds[3]!.id, published('incomplete-article.json')],
      [seeds[4]!.id, published('proceedings-no-date.json')],
      [seeds[5]!.id, { ...published('bert-naacl.json'), type: 'misc', venue: '', publisher: 'Misc Fallback Press' }],
      ['2501.00012', HOSTILE_VENUE],
      [
        '2501.00005',
        {
          ...HOSTILE_VENUE,
          type: 'inproceedings',
          authors: [],
          venue: 'Proc. Odd_Workshop on $x$ \\ back {and} ^caret',
        },
      ],
    ]);
    const entries: BibtexEntryInput[] = [];
    const texts: string[] = [];
    for (const paper of papers) {
      const key = assigned.get(paper.id)!;
      const form = (Object.entries(ALT_IDS).find(([, id]) => id === paper.id)?.[0] ?? 'portable') as EntryForm;
      const version = publications.get(paper.id);
      const input = { paper, key, published: version };
      entries.push(input);
      texts.push(formatBibtexEntry(input, { form }));
      if (form !== 'portable') altKeys.push([form, key]);
      else if (version)
        locators.set(key, { once: version.venue || version.publisher || `doi:${version.doi}`, atMostOnce: paper.id });
      else locators.set(key, { once: paper.id });
    }
    assert.equal(publications.size, entries.filter((e) => e.published).length);
    keys = entries.map((e) => e.key);
    bib = texts.join('\n\n') + '\n';
    assert.equal(
      formatBibtexEntries(entries.filter((e) => !altKeys.some(([, k]) => k === e.key))),
      texts.filter((_, i) => !altKeys.some(([, k]) => k === keys[i])).join('\n\n') + '\n',
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-bib-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), bib);
    // Scripts pdflatex has no fonts for (CJK, emoji) are declared the way a CJK-less document
    // would; the point here is that bibtex and biber read every entry.
    const raw = new Set([...bib].filter((c) => c.codePointAt(0)! > 0x7f));
    unicodeDeclarations = [...raw]
      .map((c) => `\\DeclareUnicodeCharacter{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}{?}`)
      .join('\n');
  });

  after(() => process.env.PAPER_SHELF_KEEP_TYPESET || fs.rmSync(dir, { recursive: true, force: true }));

  it('writes balanced, parseable entries for every paper', () => {
    const parsed = parseBibtex(bib);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => e.key),
      keys,
    );
    assert.equal(new Set(keys).size, keys.length);
  });

  /** The typeset bibliography of `name`.tex as text (latex to DVI, dvi2tty), after a clean last run. */
  function typeset(name: string): string {
    const last = run('latex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
    assert.equal(last.status, 0, last.out.slice(-3000));
    const log = fs.readFileSync(path.join(dir, `${name}.log`), 'latin1');
    assert.doesNotMatch(log, /Citation .* undefined|There were undefined references|Package biblatex Warning/);
    const tty = spawnSync('dvi2tty', ['-w', '250', `${name}.dvi`], { cwd: dir, encoding: 'latin1' });
    assert.equal(tty.status, 0, `dvi2tty: ${tty.stderr}`);
    if (process.env.PAPER_SHELF_KEEP_TYPESET)
      fs.writeFileSync(`${process.env.PAPER_SHELF_KEEP_TYPESET}/${name}.txt`, tty.stdout, 'latin1');
    return normalize(tty.stdout);
  }

  /** Which entries miss their locator or show it twice, and how often each alternative form showed its id. */
  function check(text: string, family: 'classic' | 'natbib' | 'biblatex'): string[] {
    const wrong: string[] = [];
    for (const [key, { once, atMostOnce }] of locators) {
      const n = occurrences(text, once);
      if (n !== 1) wrong.push(`${key}: "${once}" shown ${n} times`);
      const m = atMostOnce ? occurrences(text, atMostOnce) : 0;
      if (m > 1) wrong.push(`${key}: "${atMostOnce}" shown ${m} times`);
    }
    for (const [form, key] of altKeys) {
      const n = occurrences(text, ALT_IDS[form]);
      if (n !== FORM_COUNTS[form][family]) wrong.push(`${key} (${form} form): shown ${n} times under ${family}`);
    }
    return wrong;
  }

  for (const style of [...CLASSIC, ...NATBIB]) {
    const family = NATBIB.includes(style) ? 'natbib' : 'classic';
    it(`bibtex (${style}): no error or warning, and every entry shows its locator once`, () => {
      const name = `doc-${style}`;
      const tex = [
        '\\documentclass{article}',
        '\\usepackage[T1]{fontenc}',
        '\\usepackage[utf8]{inputenc}',
        family === 'natbib' ? '\\usepackage{natbib}' : '',
        '\\usepackage{url}',
        unicodeDeclarations,
        '\\begin{document}',
        `Every paper: \\cite{${keys.join(',')}}.`,
        `\\bibliographystyle{${style}}`,
        '\\bibliography{refs}',
        '\\end{document}',
      ].join('\n');
      fs.writeFileSync(path.join(dir, `${name}.tex`), tex);
      const first = run('latex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
      assert.equal(first.status, 0, first.out.slice(-3000));
      const bibtex = run('bibtex', [name], dir);
      assert.deepEqual(errorLines(bibtex.out), [], bibtex.out);
      assert.equal(bibtex.status, 0, bibtex.out);
      const bbl = fs.readFileSync(path.join(dir, `${name}.bbl`), 'utf8');
      assert.equal((bbl.match(/\\bibitem/g) ?? []).length, keys.length);
      run('latex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
      assert.deepEqual(check(typeset(name), family), []);
    });
  }

  for (const style of BIBLATEX) {
    it(`biber (biblatex, style=${style}): no error or warning, and every entry shows its locator once`, () => {
      const name = `doc-blx-${style}`;
      const tex = [
        '\\documentclass{article}',
        '\\usepackage[T1]{fontenc}',
        '\\usepackage[utf8]{inputenc}',
        `\\usepackage[backend=biber,style=${style}]{biblatex}`,
        unicodeDeclarations,
        '\\addbibresource{refs.bib}',
        '\\begin{document}',
        `Every paper: \\cite{${keys.join(',')}}.`,
        '\\printbibliography',
        '\\end{document}',
      ].join('\n');
      fs.writeFileSync(path.join(dir, `${name}.tex`), tex);
      const first = run('latex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
      assert.equal(first.status, 0, first.out.slice(-3000));
      const biber = run('biber', [name], dir);
      assert.deepEqual(errorLines(biber.out), [], biber.out);
      assert.equal(biber.status, 0, biber.out);
      const bbl = fs.readFileSync(path.join(dir, `${name}.bbl`), 'utf8');
      assert.equal((bbl.match(/\\entry\{/g) ?? []).length, keys.length);
      run('latex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
      assert.deepEqual(check(typeset(name), 'biblatex'), []);
    });
  }

  it('pdflatex typesets the bibliography (natbib and biblatex), as authors build their papers', () => {
    for (const name of ['doc-plainnat', 'doc-blx-numeric']) {
      const r = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], dir);
      assert.equal(r.status, 0, r.out.slice(-3000));
    }
  });
});
