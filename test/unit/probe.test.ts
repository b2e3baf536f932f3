// The hostile probe's second round (test/fixtures/hostile/probe.papers.txt, one block per defect
// of issue 17) through the core: keys, display text, the summary page and the hover content.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lexer } from 'marked';
import { isValidBibKey } from '../../src/core/bibtex/bibParse';
import { parseCollection } from '../../src/core/collection/collection';
import { entryHover, type HoverCommands } from '../../src/core/present/hoverContent';
import { summaryPage } from '../../src/core/present/summaryHtml';
import { layoutShelf } from '../../src/core/shelf/grouping';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import { texToPlainLine } from '../../src/core/tex/texText';
import type { ShelfEntry } from '../../src/core/model/types';
import { corpusText, PROBE, PROBE_FILE, ROOT, SAFE_KEY, UNSEEN } from '../support/hostileCorpus';

const COMMANDS: HoverCommands = { openSummary: 'paperShelf.openSummary', insertCitation: 'paperShelf.insertCitation' };

function probeShelf() {
  return buildShelf({
    seeds: { file: 'seeds/papers.txt', text: fs.readFileSync(path.join(ROOT, 'seeds/papers.txt'), 'utf8') },
    collections: [{ file: PROBE_FILE, text: corpusText(PROBE_FILE) }],
  }).shelf;
}

function entry(id: string): ShelfEntry {
  const found = probeShelf().get(id);
  assert.ok(found, `${id} is on the probe shelf`);
  return found;
}

function page(e: ShelfEntry): string {
  return summaryPage({
    entry: e,
    actions: [],
    related: [{ id: e.paper.id, title: e.paper.title, theme: e.theme, month: e.month }],
    cspSource: 'vscode-webview:',
    styleUri: 'panel.css',
    scriptUri: 'panel.js',
    nonce: 'abc',
  });
}

/** The 1-based line and column of the first line of `text` that starts with `prefix`. */
function lineOf(text: string, prefix: string): number {
  return text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

describe('hostile probe, second round: cite keys (defects 1, 2, 3, 8)', function () {
  const text = corpusText(PROBE_FILE);
  const { papers, problems } = parseCollection(text, PROBE_FILE);

  it('refuses every unsafe Key: with a Problems entry at its line and column', () => {
    const keyProblems = problems.filter((p) => p.code === 'invalid-key');
    const where = keyProblems.map((p) => `${p.location.line}:${p.location.column}`);
    for (const [id, prefix] of [
      [PROBE.nulKey, 'Key: nul'],
      [PROBE.pandocBreakKey, 'Key: x];@y'],
      [PROBE.mathKey, 'Key: $x^2$&y'],
      [PROBE.bidi, 'Key: rtl'],
      [PROBE.bidiKey, 'Key: \u202e'],
      [PROBE.longKey, 'Key: kkkk'],
    ]) {
      assert.ok(where.includes(`${lineOf(text, prefix!)}:6`), `${id}: ${where.join(' ')}`);
      assert.equal(papers.find((p) => p.id === id)?.key, undefined, `${id} keeps no unsafe key`);
    }
    for (const p of keyProblems) {
      assert.doesNotMatch(p.message, /[\u0000-\u001f]/, 'the message shows no raw control character');
      assert.ok(!UNSEEN.test(p.message), 'the message shows no raw bidi or invisible character');
    }
  });

  it('gives every probe paper a generated key that LaTeX, BibTeX, biber and Pandoc read alike, at most 64 long', () => {
    const shelf = probeShelf();
    for (const id of Object.values(PROBE)) {
      const e = shelf.get(id);
      if (!e) continue; // the id with an invisible character is not read
      assert.match(e.key, SAFE_KEY, `${id}: ${e.key.slice(0, 80)}`);
      assert.ok(e.key.length <= 64, `${id}: ${e.key.length} characters`);
      assert.ok(isValidBibKey(e.key));
    }
    assert.ok(shelf.get(PROBE.longTitle)!.key.startsWith('overflowing'), 'still made from the title');
  });

  it('a key pattern with doubled punctuation still makes keys Pandoc reads to the end', () => {
    const shelf = buildShelf({
      collections: [{ file: PROBE_FILE, text: corpusText(PROBE_FILE) }],
      keyPattern: '[auth]--[year]::[title]..',
    }).shelf;
    for (const e of shelf.entries()) assert.match(e.key, SAFE_KEY, e.key);
  });
});

describe('hostile probe, second round: what is shown (defects 3, 4, 8, 10, 12)', function () {
  it('refuses an id with an invisible character in it', () => {
    const { papers, problems } = parseCollection(corpusText(PROBE_FILE), PROBE_FILE);
    assert.ok(!papers.some((p) => p.id === PROBE.invisibleId));
    const line = lineOf(corpusText(PROBE_FILE), 'ID: 2511.9\u200b');
    assert.ok(problems.some((p) => p.code === 'invalid-id' && p.location.line === line));
  });

  it('shows no bidi override or invisible character in labels, the hover, the tree layout or the panel', () => {
    const e = entry(PROBE.bidi);
    assert.equal(texToPlainLine(e.paper.title), 'Report fdp.exe');
    const hover = entryHover(e, { commands: COMMANDS });
    assert.ok(!UNSEEN.test(hover.markdown), JSON.stringify(hover.markdown));
    const html = page(e);
    assert.ok(!UNSEEN.test(html), 'the summary page');
    assert.ok(html.includes('ecilA htimS'), 'the author is shown, without the override');
    const layout = layoutShelf(probeShelf().entries(), 'theme', { fallbackTheme: 'Other' });
    for (const g of layout.groups) assert.ok(!UNSEEN.test(g.label), JSON.stringify(g.label));
  });

  it('the summary page shows where a link really leads when its text says otherwise', () => {
    const html = page(entry(PROBE.lyingLink));
    const summary = html.slice(html.indexOf('<section class="summary"'), html.indexOf('</section>'));
    assert.match(
      summary,
      /<a href="https:\/\/evil\.example\/phish"[^>]*>https:\/\/arxiv\.org\/pdf\/2511\.90030<\/a>\s*<span class="link-target">\(https:\/\/evil\.example\/phish\)<\/span>/,
      summary,
    );
    // A link whose text is its destination is shown once.
    assert.doesNotMatch(summary, /\(https:\/\/github\.com\/example\/honest\)/);
  });

  it("a hover's Cite acts where the hover is: the link carries the hovered document and position", () => {
    const citeAt = { uri: 'file:///notes/a.md', line: 7, character: 23 };
    const options = { commands: COMMANDS, citeAt };
    const { markdown } = entryHover(entry(PROBE.userTheme), options);
    const links: string[] = [];
    const walk = (tokens: ReturnType<Lexer['lex']>): void => {
      for (const t of tokens) {
        if (t.type === 'link') links.push((t as { href: string }).href);
        const children = (t as { tokens?: ReturnType<Lexer['lex']> }).tokens;
        if (children) walk(children);
      }
    };
    walk(new Lexer().lex(markdown));
    const cite = links.find((l) => l.startsWith('command:paperShelf.insertCitation?'));
    assert.ok(cite, links.join(' '));
    const args = JSON.parse(decodeURIComponent(cite.slice(cite.indexOf('?') + 1))) as unknown[];
    assert.deepEqual(args, [PROBE.userTheme, { at: citeAt }]);
  });

  it('a problem quotes at most a short excerpt of a line it cannot use', () => {
    const { problems } = parseCollection(corpusText(PROBE_FILE), PROBE_FILE);
    const unknown = problems.find((p) => p.code === 'unknown-field')!;
    assert.ok(unknown, 'the long field name is reported');
    assert.ok(!unknown.message.includes('secretaccountnames'), unknown.message);
    assert.ok(unknown.message.length < 120, unknown.message);
  });
});
