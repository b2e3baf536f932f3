// Hover previews and document links on arXiv ids and cite keys, through the real providers in
// the real extension host (vscode.executeHoverProvider / vscode.executeLinkProvider), in LaTeX,
// Markdown, Python, plain-text and untitled documents and a file in the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { findDocumentLinks } from '../../src/core/present/documentLinks';
import type { Paper, ShelfEntry } from '../../src/core/model/types';
import { unescapedAt } from '../support/markdown';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const HOSTILE_SOURCE = 'test-hostile';
const HOSTILE_ID = '2502.00001';

/** Every form the issue lists: [text in the document, canonical id, version]. */
const FORMS: [string, string, number | undefined][] = [
  ['arXiv:2510.01152', '2510.01152', undefined],
  ['arxiv 2510.01152v2', '2510.01152', 2],
  ['2509.26514', '2509.26514', undefined],
  ['hep-th/9901001', 'hep-th/9901001', undefined],
  ['math.GT/0309136', 'math/0309136', undefined],
  ['https://arxiv.org/abs/2509.25162v1', '2509.25162', 1],
  ['https://arxiv.org/pdf/2510.00225', '2510.00225', undefined],
  ['https://arxiv.org/pdf/2509.26346v2.pdf', '2509.26346', 2],
  ['https://arxiv.org/html/2509.25531v1', '2509.25531', 1],
  ['http://export.arxiv.org/abs/2401.12345', '2401.12345', undefined],
  ['https://doi.org/10.48550/arXiv.2510.01152', '2510.01152', undefined],
];

/** Things that only look like ids. */
const TRAPS = ['3.2.1', '1999.00', '1508.5', '2023.12345', '2401.1234', '0612.12345', '192.168.1.1'];

let api: PaperShelfApi;

async function hoversAt(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
}

/** Our hover at the first occurrence of `needle` (cursor `into` characters inside it), if any. */
async function ourHover(
  doc: vscode.TextDocument,
  needle: string,
  into = 1,
): Promise<{ hover: vscode.Hover; md: vscode.MarkdownString } | undefined> {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is in the document`);
  for (const hover of await hoversAt(doc, doc.positionAt(at + into))) {
    for (const content of hover.contents) {
      // Every Paper Shelf hover links the paper's abstract page on arxiv.org.
      if (content instanceof vscode.MarkdownString && content.value.includes('](https://arxiv.org/abs/'))
        return { hover, md: content };
    }
  }
  return undefined;
}

async function links(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
  const all =
    (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
  // Only ours: VS Code itself links bare http(s) URLs too.
  return all.filter((l) => l.tooltip?.includes('arXiv:'));
}

function trustedCommands(md: vscode.MarkdownString): readonly string[] {
  const trust = md.isTrusted;
  assert.ok(trust && typeof trust === 'object', `isTrusted lists commands (got ${JSON.stringify(trust)})`);
  return trust.enabledCommands;
}

/** The hover's Markdown links only to arXiv/DOI pages and to the extension's own trusted commands. */
function assertInert(md: vscode.MarkdownString): void {
  const trusted = trustedCommands(md);
  assert.ok(
    trusted.every((c) => c.startsWith('paperShelf.')),
    `only Paper Shelf commands are trusted: ${trusted.join(', ')}`,
  );
  assert.equal(md.supportHtml, false, 'no HTML');
  for (const at of unescapedAt(md.value, '](')) {
    const target = md.value.slice(at + 2);
    const ok =
      /^https:\/\/(arxiv\.org|doi\.org\/10\.48550)\//.test(target) ||
      trusted.some((c) => target.startsWith(`command:${c}?`));
    assert.ok(ok, `unexpected link target: ${target.slice(0, 80)}`);
  }
  assert.deepEqual(unescapedAt(md.value, '!['), [], 'no image');
  assert.deepEqual(unescapedAt(md.value, '<'), [], 'no HTML or autolink');
  for (const m of md.value.matchAll(/command:([A-Za-z0-9_.-]+)/g)) {
    assert.ok(trusted.includes(m[1]!), `command link to ${m[1]} is one the hover trusts`);
  }
}

function rangeText(doc: vscode.TextDocument, range: vscode.Range | undefined): string {
  assert.ok(range, 'the hover has a range');
  return doc.getText(range);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function hostilePaper(): Paper {
  const evil =
    'Evil [click me](command:workbench.action.terminal.new) ![img](https://evil.example/x.png) <script>alert(1)</script> ' +
    '<img src=x onerror=alert(1)> javascript:alert(1) <https://evil.example> https://evil.example $(alert) **bold** [x]: command:y';
  return {
    id: HOSTILE_ID,
    title: `Hostile ${evil}`,
    summary: `${evil}. Second sentence [a](command:paperShelf.removeFromShelf?%5B%222510.01152%22%5D).\n\nMore.`,
    pdfUrl: `https://arxiv.org/pdf/${HOSTILE_ID}`,
    authors: [evil, '$(bug) Mallory'],
    categories: [],
    theme: '[Theme](command:workbench.action.openSettings)',
    tags: [],
    extra: {},
    source: { file: 'test', line: 1, column: 1 },
  };
}

describe('Hover: arXiv ids and cite keys in any document', () => {
  let first: ShelfEntry;
  let second: ShelfEntry;
  let addRegistered: boolean;

  before(async () => {
    const extension = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    api = await extension.activate();
    // Collection files in the workspace join the shelf after the seeds, and papers a workspace
    // .bib file already cites keep the key it uses (pinned whenever that file is read): take
    // two papers no .bib mentions, so their keys cannot change under the test.
    await api.shelfService.settled();
    const bibs = await vscode.workspace.findFiles('**/*.bib');
    const cited = (
      await Promise.all(bibs.map(async (uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))))
    ).join('\n');
    [first, second] = api.shelfService.shelf.entries().filter((e) => !cited.includes(e.paper.id)) as ShelfEntry[];
    assert.ok(first && second, 'the shelf has papers');
    addRegistered = (await vscode.commands.getCommands(true)).includes('paperShelf.addPaper');
  });

  const documents: { language: string; wrap: (body: string) => string }[] = [
    {
      language: 'latex',
      wrap: (b) => `\\documentclass{article}\n\\begin{document}\n% ids below\n${b}\n\\end{document}\n`,
    },
    { language: 'markdown', wrap: (b) => `# Reading notes\n\n- ${b.split('\n').join('\n- ')}\n` },
    {
      language: 'python',
      wrap: (b) =>
        `"""Reproduction script."""\n${b
          .split('\n')
          .map((l) => `# ${l}`)
          .join('\n')}\nVERSION = "3.2.1"\n`,
    },
    { language: 'plaintext', wrap: (b) => b },
  ];

  for (const { language, wrap } of documents) {
    describe(`in a ${language} document`, () => {
      let doc: vscode.TextDocument;
      const body = [...FORMS.map(([text]) => `see ${text} here`), ...TRAPS.map((t) => `trap ${t} here`)].join('\n');

      before(async () => {
        doc = await vscode.workspace.openTextDocument({ language, content: wrap(body) });
        assert.equal(doc.languageId, language);
      });

      for (const [text, id, version] of FORMS) {
        it(`hovers and links ${text}`, async () => {
          const found = await ourHover(doc, `see ${text} here`, 4 + Math.floor(text.length / 2));
          assert.ok(found, `a Paper Shelf hover on ${text}`);
          assert.equal(rangeText(doc, found.hover.range), text, 'the hover covers exactly the id');
          const entry = api.shelfService.shelf.get(id);
          const label = `arXiv\\:${id.replace(/[./-]/g, (c) => `\\${c}`)}${version ? `v${version}` : ''}`;
          assert.ok(found.md.value.includes(label), `the hover names ${id}${version ? `v${version}` : ''}`);
          if (entry) {
            assert.ok(
              found.md.value.includes(`](command:paperShelf.openSummary?${encodeURIComponent(JSON.stringify([id]))}`),
              'open-summary link',
            );
            assert.doesNotMatch(found.md.value, /not on your shelf/);
          } else {
            assert.match(found.md.value, /not on your shelf/);
            assert.ok(
              found.md.value.includes(`](https://arxiv.org/pdf/${id}${version ? `v${version}` : ''} `),
              'PDF link',
            );
            assert.ok(found.md.value.includes(`](https://doi.org/10.48550/arXiv.${id} `), 'DOI link');
            assert.equal(
              found.md.value.includes('command:paperShelf.addPaper?'),
              addRegistered,
              '"Add to shelf" exactly when that command exists',
            );
          }
          assertInert(found.md);

          const link = (await links(doc)).find((l) => doc.getText(l.range) === text);
          assert.ok(link, `a document link on ${text}`);
          assert.equal(link.target?.toString(true), `https://arxiv.org/abs/${id}${version ? `v${version}` : ''}`);
        });
      }

      it('neither hovers nor links anything that only looks like an id', async () => {
        for (const trap of TRAPS) {
          const found = await ourHover(doc, `trap ${trap} here`, 5 + Math.floor(trap.length / 2));
          assert.equal(found, undefined, `no hover on ${trap}`);
        }
        const linked = (await links(doc)).map((l) => doc.getText(l.range));
        assert.deepEqual(linked.sort(), FORMS.map(([text]) => text).sort(), 'links are exactly the ids');
      });
    });
  }

  describe('cite keys', () => {
    it('previews shelf papers cited in \\cite{...} and \\citep[...]{...}', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'latex',
        content: `As shown~\\citep[see][p.~2]{${first.key}, ${second.key}} and \\cite{nosuchkey1999}.\n`,
      });
      const a = await ourHover(doc, first.key, 2);
      assert.ok(a, `hover on ${first.key}`);
      assert.equal(rangeText(doc, a.hover.range), first.key);
      assert.ok(
        a.md.value.includes(`command:paperShelf.openSummary?${encodeURIComponent(JSON.stringify([first.paper.id]))}`),
      );
      const b = await ourHover(doc, second.key, 1);
      assert.ok(b, `hover on ${second.key}`);
      assert.ok(
        b.md.value.includes(`command:paperShelf.openSummary?${encodeURIComponent(JSON.stringify([second.paper.id]))}`),
      );
      assert.equal(await ourHover(doc, 'nosuchkey1999', 3), undefined, 'no hover on a key that is not on the shelf');
    });

    it('previews shelf papers cited as [@key] and @key in Markdown', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `Prior work [@${first.key}; -@${second.key}, p. 3].\n\nAs @${second.key} shows.\n`,
      });
      const a = await ourHover(doc, `@${first.key}`, 3);
      assert.ok(a, `hover on @${first.key}`);
      assert.equal(rangeText(doc, a.hover.range), first.key);
      const at = doc.getText().lastIndexOf(`@${second.key}`);
      const hovers = await hoversAt(doc, doc.positionAt(at + 2));
      assert.ok(
        hovers.some((h) =>
          h.contents.some(
            (c) =>
              c instanceof vscode.MarkdownString &&
              c.value.includes(encodeURIComponent(JSON.stringify([second.paper.id]))),
          ),
        ),
      );
    });
  });

  describe('bibliography files', () => {
    it('previews the shelf paper whose key heads a .bib entry', async () => {
      const folder = vscode.workspace.workspaceFolders![0]!;
      const uri = vscode.Uri.joinPath(folder.uri, 'hover-test-refs.bib');
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode(
          `@string{venue = "arXiv"}\n@misc{${first.key},\n  eprint = {${first.paper.id}},\n}\n@misc{unknownkey2020,\n  title = {x},\n}\n`,
        ),
      );
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        const found = await ourHover(doc, `{${first.key},`, 3);
        assert.ok(found, 'hover on the entry key');
        assert.equal(rangeText(doc, found.hover.range), first.key);
        assert.ok(found.md.value.includes(encodeURIComponent(JSON.stringify([first.paper.id]))));
        assert.equal(await ourHover(doc, 'unknownkey2020', 2), undefined, 'no hover on a key the shelf does not have');
        assert.equal(await ourHover(doc, '@misc', 2), undefined, 'no hover on the entry type');
        const eprint = await ourHover(doc, first.paper.id, 2);
        assert.ok(eprint, 'the eprint field is an id like any other');
      } finally {
        await vscode.workspace.fs.delete(uri);
      }
    });
  });

  describe('other documents', () => {
    it('works in an untitled buffer with no language chosen', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: 'untitled: arXiv:2510.01152 and 1999.00' });
      assert.equal(doc.uri.scheme, 'untitled');
      const found = await ourHover(doc, 'arXiv:2510.01152', 3);
      assert.ok(found, 'hover in an untitled buffer');
      assert.equal(rangeText(doc, found.hover.range), 'arXiv:2510.01152');
      assert.deepEqual(
        (await links(doc)).map((l) => doc.getText(l.range)),
        ['arXiv:2510.01152'],
      );
    });

    it('answers at once for a shelf paper while a collection is still loading, and waits a little for an unknown id', async () => {
      // A collection file being read (held open here until the end of the test).
      let release!: () => void;
      void api.shelfService.track(new Promise<void>((resolve) => (release = resolve)));
      try {
        const doc = await vscode.workspace.openTextDocument({
          content: 'Known arXiv:2510.01152, unknown arXiv:2512.99999.',
        });
        const within = <T>(ms: number, work: Promise<T>) =>
          Promise.race([work, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms))]);
        const known = await within(5000, ourHover(doc, '2510.01152'));
        assert.ok(known && known !== 'late', 'a shelf paper is shown without waiting for the loading file');
        assert.doesNotMatch(known.md.value, /not on your shelf/);
        const started = Date.now();
        const unknown = await within(10_000, ourHover(doc, '2512.99999'));
        assert.ok(unknown && unknown !== 'late', 'an unknown id is answered even while a file is still loading');
        assert.match(unknown.md.value, /not on your shelf/);
        assert.ok(Date.now() - started >= 1000, 'it gave the loading file a moment to bring the paper');
      } finally {
        release();
      }
    });

    it('works in a file of the workspace', async () => {
      const folder = vscode.workspace.workspaceFolders![0]!;
      const uri = vscode.Uri.joinPath(folder.uri, 'hover-test.tex');
      await vscode.workspace.fs.writeFile(
        uri,
        new TextEncoder().encode('See \\cite{x} and arXiv:hep-th/9901001v2, not 3.2.1.\n'),
      );
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        assert.equal(doc.uri.scheme, 'file');
        const found = await ourHover(doc, 'hep-th/9901001v2', 3);
        assert.ok(found, 'hover in a workspace file');
        assert.equal(rangeText(doc, found.hover.range), 'arXiv:hep-th/9901001v2');
        assert.match(found.md.value, /not on your shelf/);
        assert.deepEqual(
          (await links(doc)).map((l) => l.target?.toString(true)),
          ['https://arxiv.org/abs/hep-th/9901001v2'],
        );
      } finally {
        await vscode.workspace.fs.delete(uri);
      }
    });

    it('links every id of a 10,000-line document', async () => {
      const lines: string[] = [];
      for (let i = 0; i < 10_000; i++)
        lines.push(
          i % 20 === 0
            ? `Line ${i} cites arXiv:2510.01152 and hep-th/9901001.`
            : `Line ${i}: version 3.2.1 cost 1999.00 at 192.168.1.1.`,
        );
      const doc = await vscode.workspace.openTextDocument({ language: 'latex', content: lines.join('\n') });
      let started = Date.now();
      await links(doc);
      const firstMs = Date.now() - started;
      started = Date.now();
      const found = await links(doc);
      const againMs = Date.now() - started;
      // The same size without ids: what the other link providers and the round trips cost.
      const plain = await vscode.workspace.openTextDocument({
        language: 'latex',
        content: lines.map((l) => l.replace(/arXiv:\S+|hep-th\/\S+/g, 'nothing')).join('\n'),
      });
      await links(plain);
      started = Date.now();
      assert.equal((await links(plain)).length, 0);
      const plainMs = Date.now() - started;
      started = performance.now();
      const ours = findDocumentLinks(doc.getText(), { target: 'abs' });
      const oursMs = performance.now() - started;
      // executeLinkProvider runs every link provider (VS Code's own URL detection too) and the
      // round trips; findDocumentLinks is this extension's own pass, in the same host.
      console.log(
        `[paper-shelf] links over 10,000 lines: executeLinkProvider first ${firstMs} ms, again ${againMs} ms (${plainMs} ms without ids); ` +
          `Paper Shelf's pass ${oursMs.toFixed(1)} ms for ${ours.length} links`,
      );
      assert.equal(found.length, 1000);
      assert.equal(found[999]!.range.start.line, 9980);
      assert.equal(doc.getText(found[999]!.range), 'hep-th/9901001');
    });

    it('reads only the text around the cursor on a very long line', async () => {
      const filler = 'x '.repeat(50_000);
      const doc = await vscode.workspace.openTextDocument({
        language: 'plaintext',
        content: `${filler}arXiv:2510.01152 ${filler}`,
      });
      const found = await ourHover(doc, 'arXiv:2510.01152', 8);
      assert.ok(found, 'hover in the middle of a 200,000-character line');
      assert.equal(rangeText(doc, found.hover.range), 'arXiv:2510.01152');
    });
  });

  describe('hostile collection text', () => {
    before(() => api.shelfService.shelf.setSource(HOSTILE_SOURCE, [hostilePaper()]));
    after(() => api.shelfService.shelf.removeSource(HOSTILE_SOURCE));

    it('keeps a hostile title, summary, authors and theme inert in the hover', async () => {
      const entry = api.shelfService.shelf.get(HOSTILE_ID);
      assert.ok(entry, 'the hostile paper is on the shelf');
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `Read arXiv:${HOSTILE_ID} and cite [@${entry.key}].\n`,
      });
      const byId = await ourHover(doc, `arXiv:${HOSTILE_ID}`, 4);
      assert.ok(byId, 'hover on the hostile paper');
      assertInert(byId.md);
      assert.ok(byId.md.value.includes('Hostile'), 'the title is shown');
      assert.ok(!byId.md.value.includes('paperShelf.removeFromShelf'), 'a command named in the summary is not linked');
      assert.ok(
        trustedCommands(byId.md).every((c) =>
          [
            'paperShelf.openSummary',
            'paperShelf.insertCitation',
            'paperShelf.copyBibtex',
            'paperShelf.openPdf',
          ].includes(c),
        ),
      );
      const byKey = await ourHover(doc, `@${entry.key}`, 2);
      assert.ok(byKey, 'hover on the hostile paper cite key');
      assertInert(byKey.md);
    });
  });

  describe('settings', () => {
    const config = () => vscode.workspace.getConfiguration('paperShelf');
    afterEach(async () => {
      await config().update('documentLinks.target', undefined, vscode.ConfigurationTarget.Global);
      await config().update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      await config().update('documentLinks.enabled', undefined, vscode.ConfigurationTarget.Global);
    });

    it('links shelf papers to the summary panel when paperShelf.documentLinks.target is "summary"', async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: 'On shelf arXiv:2510.01152v2, not on shelf 2401.12345.\n',
      });
      await config().update('documentLinks.target', 'summary', vscode.ConfigurationTarget.Global);
      const got = await until('summary links', async () => {
        const l = await links(doc);
        return l.length === 2 && l[0]!.target?.scheme === 'command' ? l : undefined;
      });
      assert.equal(got[0]!.target!.path, 'paperShelf.openSummary');
      assert.deepEqual(JSON.parse(got[0]!.target!.query), ['2510.01152']);
      assert.equal(
        got[1]!.target!.toString(true),
        'https://arxiv.org/abs/2401.12345',
        'ids off the shelf still open their abstract',
      );

      await config().update('documentLinks.target', 'pdf', vscode.ConfigurationTarget.Global);
      const pdf = await until('pdf links', async () => {
        const l = await links(doc);
        return l[0]?.target?.toString(true).includes('/pdf/') ? l : undefined;
      });
      assert.deepEqual(
        pdf.map((l) => l.target!.toString(true)),
        ['https://arxiv.org/pdf/2510.01152v2', 'https://arxiv.org/pdf/2401.12345'],
      );
    });

    it('turns hovers and links off', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'arXiv:2510.01152\n' });
      await config().update('hover.enabled', false, vscode.ConfigurationTarget.Global);
      await config().update('documentLinks.enabled', false, vscode.ConfigurationTarget.Global);
      await until('no hover', async () => ((await ourHover(doc, 'arXiv:2510.01152', 3)) ? undefined : true));
      await until('no links', async () => ((await links(doc)).length ? undefined : true));
    });
  });
});
