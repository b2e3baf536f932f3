import * as assert from 'node:assert/strict';
import {
  entryHover,
  firstSentences,
  formatMonth,
  unknownIdHover,
  type HoverCommands,
} from '../../../src/core/present/hoverContent';
import type { Paper, ShelfEntry } from '../../../src/core/model/types';
import { HOSTILE, hrefs, render, unescapedAt, visibleText } from '../../support/markdown';

const ALL: Required<HoverCommands> = {
  openSummary: 'paperShelf.openSummary',
  insertCitation: 'paperShelf.insertCitation',
  copyBibtex: 'paperShelf.copyBibtex',
  openPdf: 'paperShelf.openPdf',
  addPaper: 'paperShelf.addPaper',
};

/** Every link in the rendered hover is ours: arXiv/DOI pages or an allowed command. */
function assertOnlyOwnLinks(html: string, allowed: readonly string[]): void {
  for (const href of hrefs(html)) {
    const ok =
      href.startsWith('https://arxiv.org/') ||
      href.startsWith('https://doi.org/10.48550/arXiv.') ||
      allowed.some((c) => href.startsWith(`command:${c}?`));
    assert.ok(ok, `unexpected link target ${href}`);
  }
  assert.doesNotMatch(html, /<(img|script|iframe|svg|style|object|embed)\b/i, 'no embedded elements');
  assert.doesNotMatch(html, /<[^>]+\son[a-z]+=/i, 'no event-handler attributes');
}

function paper(overrides: Partial<Paper> = {}): Paper {
  return {
    id: '2510.01152',
    title: 'Pay-Per-Search Models are Abstention Models',
    summary:
      'LLMs cannot reliably recognize their parametric knowledge boundaries. In contrast, humans recognize their limitations, e.g. by asking. We introduce MASH.\n\nSecond paragraph.',
    pdfUrl: 'https://arxiv.org/pdf/2510.01152',
    authors: [],
    categories: [],
    tags: [],
    extra: {},
    source: { file: 'seeds/papers.txt', line: 1, column: 1 },
    ...overrides,
  };
}

function entry(p: Paper, overrides: Partial<ShelfEntry> = {}): ShelfEntry {
  return {
    paper: p,
    key: 'pay2025abstention',
    theme: 'Language Models',
    month: '2025-10',
    sourceId: 'seeds',
    starred: false,
    ...overrides,
  };
}

describe('hoverContent', () => {
  describe('entryHover', () => {
    it('shows title, theme, month, id, the summary opening and the four actions', () => {
      const { markdown, enabledCommands } = entryHover(entry(paper()), {
        commands: ALL,
        themeIcon: 'comment-discussion',
      });
      const html = render(markdown);
      const text = visibleText(html);
      assert.match(text, /Pay-Per-Search Models are Abstention Models/);
      assert.match(html, /codicon-comment-discussion/);
      assert.match(text, /Language Models/);
      assert.match(text, /October 2025/);
      assert.match(text, /arXiv:2510\.01152/);
      assert.match(
        text,
        /LLMs cannot reliably recognize their parametric knowledge boundaries\. In contrast, humans recognize their limitations, e\.g\. by asking\. …/,
      );
      assert.doesNotMatch(text, /MASH|Second paragraph/);
      assert.match(text, /pay2025abstention/);
      const links = hrefs(html);
      for (const c of ['openSummary', 'insertCitation', 'copyBibtex', 'openPdf'] as const) {
        assert.ok(
          links.includes(`command:${ALL[c]}?${encodeURIComponent(JSON.stringify(['2510.01152']))}`),
          `link to ${c}`,
        );
      }
      assert.ok(links.includes('https://arxiv.org/abs/2510.01152'));
      assert.ok(!links.some((l) => l.includes('addPaper')), 'no "Add to shelf" for a paper on the shelf');
      assert.deepEqual(
        enabledCommands.sort(),
        [ALL.copyBibtex, ALL.insertCitation, ALL.openPdf, ALL.openSummary].sort(),
      );
    });

    it('names the version the document used and lists authors, shortening long lists', () => {
      const p = paper({
        authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      });
      const text = visibleText(render(entryHover(entry(p), { commands: ALL, version: 2 }).markdown));
      assert.match(text, /arXiv:2510\.01152v2/);
      assert.match(text, /Ada Lovelace, Alan Turing, Grace Hopper and 2 more/);
    });

    it('says where the paper was published, with the DOI link, every part escaped', () => {
      const published = {
        type: 'article' as const,
        doi: '10.1103/PhysRevLett.116.061102',
        title: 'T',
        authors: [],
        venue: 'Phys. Rev. *Letters* [x](command:evil) <b>',
        editors: [],
        year: '2016',
      };
      const { markdown, enabledCommands } = entryHover(entry(paper()), { commands: ALL, published });
      const html = render(markdown);
      assert.match(
        visibleText(html),
        /Published in Phys\. Rev\. \*Letters\* \[x\]\(command:evil\) <b> \(2016\) · doi:10\.1103\/PhysRevLett\.116\.061102/,
      );
      assert.ok(hrefs(html).includes('https://doi.org/10.1103/PhysRevLett.116.061102'));
      assert.ok(!hrefs(html).some((h) => h.includes('evil')));
      assert.ok(!enabledCommands.includes('evil'));
    });

    it('omits links for commands that are not registered, and trusts only those it links', () => {
      const { markdown, enabledCommands } = entryHover(entry(paper()), { commands: { openSummary: ALL.openSummary } });
      const links = hrefs(render(markdown));
      assert.deepEqual(
        links.filter((l) => l.startsWith('command:')).map((l) => l.slice(0, l.indexOf('?'))),
        ['command:paperShelf.openSummary'],
      );
      assert.deepEqual(enabledCommands, [ALL.openSummary]);
    });

    it('keeps a hostile title, summary, authors, theme and key inert', () => {
      const p = paper({
        title: HOSTILE,
        summary: `${HOSTILE} Second sentence here.`,
        authors: [HOSTILE, '$(alert) Mallory'],
      });
      const e = entry(p, { theme: '[Theme](command:evil) $(bug)', key: 'key](command:evil)' });
      const { markdown, enabledCommands } = entryHover(e, { commands: ALL, themeIcon: 'x) [y](command:evil' });
      const html = render(markdown);
      assertOnlyOwnLinks(html, enabledCommands);
      assert.equal(hrefs(html).filter((h) => h.startsWith('command:')).length, 4);
      assert.doesNotMatch(html, /codicon-(alert|bug)\b/);
      for (const at of unescapedAt(markdown, '](')) {
        assert.match(
          markdown.slice(at + 2),
          /^(command:paperShelf\.|https:\/\/(arxiv|doi)\.org\/)/,
          'every link is ours',
        );
      }
      assert.deepEqual(unescapedAt(markdown, '!['), [], 'no image syntax');
      assert.deepEqual(unescapedAt(markdown, '<'), [], 'no HTML');
      for (const m of markdown.matchAll(/command:([A-Za-z.]+)/g))
        assert.ok(enabledCommands.includes(m[1]!), `command ${m[1]} is trusted`);
      assert.ok(enabledCommands.every((c) => c.startsWith('paperShelf.')));
      const text = visibleText(html);
      assert.ok(text.includes('$(alert) Mallory'), 'the author is shown as written');
      assert.ok(text.includes('[Theme](command:evil) $(bug)'), 'the theme is shown as written');
    });
  });

  describe('unknownIdHover', () => {
    it('links the canonical abs, PDF and DOI pages and offers "Add to shelf" when available', () => {
      const { markdown, enabledCommands } = unknownIdHover('2401.12345', { commands: ALL, version: 3 });
      const html = render(markdown);
      const links = hrefs(html);
      assert.ok(links.includes('https://arxiv.org/abs/2401.12345v3'));
      assert.ok(links.includes('https://arxiv.org/pdf/2401.12345v3'));
      assert.ok(links.includes('https://doi.org/10.48550/arXiv.2401.12345'));
      assert.ok(links.includes(`command:paperShelf.addPaper?${encodeURIComponent('["2401.12345"]')}`));
      assert.deepEqual(enabledCommands, ['paperShelf.addPaper']);
      assert.match(visibleText(html), /arXiv:2401\.12345v3 · not on your shelf/);
      assert.match(visibleText(html), /Submitted January 2024/);
    });

    it('has no command links at all without the add command', () => {
      const { markdown, enabledCommands } = unknownIdHover('hep-th/9901001', {
        commands: { openSummary: ALL.openSummary },
      });
      assert.deepEqual(enabledCommands, []);
      assert.doesNotMatch(markdown, /command:/);
      const links = hrefs(render(markdown));
      assert.ok(links.includes('https://arxiv.org/abs/hep-th/9901001'));
      assert.match(visibleText(render(markdown)), /January 1999/);
    });
  });

  describe('text helpers', () => {
    it('shows the summary as readable text, not TeX', () => {
      assert.equal(
        firstSentences("A ``plan'' -- on~ImageNet $256\\times256$ with 7.6\\% gain. More.", 1),
        'A “plan” – on\u00a0ImageNet 256×256 with 7.6% gain. …',
      );
      assert.equal(firstSentences('First paragraph.\n\nSecond paragraph.', 2), 'First paragraph.');
    });

    it('cuts the summary after whole sentences and long text at a word', () => {
      assert.equal(firstSentences('One. Two! Three?', 2), 'One. Two! …');
      assert.equal(firstSentences('Only one sentence.', 2), 'Only one sentence.');
      const long = firstSentences(`${'word '.repeat(200)}end.`, 2, 50);
      assert.ok(long.length <= 51 && long.endsWith('…'), long);
      assert.equal(firstSentences(''), '');
    });

    it('formats months', () => {
      assert.equal(formatMonth('2025-10'), 'October 2025');
      assert.equal(formatMonth('2025-13'), '');
      assert.equal(formatMonth(''), '');
    });
  });
});
