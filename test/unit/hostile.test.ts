// Every entry point of the core over the hostile-input corpus (test/fixtures/hostile/): nothing
// throws, markup stays text, problems are reported, and big inputs are refused or sliced.
// Real bibtex/biber over the corpus titles: bibtex-real.test.ts (it includes HOSTILE_CORPUS_PAPERS).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lexer, type Token, type Tokens } from 'marked';
import { findArxivIdAt, findArxivIds, normalizeArxivId, parseArxivId } from '../../src/core/arxiv/arxivId';
import { formatBibtexEntries } from '../../src/core/bibtex/bibtex';
import { isValidBibKey, parseBibtex } from '../../src/core/bibtex/bibParse';
import { papersFromBibtex } from '../../src/core/bibtex/bibImport';
import { keysByArxivId, bibliographyReferences } from '../../src/core/bibtex/bibliography';
import { findCiteKeys } from '../../src/core/cite/citeKeys';
import { parseCollection } from '../../src/core/collection/collection';
import { CollectionReader } from '../../src/core/collection/collectionReader';
import { runStepsInSlices } from '../../src/core/runtime/yieldToHost';
import {
  capProblems,
  decodeCollection,
  looksBinary,
  MAX_PROBLEMS_PER_FILE,
  sizeProblem,
} from '../../src/core/collection/collectionInput';
import { findDocumentLinks } from '../../src/core/present/documentLinks';
import { layoutShelf } from '../../src/core/shelf/grouping';
import { entryHover, unknownIdHover, type HoverCommands } from '../../src/core/present/hoverContent';
import { assignKeys } from '../../src/core/cite/keys';
import { ShelfSearch } from '../../src/core/search/search';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import { parseTaxonomy } from '../../src/core/themes/taxonomy';
import { ThemeClassifier } from '../../src/core/themes/themes';
import { texToHtml, texToPlain, texToPlainLine } from '../../src/core/tex/texText';
import type { ShelfEntry } from '../../src/core/model/types';
import { summaryPage } from '../../src/core/present/summaryHtml';
import {
  corpusBytes,
  corpusText,
  duplicateIds,
  HOSTILE_DIR,
  MARKER,
  megabyteLine,
  ROOT,
  writeHugeCollection,
} from '../support/hostileCorpus';

const COMMANDS: Required<HoverCommands> = {
  openSummary: 'paperShelf.openSummary',
  insertCitation: 'paperShelf.insertCitation',
  copyBibtex: 'paperShelf.copyBibtex',
  openPdf: 'paperShelf.openPdf',
  addPaper: 'paperShelf.addPaper',
};
const OWN_COMMANDS = new Set(Object.values(COMMANDS));

/** The hostile shelf: the corpus collections and the hostile taxonomy, the way the CLI and the extension build it. */
function hostileShelf() {
  const collections = ['hostile.papers.txt', 'invalid-utf8.papers.txt', 'binary.papers.txt'].map((file) => {
    const decoded = decodeCollection(corpusBytes(file), file);
    return { file, text: decoded.text ?? '' };
  });
  return buildShelf({
    seeds: { file: 'seeds/papers.txt', text: fs.readFileSync(path.join(ROOT, 'seeds/papers.txt'), 'utf8') },
    taxonomy: { file: 'hostile-themes.json', text: corpusText('hostile-themes.json') },
    collections,
  });
}

function hostileEntries(): ShelfEntry[] {
  return hostileShelf()
    .shelf.entries()
    .filter((e) => e.paper.id.startsWith('2501.1'));
}

/** Every link, image and HTML token of a Markdown string, as CommonMark (marked) reads it. */
function markdownActive(markdown: string): { links: string[]; images: string[]; html: string[] } {
  const out = { links: [] as string[], images: [] as string[], html: [] as string[] };
  const walk = (tokens: readonly Token[]): void => {
    for (const t of tokens) {
      if (t.type === 'link') out.links.push((t as Tokens.Link).href);
      if (t.type === 'image') out.images.push((t as Tokens.Image).href);
      if (t.type === 'html') out.html.push(t.raw);
      const children = (t as { tokens?: Token[] }).tokens;
      if (children) walk(children);
      if (t.type === 'list') for (const item of (t as Tokens.List).items) walk(item.tokens);
    }
  };
  walk(new Lexer().lex(markdown));
  return out;
}

/** Every start tag of an HTML page: name and attribute names/values (our pages are well-formed templates). */
function startTags(html: string): { name: string; attrs: Map<string, string> }[] {
  const tags: { name: string; attrs: Map<string, string> }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2]!.matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)) attrs.set(a[1]!.toLowerCase(), a[2] ?? '');
    tags.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return tags;
}

describe('hostile input: the collection parser', function () {
  this.timeout(30_000);
  it('reads every hostile block it can, keeps the markup as literal text, and reports the rest', () => {
    const { papers, problems } = parseCollection(corpusText('hostile.papers.txt'), 'hostile.papers.txt');
    const ids = papers.map((p) => p.id);
    // The block whose PDF is a javascript: URL has no id; every other block is read.
    assert.deepEqual(ids, [
      '2501.10001',
      '2501.10002',
      '2501.10003',
      '2501.10004',
      '2501.10005',
      '2501.10006',
      '2501.10007',
      '2501.10009',
      '2501.10010',
      '2501.10011',
    ]);
    const first = papers[0]!;
    assert.match(
      first.title,
      new RegExp(`^<script>window\\.${MARKER}=1;alert\\('${MARKER}-title'\\)</script> Script Tags In A Title$`),
    );
    assert.ok(first.summary.includes('<iframe src="https://evil.example/'));
    const codes = problems.map((p) => `${p.location.line}:${p.code}`);
    assert.ok(codes.includes('35:invalid-key'), codes.join(' '));
    assert.ok(codes.includes('39:invalid-id'), codes.join(' '));
    const keyBlock = papers.find((p) => p.id === '2501.10007')!;
    assert.equal(keyBlock.key, undefined, 'a key that would break out of a BibTeX entry is not used');
    const pdf = papers.flatMap((p) => [p.pdfUrl]);
    for (const url of pdf) assert.match(url, /^https:\/\/arxiv\.org\/pdf\//, url);
  });

  it('control characters never reach a one-line label, and Object property names stay plain fields', () => {
    const { papers } = parseCollection(corpusText('hostile.papers.txt'), 'hostile.papers.txt');
    const control = papers.find((p) => p.id === '2501.10005')!;
    // The tree label, the panel title and quick picks all show texToPlainLine(title).
    assert.equal(
      texToPlainLine(control.title),
      // Bidi overrides and zero-width characters go too (they reorder or hide text; issue 17).
      'Bell Escape[31mRed[0m Backspace DEL Form feed Vertical tab Bidi gnp.exe Zerowidth Line Sep',
    );
    const proto = papers.find((p) => p.id === '2501.10011')!;
    assert.equal(Object.getPrototypeOf(proto.extra), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(proto.extra.constructor, 'polluted');
  });

  it('invalid UTF-8: the good blocks are read, and one warning points at the first bad byte', () => {
    const decoded = decodeCollection(corpusBytes('invalid-utf8.papers.txt'), 'bad.papers.txt');
    assert.equal(decoded.problems.length, 1);
    const [warning] = decoded.problems;
    assert.equal(warning!.code, 'invalid-utf8');
    assert.equal(warning!.severity, 'warning');
    assert.deepEqual([warning!.location.line, warning!.location.column], [5, 12]);
    const { papers } = parseCollection(decoded.text!, 'bad.papers.txt');
    assert.deepEqual(
      papers.map((p) => p.id),
      ['2501.10101', '2501.10102', '2501.10103'],
    );
  });

  it('a binary file matched by the glob is one error and no papers; stray control characters are not binary', () => {
    const binary = decodeCollection(corpusBytes('binary.papers.txt'), 'binary.papers.txt');
    assert.equal(binary.text, undefined);
    assert.deepEqual(
      binary.problems.map((p) => [p.code, p.severity]),
      [['not-text', 'error']],
    );
    assert.equal(looksBinary(corpusBytes('hostile.papers.txt')), false);
    assert.equal(looksBinary(Buffer.from('Title: x\u0000\n')), false);
    assert.equal(
      looksBinary(Buffer.from('T\u0000i\u0000t\u0000l\u0000e\u0000:\u0000 \u0000x\u0000', 'latin1')),
      true,
      'UTF-16 is not UTF-8 text',
    );
    assert.equal(looksBinary(new Uint8Array(0)), false);
  });

  it('a 1 MB single line is one paper, read quickly', () => {
    const { papers, problems } = parseCollection(megabyteLine(), 'line.papers.txt');
    assert.equal(papers.length, 1);
    assert.equal(problems.length, 0);
    assert.ok(papers[0]!.title.length > 1024 * 1024);
  });

  it('10,000 duplicate ids: one merged paper, and the Problems list is capped with a summary', function () {
    this.timeout(30_000);
    const { papers, problems } = parseCollection(duplicateIds(), 'dup.papers.txt');
    assert.equal(papers.length, 1);
    assert.equal(problems.length, 9_999);
    assert.ok(problems.every((p) => p.code === 'duplicate-id'));
    const capped = capProblems(problems, 'dup.papers.txt');
    assert.equal(capped.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.equal(capped[0]!.code, 'more-problems');
    assert.match(capped[0]!.message, /^8999 more problems .*\(8999 duplicate-id\).*first 1000/);
    assert.deepEqual(capped.slice(1), problems.slice(0, MAX_PROBLEMS_PER_FILE));
    assert.deepEqual(capProblems(problems.slice(0, 3), 'x'), problems.slice(0, 3));
  });

  it('parsing in slices gives what one parse gives (papers, merged duplicates across slices, problems)', async function () {
    this.timeout(60_000);
    const seeds = fs.readFileSync(path.join(ROOT, 'seeds/papers.txt'), 'utf8');
    const texts = [
      `${seeds}---\n${corpusText('hostile.papers.txt')}---\n${seeds}`,
      duplicateIds(2_000).replace(/ID: 2501\.18888/g, (_m, offset: number) => `ID: 2501.1888${offset % 7}`),
      duplicateIds(500).replace(/\n/g, '\r\n'),
      `\ufeff${seeds}`,
    ];
    const byPlace = (
      a: { location: { line: number; column: number } },
      b: { location: { line: number; column: number } },
    ) => a.location.line - b.location.line || a.location.column - b.location.column;
    let pauses = 0;
    for (const text of texts) {
      for (const slice of [0, 5, 50]) {
        const whole = parseCollection(text, 'f');
        const sliced = (await runStepsInSlices(
          new CollectionReader('f').updateSteps(text),
          async () => void pauses++,
          slice,
        ))!.value;
        assert.deepEqual(sliced.papers, whole.papers);
        assert.deepEqual(sliced.problems, [...whole.problems].sort(byPlace));
      }
    }
    assert.ok(pauses > 100, 'large texts yield between slices');
  });

  it('a 100 MB collection file is refused by its size before it is read, naming the limit', function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-huge-'));
    try {
      const file = writeHugeCollection(path.join(dir, 'huge.papers.txt'));
      const size = fs.statSync(file).size;
      assert.ok(size >= 100 * 1024 * 1024);
      const refused = sizeProblem(size, 50, 'huge.papers.txt');
      assert.equal(refused?.code, 'file-too-large');
      assert.equal(refused?.severity, 'error');
      assert.match(refused!.message, /is 100(\.\d)? MB, over the 50 MB limit \(paperShelf\.maxCollectionFileMB\)/);
      assert.equal(sizeProblem(size, 200, 'huge.papers.txt'), undefined);
      assert.equal(sizeProblem(50 * 1024 * 1024, 50, 'x'), undefined, 'exactly the limit is allowed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile input: ids, themes, search, keys', function () {
  this.timeout(30_000);
  const texts = () => [
    corpusText('hostile.papers.txt'),
    corpusText('invalid-utf8.papers.txt'),
    corpusBytes('binary.papers.txt').toString('latin1'),
    corpusText('draft.tex'),
    corpusText('hostile.bib'),
  ];

  it('the id recogniser reads hostile text without throwing and never takes a javascript: link for an id', () => {
    for (const text of texts()) {
      const found = findArxivIds(text);
      for (const m of found) assert.ok(parseArxivId(m.id), m.id);
      for (let i = 0; i < text.length; i += 97) findArxivIdAt(text, i);
    }
    for (const bad of [
      `javascript:alert('${MARKER}')//2501.10008`,
      'command:paperShelf.openSummary?2501.10001',
      '<script>2501.1</script>',
      '\u202e1001.1052\u202c',
      '',
    ]) {
      assert.equal(normalizeArxivId(bad), undefined, bad);
    }
    assert.equal(findArxivIds(megabyteLine()).length, 1);
  });

  it('a hostile taxonomy: markup theme names stay text, icons that are not codicon ids are replaced and reported', () => {
    const { taxonomy, problems } = parseTaxonomy(corpusText('hostile-themes.json'), 'hostile-themes.json');
    assert.ok(taxonomy);
    assert.equal(taxonomy.themes[0]!.name, `<script>alert('${MARKER}-tax')</script> Scripts`);
    assert.equal(taxonomy.themes[0]!.icon, 'symbol-misc');
    assert.equal(taxonomy.fallbackIcon, 'question');
    assert.deepEqual(problems.filter((p) => p.code === 'invalid-icon').length, 2);
    const classifier = new ThemeClassifier(taxonomy);
    for (const p of parseCollection(corpusText('hostile.papers.txt')).papers) classifier.classify(p);
  });

  it('search: hostile papers are found by their literal words, and hostile queries neither throw nor match everything', () => {
    const entries = hostileShelf().shelf.entries();
    const search = new ShelfSearch();
    search.setEntries(entries);
    assert.equal(search.search('Script Tags In A Title')[0]?.id, '2501.10001');
    for (const q of [
      '<script>',
      '(.*+?[{\\',
      'javascript:alert(1)',
      '\u0000\u001b[31m',
      '$(gear)',
      '__proto__',
      'constructor',
      'a'.repeat(100_000),
      '\ud800',
      '',
    ]) {
      const results = search.search(q);
      assert.ok(results.length < entries.length, `"${q.slice(0, 20)}" matched ${results.length}`);
    }
    for (const e of entries) search.related(e.paper.id);
  });

  it('cite keys: every hostile paper gets a valid, unique BibTeX key, also among 10,000 near-duplicates', () => {
    const papers = parseCollection(corpusText('hostile.papers.txt')).papers;
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      ...papers[i % papers.length]!,
      id: `2502.${String(10000 + i)}`,
    }));
    for (const list of [papers, many]) {
      const keys = assignKeys(list);
      assert.equal(keys.size, list.length);
      assert.equal(new Set(keys.values()).size, list.length);
      for (const key of keys.values()) assert.ok(isValidBibKey(key), key);
    }
  });
});

describe('hostile input: BibTeX out and in', function () {
  this.timeout(30_000);
  it('hostile titles, authors and summaries give balanced entries that read back with the same keys', () => {
    const entries = hostileEntries().map((e) => ({ paper: e.paper, key: e.key }));
    const bib = formatBibtexEntries(entries);
    const parsed = parseBibtex(bib);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => e.key),
      entries.map((e) => e.key),
    );
    assert.doesNotMatch(
      bib,
      /\\(?:write18|input|def|catcode|csname)\b/,
      'no TeX primitive from a title reaches the .bib',
    );
    assert.doesNotMatch(bib, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('a hostile .bib file is read without throwing: problems for the broken entries, literal text for the rest', () => {
    const text = corpusText('hostile.bib');
    const parsed = parseBibtex(text, 'hostile.bib');
    assert.ok(parsed.problems.length >= 1, 'the unbalanced entry is reported');
    const imported = papersFromBibtex(text, 'hostile.bib');
    const first = imported.papers.find((p) => p.id === '2501.10201');
    assert.ok(first, 'the well-formed entry is imported');
    assert.ok(first.title.includes('<script>'), first.title);
    keysByArxivId(text);
    bibliographyReferences(corpusText('draft.tex'), 'latex');
    findCiteKeys(corpusText('draft.tex'));
  });
});

describe('hostile input: what the editor shows', function () {
  this.timeout(30_000);
  it('hovers: collection text never becomes a link, image, HTML or a command; only our own commands are enabled', () => {
    for (const entry of hostileEntries()) {
      for (const content of [
        entryHover(entry, { commands: COMMANDS }),
        entryHover(entry, { commands: COMMANDS, themeIcon: 'x"><img src=x>' }),
      ]) {
        for (const command of content.enabledCommands) assert.ok(OWN_COMMANDS.has(command), command);
        const active = markdownActive(content.markdown);
        assert.deepEqual(active.html, [], entry.paper.id);
        assert.deepEqual(active.images, [], entry.paper.id);
        for (const href of active.links) {
          assert.ok(
            /^https:\/\/(arxiv\.org|doi\.org)\//.test(href) ||
              [...OWN_COMMANDS].some((c) => href.startsWith(`command:${c}?`)),
            `${entry.paper.id}: ${href}`,
          );
        }
        assert.doesNotMatch(content.markdown, new RegExp(`\\]\\((?:javascript|command:workbench|data|https://evil)`));
        assert.doesNotMatch(content.markdown, /[\u0000-\u0008\u000b-\u001f\u007f]/);
      }
    }
    const unknown = unknownIdHover('2501.10008', { commands: COMMANDS });
    assert.deepEqual(markdownActive(unknown.markdown).html, []);
  });

  it('the hover shows the hostile title literally (the escapes undo to the same text)', () => {
    const entry = hostileEntries().find((e) => e.paper.id === '2501.10003')!;
    const { markdown } = entryHover(entry, { commands: COMMANDS });
    const title = /^\*\*(.*)\*\*$/m.exec(markdown)![1]!.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    assert.equal(title, texToPlainLine(entry.paper.title));
    assert.ok(
      title.startsWith(
        `[Click For Free Papers](command:workbench.action.terminal.new) and ![tracker](https://evil.example/${MARKER}-md.png) <a href="javascript:alert(`,
      ),
      title,
    );
  });

  it('document links: hostile documents give only arxiv.org or our own command targets', () => {
    const links = findDocumentLinks(corpusText('draft.tex') + corpusText('hostile.papers.txt'), {
      target: 'summary',
      summaryCommand: 'paperShelf.openSummary',
      onShelf: () => true,
    });
    assert.ok(links.length > 0);
    for (const link of links)
      assert.match(link.target, /^(https:\/\/arxiv\.org\/|command:paperShelf\.openSummary\?)/, link.target);
  });

  it('the tree layout and the summary text pipeline take every hostile entry', () => {
    const built = hostileShelf();
    const entries = built.shelf.entries();
    for (const groupBy of ['theme', 'month', 'none'] as const) {
      const layout = layoutShelf(entries, groupBy, { fallbackTheme: built.classifier?.taxonomy.fallback ?? 'Other' });
      assert.equal(layout.total, entries.length);
    }
    for (const e of hostileEntries()) {
      // URLs written in a summary become plain https links (opened by the user's click, never fetched).
      const html = texToHtml(e.paper.summary);
      for (const tag of startTags(html)) {
        assert.ok(['p', 'em', 'strong', 'code', 'span', 'sub', 'sup', 'var', 'br', 'a'].includes(tag.name), tag.name);
        for (const [name, value] of tag.attrs) {
          assert.ok(name === 'href' || name === 'class', name);
          if (name === 'href') assert.match(value, /^https:\/\//);
        }
      }
      texToPlain(e.paper.title);
    }
  });

  it('the summary page: one nonce script, no event handler, no link but https, and the hostile text shown escaped', () => {
    for (const entry of hostileEntries()) {
      const html = summaryPage({
        entry,
        actions: [{ command: 'paperShelf.openAbs', label: '<b>Open</b>', description: '"quoted"' }],
        related: hostileEntries()
          .slice(0, 5)
          .map((r) => ({ id: r.paper.id, title: r.paper.title, theme: r.theme, month: r.month })),
        cspSource: 'https://webview.example',
        styleUri: 'https://webview.example/media/panel.css',
        scriptUri: 'https://webview.example/media/panel.js',
        nonce: 'n0nce',
      });
      const tags = startTags(html);
      const scripts = tags.filter((t) => t.name === 'script');
      assert.equal(scripts.length, 1, entry.paper.id);
      assert.equal(scripts[0]!.attrs.get('nonce'), 'n0nce');
      assert.equal((html.match(/<script\b/gi) ?? []).length, 1);
      for (const t of tags) {
        assert.ok(
          [
            'html',
            'head',
            'meta',
            'link',
            'title',
            'body',
            'main',
            'header',
            'p',
            'h1',
            'h2',
            'dl',
            'div',
            'dt',
            'dd',
            'a',
            'span',
            'code',
            'section',
            'ol',
            'li',
            'button',
            'script',
            'em',
            'strong',
            'sub',
            'sup',
            'var',
            'br',
          ].includes(t.name),
          `${entry.paper.id}: <${t.name}>`,
        );
        for (const [name, value] of t.attrs) {
          assert.ok(!name.startsWith('on'), `${entry.paper.id}: ${name}`);
          if (name === 'href' || name === 'src')
            assert.match(value, /^https:\/\//, `${entry.paper.id}: ${name}=${value}`);
          assert.ok(!/^\s*(?:javascript|data|command):/i.test(value), `${name}=${value}`);
        }
      }
      assert.equal((html.match(/http-equiv="Content-Security-Policy"/g) ?? []).length, 1);
      assert.match(html, /content="default-src &#39;none&#39;|content="default-src 'none'/);
    }
    const first = hostileEntries().find((e) => e.paper.id === '2501.10001')!;
    const page = summaryPage({
      entry: first,
      actions: [],
      related: [],
      cspSource: 'c',
      styleUri: 'https://s',
      scriptUri: 'https://j',
      nonce: 'n',
    });
    assert.ok(
      page.includes(
        `<h1 id="paper-title">&lt;script&gt;window.${MARKER}=1;alert(\u2019${MARKER}-title\u2019)&lt;/script&gt; Script Tags In A Title</h1>`,
      ),
      'the title is shown literally',
    );
  });

  it('the corpus README lists every committed file', () => {
    const readme = fs.readFileSync(path.join(HOSTILE_DIR, 'README.md'), 'utf8');
    for (const name of fs.readdirSync(HOSTILE_DIR))
      if (name !== 'README.md') assert.ok(readme.includes(`\`${name}\``), name);
  });
});
