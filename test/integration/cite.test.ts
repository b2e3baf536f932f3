// Cite from the editor, in the real extension host: citations, BibTeX and links inserted into
// real documents of each language (exact text), the bibliography after one and two citations,
// undo, multi-cursor, the no-editor answer, and key completion through the real provider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import type { CiteResult } from '../../src/cite/citeCommands';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const PAY = '2510.01152';
const PAY_KEY = 'paypersearch2025models';
const EDIT = '2509.26346';
const PAY_ENTRY = [
  `@misc{${PAY_KEY},`,
  '  title = {Pay-Per-Search Models are Abstention Models},',
  '  key = {Pay-Per-Search Models are Abstention Models},',
  '  howpublished = {arXiv:2510.01152},',
  '  year = {2025},',
  '  eprint = {2510.01152},',
  '  archivePrefix = {arXiv},',
  '  options = {eprint=false},',
  '}',
];

let api: PaperShelfApi;
let root: vscode.Uri;
let run = 0;

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

async function fixture(name: string): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'cite', name)));
}

/** A fresh folder per test, so tests never see each other's edits. */
async function folder(): Promise<vscode.Uri> {
  const dir = vscode.Uri.joinPath(root, 'cite-runs', String(++run));
  await vscode.workspace.fs.createDirectory(dir);
  return dir;
}

async function write(dir: vscode.Uri, name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(dir, name);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
  return uri;
}

async function disk(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

async function open(uri: vscode.Uri, language?: string): Promise<vscode.TextEditor> {
  let doc = await vscode.workspace.openTextDocument(uri);
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  return vscode.window.showTextDocument(doc);
}

/** Places the cursor right after the first occurrence of `needle` (plus `shift` characters). */
function cursorAfter(editor: vscode.TextEditor, needle: string, shift = 0): vscode.Position {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is in the document`);
  const pos = editor.document.positionAt(at + needle.length + shift);
  editor.selection = new vscode.Selection(pos, pos);
  return pos;
}

async function cite(command: string, ...args: unknown[]): Promise<CiteResult> {
  return (await vscode.commands.executeCommand<CiteResult>(command, ...args))!;
}

describe('Cite from the editor', function () {
  this.timeout(60_000);

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    assert.equal(api.shelfService.shelf.get(PAY)?.key, PAY_KEY, 'the documented key of arXiv:2510.01152');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('linkTarget', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('bibliographyFile', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it("keeps the keys the workspace's .bib files already use for shelf papers", async () => {
    // test/fixtures/workspace/references.bib names three seeds under its own keys.
    const expected: Record<string, string> = {
      '2509.26346': 'editreward2025',
      '2509.22944': 'sinq2025',
      '2509.26514': 'batonvoice2025',
    };
    for (
      let i = 0;
      i < 100 && Object.keys(expected).some((id) => api.shelfService.shelf.get(id)?.key !== expected[id]);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const [id, key] of Object.entries(expected)) assert.equal(api.shelfService.shelf.get(id)?.key, key, id);
  });

  describe('LaTeX', () => {
    it('inserts \\cite{key} and adds the entry to the bibliography once, however often the paper is cited', async () => {
      const dir = await folder();
      const bibBefore = await fixture('refs.bib');
      const bib = await write(dir, 'refs.bib', bibBefore);
      const tex = await write(dir, 'article.tex', await fixture('article.tex'));
      const editor = await open(tex);
      cursorAfter(editor, 'Abstention helps');

      const first = await cite('paperShelf.insertCitation', PAY);
      assert.equal(first.status, 'inserted', first.message);
      assert.equal(editor.document.lineAt(3).text, `Abstention helps\\cite{${PAY_KEY}}.`);
      const afterOne = bibBefore + '\n' + PAY_ENTRY.join('\n') + '\n';
      assert.equal(await textOf(bib), afterOne);
      assert.equal(await disk(bib), afterOne, 'a bibliography without unsaved changes is saved again');

      cursorAfter(editor, '\\end{document}', -'\\end{document}'.length);
      await cite('paperShelf.insertCitation', PAY);
      assert.ok(editor.document.getText().includes(`\\cite{${PAY_KEY}}\\end{document}`));
      assert.equal(await textOf(bib), afterOne, 'citing the same paper again adds nothing');
      assert.equal(api.shelfService.shelf.getChoices().pinnedKeys[PAY], PAY_KEY, 'a cited key is pinned');
    });

    it('joins an existing \\cite{...} after a comma, with the configured command elsewhere', async () => {
      const dir = await folder();
      const bib = await write(dir, 'refs.bib', await fixture('refs.bib'));
      const tex = await write(dir, 'article.tex', await fixture('article.tex'));
      const editor = await open(tex);
      cursorAfter(editor, '\\cite{editreward2025');
      await cite('paperShelf.insertCitation', [PAY]);
      assert.equal(editor.document.lineAt(4).text, `Editing rewards~\\cite{editreward2025,${PAY_KEY}}.`);
      assert.ok((await textOf(bib)).includes(`@misc{${PAY_KEY},`));

      await vscode.workspace
        .getConfiguration('paperShelf')
        .update('citeCommand', 'citep', vscode.ConfigurationTarget.Workspace);
      try {
        cursorAfter(editor, 'Abstention helps');
        await cite('paperShelf.insertCitation', PAY);
        assert.equal(editor.document.lineAt(3).text, `Abstention helps\\citep{${PAY_KEY}}.`);
      } finally {
        await vscode.workspace
          .getConfiguration('paperShelf')
          .update('citeCommand', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('cites the key the bibliography already uses for a paper instead of adding a duplicate', async () => {
      const dir = await folder();
      const bibText = await fixture('refs.bib');
      const bib = await write(dir, 'refs.bib', bibText);
      const editor = await open(await write(dir, 'article.tex', await fixture('article.tex')));
      cursorAfter(editor, 'Abstention helps');
      const result = await cite('paperShelf.insertCitation', { paperId: EDIT });
      assert.deepEqual(result.keys, ['editreward2025']);
      assert.equal(editor.document.lineAt(3).text, 'Abstention helps\\cite{editreward2025}.');
      assert.equal(await textOf(bib), bibText);
      assert.equal(api.shelfService.shelf.get(EDIT)?.key, 'editreward2025', 'the shelf now uses the cited key');
    });

    it('inserts at every cursor, replacing selections, as one undo step', async () => {
      const dir = await folder();
      await write(dir, 'refs.bib', '');
      const original = 'A one.\nB two.\nC three.\n\\bibliography{refs}\n';
      const editor = await open(await write(dir, 'multi.tex', original));
      editor.selections = [
        new vscode.Selection(0, 5, 0, 5),
        new vscode.Selection(1, 2, 1, 5), // "two" is replaced
        new vscode.Selection(2, 7, 2, 7),
      ];
      await cite('paperShelf.insertCitation', [PAY, EDIT]);
      const both = `\\cite{${PAY_KEY},${api.shelfService.shelf.get(EDIT)!.key}}`;
      assert.equal(editor.document.getText(), `A one${both}.\nB ${both}.\nC three${both}.\n\\bibliography{refs}\n`);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original, 'one undo takes every cursor back');
    });

    it("follows the bibliography's CRLF line endings and keeps its unsaved changes", async () => {
      const dir = await folder();
      const crlf = (await fixture('refs.bib')).replace(/\n/g, '\r\n');
      const bib = await write(dir, 'refs.bib', crlf);
      // The web workbench auto-saves after a delay by default; unsaved changes need it off, as on the desktop.
      const files = vscode.workspace.getConfiguration('files');
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
      try {
        const bibEditor = await open(bib);
        await bibEditor.edit((b) => b.insert(new vscode.Position(0, 0), '% my unsaved note\r\n'));
        // The host learns of the dirty state by a message of its own; wait for it as a user would.
        for (let i = 0; i < 50 && !bibEditor.document.isDirty; i++) await new Promise((r) => setTimeout(r, 50));
        const editor = await open(await write(dir, 'article.tex', await fixture('article.tex')));
        cursorAfter(editor, 'Abstention helps');
        await cite('paperShelf.insertCitation', PAY);
        const expected = '% my unsaved note\r\n' + crlf + '\r\n' + PAY_ENTRY.join('\r\n') + '\r\n';
        assert.equal(bibEditor.document.getText(), expected);
        assert.equal(
          bibEditor.document.isDirty,
          true,
          'a bibliography with unsaved changes is left for the user to save',
        );
        assert.equal(await disk(bib), crlf);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
        await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('uses paperShelf.bibliographyFile when the document names no bibliography', async () => {
      const dir = await folder();
      const relative = vscode.workspace.asRelativePath(vscode.Uri.joinPath(dir, 'configured.bib'), false);
      await vscode.workspace
        .getConfiguration('paperShelf')
        .update('bibliographyFile', relative, vscode.ConfigurationTarget.Workspace);
      const editor = await open(await write(dir, 'plain.tex', 'Text.\n'));
      cursorAfter(editor, 'Text');
      await cite('paperShelf.insertCitation', PAY);
      assert.equal(editor.document.getText(), `Text\\cite{${PAY_KEY}}.\n`);
      assert.equal(await disk(vscode.Uri.joinPath(dir, 'configured.bib')), PAY_ENTRY.join('\n') + '\n');
    });

    it('inserts a link as \\href with Insert Link, to the configured target', async () => {
      const dir = await folder();
      const editor = await open(await write(dir, 'link.tex', 'See .\n'));
      cursorAfter(editor, 'See ');
      await vscode.workspace
        .getConfiguration('paperShelf')
        .update('linkTarget', 'pdf', vscode.ConfigurationTarget.Workspace);
      await cite('paperShelf.insertLink', PAY);
      assert.equal(
        editor.document.getText(),
        'See \\href{https://arxiv.org/pdf/2510.01152}{Pay-Per-Search Models are Abstention Models}.\n',
      );
    });
  });

  describe('Markdown', () => {
    it('inserts [@key], joins an existing [@...] with "; @key", and fills the front matter bibliography', async () => {
      const dir = await folder();
      const bibText = await fixture('refs.bib');
      const bib = await write(dir, 'refs.bib', bibText);
      const editor = await open(await write(dir, 'notes.md', await fixture('notes.md')), 'markdown');
      cursorAfter(editor, 'Abstention helps');
      await cite('paperShelf.insertCitation', PAY);
      assert.equal(editor.document.lineAt(5).text, `Abstention helps[@${PAY_KEY}].`);
      cursorAfter(editor, '[@editreward2025');
      await cite('paperShelf.insertCitation', PAY);
      assert.equal(editor.document.lineAt(6).text, `Editing rewards [@editreward2025; @${PAY_KEY}].`);
      assert.equal(await textOf(bib), bibText + '\n' + PAY_ENTRY.join('\n') + '\n');
    });

    it('inserts a Markdown link with Insert Link', async () => {
      const dir = await folder();
      const editor = await open(await write(dir, 'links.md', 'Read \n'), 'markdown');
      cursorAfter(editor, 'Read ');
      await cite('paperShelf.insertLink', PAY);
      assert.equal(
        editor.document.getText(),
        'Read [Pay-Per-Search Models are Abstention Models](https://arxiv.org/abs/2510.01152)\n',
      );
    });
  });

  describe('other languages', () => {
    it('inserts the entry itself into a .bib file, once', async () => {
      const dir = await folder();
      const editor = await open(await write(dir, 'lib.bib', ''));
      await cite('paperShelf.insertCitation', PAY);
      assert.equal(editor.document.getText(), PAY_ENTRY.join('\n'));
      const again = await cite('paperShelf.insertBibtex', PAY);
      assert.match(again.message ?? '', /Already in this file/);
      assert.equal(editor.document.getText(), PAY_ENTRY.join('\n'));
    });

    it('inserts a bare URL in code and a link in HTML and reStructuredText', async () => {
      const dir = await folder();
      const py = await open(await write(dir, 'code.py', '# see \n'), 'python');
      cursorAfter(py, '# see ');
      await cite('paperShelf.insertCitation', PAY);
      assert.equal(py.document.getText(), '# see https://arxiv.org/abs/2510.01152\n');

      const html = await open(await write(dir, 'page.html', '<p></p>\n'), 'html');
      cursorAfter(html, '<p>');
      await cite('paperShelf.insertLink', PAY);
      assert.equal(
        html.document.getText(),
        '<p><a href="https://arxiv.org/abs/2510.01152">Pay-Per-Search Models are Abstention Models</a></p>\n',
      );

      const languages = await vscode.languages.getLanguages();
      if (languages.includes('restructuredtext')) {
        const rst = await open(await write(dir, 'doc.rst', '\n'), 'restructuredtext');
        await cite('paperShelf.insertLink', PAY);
        assert.equal(
          rst.document.getText(),
          '`Pay-Per-Search Models are Abstention Models <https://arxiv.org/abs/2510.01152>`__\n',
        );
      }
    });

    it('answers "no editor" with a message offering the clipboard', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const result = await cite('paperShelf.insertCitation', PAY);
      assert.equal(result.status, 'no-editor');
      assert.match(result.message ?? '', /open a document .* copy it to the clipboard/i);
    });

    it('answers a read-only editor with the clipboard way out, leaving the file alone', async () => {
      // A read-only file system, as for files shown from git or other extensions' providers.
      const content = encoder.encode('Locked.\n');
      const provider: vscode.FileSystemProvider = {
        onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
        watch: () => new vscode.Disposable(() => undefined),
        stat: () => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size: content.length }),
        readDirectory: () => [],
        createDirectory: () => undefined,
        readFile: () => content,
        writeFile: () => {
          throw vscode.FileSystemError.NoPermissions();
        },
        delete: () => undefined,
        rename: () => undefined,
      };
      const registration = vscode.workspace.registerFileSystemProvider('paper-shelf-readonly', provider, {
        isReadonly: true,
      });
      try {
        const editor = await open(vscode.Uri.parse('paper-shelf-readonly:/locked.tex'));
        cursorAfter(editor, 'Locked');
        const result = await cite('paperShelf.insertCitation', PAY);
        assert.equal(result.status, 'read-only');
        assert.match(result.message ?? '', /read-only.*clipboard/i);
        assert.equal(editor.document.getText(), 'Locked.\n');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        registration.dispose();
      }
    });

    it('reports an id that is not on the shelf', async () => {
      const dir = await folder();
      const editor = await open(await write(dir, 'x.tex', 'x\n'));
      const result = await cite('paperShelf.insertCitation', '1234.99999');
      assert.equal(result.status, 'unknown-paper');
      assert.equal(editor.document.getText(), 'x\n');
    });

    it('copies BibTeX to the clipboard', async () => {
      const result = await cite('paperShelf.copyBibtex', PAY);
      assert.equal(result.status, 'copied');
      assert.equal(await vscode.env.clipboard.readText(), PAY_ENTRY.join('\n') + '\n');
    });
  });

  describe('completion', () => {
    async function complete(
      doc: vscode.TextDocument,
      position: vscode.Position,
      trigger: string,
    ): Promise<vscode.CompletionItem[]> {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        position,
        trigger,
      );
      // Ours only: word-based suggestions from other open documents are plain-string labels.
      return list.items.filter((i) => typeof i.label !== 'string' && i.kind === vscode.CompletionItemKind.Reference);
    }
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

    it('completes shelf keys inside \\cite{ with title and summary, and accepting adds the entry', async () => {
      const dir = await folder();
      const bibText = await fixture('refs.bib');
      const bib = await write(dir, 'refs.bib', bibText);
      const editor = await open(await write(dir, 'c.tex', 'See \\citep{\n\\bibliography{refs}\n'));
      const items = await complete(editor.document, new vscode.Position(0, 11), '{');
      const pay = items.find((i) => labelOf(i) === PAY_KEY);
      assert.ok(pay, `keys offered: ${items.map(labelOf).slice(0, 5).join(', ')}`);
      assert.equal(
        (pay.label as vscode.CompletionItemLabel).detail?.trim(),
        'Pay-Per-Search Models are Abstention Models',
      );
      assert.match((pay.documentation as vscode.MarkdownString).value, /parametric knowledge boundaries/);
      // The bibliography's own key is offered for a paper it holds.
      assert.ok(items.some((i) => labelOf(i) === 'editreward2025'));
      assert.ok(pay.command, 'accepting runs a command');
      await vscode.commands.executeCommand(pay.command.command, ...(pay.command.arguments ?? []));
      assert.equal(await textOf(bib), bibText + '\n' + PAY_ENTRY.join('\n') + '\n');
    });

    it('completes after [@ and @ in Markdown, not in e-mail addresses', async () => {
      const dir = await folder();
      await write(dir, 'refs.bib', '');
      const editor = await open(
        await write(dir, 'c.md', '---\nbibliography: refs.bib\n---\nSee [@pay\nmail me@pay\n'),
        'markdown',
      );
      const items = await complete(editor.document, new vscode.Position(3, 9), '@');
      assert.ok(items.some((i) => labelOf(i) === PAY_KEY));
      const none = await complete(editor.document, new vscode.Position(4, 11), '@');
      assert.equal(none.length, 0);
    });
  });
});
