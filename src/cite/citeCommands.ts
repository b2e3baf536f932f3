import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ShelfEntry } from '../core/model/types';
import { Commands } from '../commandIds';
import { absUrl, doiUrl, pdfUrl } from '../core/arxiv/arxivId';
import { formatBibtexEntries } from '../core/bibtex/bibtex';
import { latexToText } from '../core/bibtex/texReading';
import {
  citationEdit,
  citeDialect,
  formatLink,
  joinLinks,
  linkDialect,
  newCitation,
  type LineEdit,
} from '../core/cite/citeFormat';
import { keysByArxivId } from '../core/bibtex/bibliography';
import { bibLayoutOf } from '../core/bibtex/bibLayout';
import { addToBibliography, prepareCitation } from './bibliographyManager';
import { settings, type InsertedLinkTarget } from '../settings/settings';
import { type ArxivPickSource, pickPapers } from '../pick/paperPicker';
import { resolvePapers } from '../pick/resolvePapers';
import { TargetEditor } from './targetEditor';

/** What a cite command did; returned to callers (other commands, tests) as well as shown. */
export interface CiteResult {
  status:
    'inserted' | 'copied' | 'added' | 'opened' | 'no-editor' | 'read-only' | 'cancelled' | 'unknown-paper' | 'failed';
  /** Keys cited or added, in order. */
  keys?: string[];
  /** What was inserted at the first cursor, or copied. */
  text?: string;
  /** The message shown to the user, if any. */
  message?: string;
  /** The bibliography file that received entries, if any. */
  bibliography?: string;
}

type Action = 'citation' | 'bibtex' | 'link';

const NOUN: Record<Action, string> = { citation: 'a citation', bibtex: 'a BibTeX entry', link: 'a link' };

/** The papers a cite command acts on (the one resolver: tree, arguments, or the picker). */
async function resolveEntries(
  services: Services,
  arg: unknown,
  selection: unknown,
  title: string,
  arxiv?: ArxivPickSource,
): Promise<{ entries?: ShelfEntry[]; unknown?: string[]; message?: string }> {
  const resolved = await resolvePapers(services, arg, selection, {
    title,
    canPickMany: true,
    quiet: true,
    arxiv,
    placeholder: arxiv
      ? 'Search the shelf, or arXiv for any paper: title words, author, id, key (Enter takes the highlighted one; Space ticks several)'
      : undefined,
  });
  return resolved ?? {};
}

function urlFor(entry: ShelfEntry, target: InsertedLinkTarget): string {
  return target === 'pdf' ? pdfUrl(entry.paper.id) : target === 'doi' ? doiUrl(entry.paper.id) : absUrl(entry.paper.id);
}

function plainTitle(entry: ShelfEntry): string {
  return latexToText(entry.paper.title);
}

/** Text to offer on the clipboard when there is nowhere to insert. */
async function clipboardText(
  services: Services,
  action: Action,
  entries: readonly ShelfEntry[],
  scope?: vscode.ConfigurationScope,
): Promise<string> {
  if (action === 'bibtex') {
    const { inputs, options } = await services.published.entryInputs(entries, scope);
    return formatBibtexEntries(inputs, options);
  }
  if (action === 'link')
    return entries.map((e) => formatLink('markdown', plainTitle(e), urlFor(e, settings.linkTarget(scope)))).join('\n');
  return newCitation(
    'latex',
    entries.map((e) => e.key),
    settings.citeCommand(scope),
  );
}

/** Where the insertion would go is missing or read-only: say so, and offer the clipboard (never blocks). */
function noTarget(
  services: Services,
  action: Action,
  reason: 'no-editor' | 'read-only',
  entries: ShelfEntry[] | undefined,
  arg: unknown,
  selection: unknown,
): CiteResult {
  const message =
    reason === 'no-editor'
      ? `Paper Shelf: open a document to insert ${NOUN[action]} into, or copy it to the clipboard.`
      : `Paper Shelf: this editor is read-only, so ${NOUN[action]} cannot be inserted here. Copy it to the clipboard instead?`;
  const copy = 'Copy to Clipboard';
  void vscode.window.showWarningMessage(message, copy).then(async (answer) => {
    if (answer !== copy) return;
    const chosen = entries ?? (await resolveEntries(services, arg, selection, `Copy ${NOUN[action]}`)).entries;
    if (!chosen?.length) return;
    await vscode.env.clipboard.writeText(await clipboardText(services, action, chosen));
    void vscode.window.setStatusBarMessage(
      `Paper Shelf: copied ${chosen.length === 1 ? chosen[0]!.key : `${chosen.length} papers`}`,
      3000,
    );
  });
  return { status: reason, message };
}

/** Read-only file systems (git, other extensions' providers) and files the file system marks read-only. */
async function isReadOnly(document: vscode.TextDocument): Promise<boolean> {
  const scheme = document.uri.scheme;
  if (document.isUntitled) return false;
  if (vscode.workspace.fs.isWritableFileSystem(scheme) === false || ['output', 'git', 'vscode-scm'].includes(scheme))
    return true;
  try {
    const stat = await vscode.workspace.fs.stat(document.uri);
    return ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0;
  } catch {
    return false; // not on disk (yet): the edit itself will tell
  }
}

function reportUnknown({ unknown, message }: { unknown?: string[]; message?: string }): CiteResult | undefined {
  if (!unknown?.length || !message) return undefined;
  void vscode.window.showWarningMessage(message);
  return { status: 'unknown-paper', message };
}

/**
 * Where a hover's "Cite" acts: right after the id or key the pointer rested on, in that document
 * (not wherever the cursor happens to be). The hover passes it as the command's second argument.
 */
export interface CiteAt {
  at: { uri: string; line: number; character: number };
}

function isCiteAt(value: unknown): value is CiteAt {
  if (typeof value !== 'object' || value === null || !('at' in value)) return false;
  const at = (value as { at: unknown }).at as Record<string, unknown> | null;
  return (
    typeof at === 'object' &&
    at !== null &&
    typeof at.uri === 'string' &&
    Number.isInteger(at.line) &&
    Number.isInteger(at.character)
  );
}

/** The editor of the hovered document, with a single cursor at the hovered position; undefined if it is gone. */
async function editorAt(target: CiteAt): Promise<vscode.TextEditor | undefined> {
  const uri = vscode.Uri.parse(target.at.uri, true);
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return undefined;
  const shown = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: shown?.viewColumn,
    preserveFocus: false,
  });
  const position = document.validatePosition(new vscode.Position(target.at.line, target.at.character));
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/**
 * Applies one replacement per cursor as a single undo step, and leaves each cursor after the
 * text it inserted (VS Code would keep a replaced selection selected, so the next key typed
 * would delete the citation).
 */
async function editEveryCursor(
  editor: vscode.TextEditor,
  textFor: (selection: vscode.Selection, line: string) => LineEdit | { range: vscode.Range; text: string },
): Promise<string | undefined> {
  const edits = editor.selections.map((selection) => {
    const line = editor.document.lineAt(selection.start.line).text;
    const edit = textFor(selection, line);
    if ('range' in edit) return edit;
    const n = selection.start.line;
    return { range: new vscode.Range(n, edit.start, n, edit.end), text: edit.text };
  });
  return (await replaceAndPlaceCursors(editor, edits)) ? (edits[0]?.text ?? '') : undefined;
}

/** One undo step of replacements; afterwards an empty cursor ends each inserted text. */
async function replaceAndPlaceCursors(
  editor: vscode.TextEditor,
  edits: readonly { range: vscode.Range; text: string }[],
): Promise<boolean> {
  const document = editor.document;
  const placed = edits
    .map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.text }))
    .sort((a, b) => a.start - b.start);
  const ok = await editor.edit(
    (builder) => {
      for (const e of edits) builder.replace(e.range, e.text);
    },
    { undoStopBefore: true, undoStopAfter: true },
  );
  if (!ok) return false;
  let shift = 0;
  const cursors = placed.map((e) => {
    const end = document.positionAt(e.start + shift + e.text.length);
    shift += e.text.length - (e.end - e.start);
    return new vscode.Selection(end, end);
  });
  if (cursors.length) editor.selections = cursors;
  return true;
}

async function insert(
  services: Services,
  targets: TargetEditor,
  action: Action,
  arg: unknown,
  selection: unknown,
  arxiv?: ArxivPickSource,
): Promise<CiteResult> {
  const hovered = isCiteAt(selection) ? selection : undefined;
  const editor = hovered ? await editorAt(hovered) : targets.get();
  if (!editor) return noTarget(services, action, 'no-editor', undefined, arg, selection);
  const document = editor.document;
  if (await isReadOnly(document)) return noTarget(services, action, 'read-only', undefined, arg, selection);

  const title = action === 'citation' ? 'Insert Citation' : action === 'bibtex' ? 'Insert BibTeX Entry' : 'Insert Link';
  const resolved = await resolveEntries(services, arg, selection, title, arxiv);
  const { entries } = resolved;
  const problem = reportUnknown(resolved);
  if (problem && !entries?.length) return problem;
  if (!entries?.length) return { status: 'cancelled' };
  // The picker may have taken the focus long enough for the user to switch editors.
  const target = hovered ? editor : (targets.get() ?? editor);
  const scope = target.document.uri;
  const citeCommand = settings.citeCommand(scope);
  const eol = target.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const dialect = citeDialect(target.document.languageId, target.document.fileName);

  let inserted: string | undefined;
  let keys = entries.map((e) => e.key);
  let bibliography: vscode.Uri | undefined;
  let note: string | undefined;

  if ((action === 'citation' && dialect === 'bibtex') || action === 'bibtex') {
    // A .bib file gets the entries themselves; papers it already holds are not duplicated.
    let fresh = entries;
    if (dialect === 'bibtex') {
      const present = keysByArxivId(target.document.getText());
      fresh = entries.filter((e) => !present.has(e.paper.id));
      const skipped = entries.filter((e) => present.has(e.paper.id)).map((e) => present.get(e.paper.id)!);
      if (skipped.length) note = `Already in this file: ${skipped.join(', ')}.`;
      if (!fresh.length) {
        void vscode.window.showInformationMessage(`Paper Shelf: ${note}`);
        return { status: 'inserted', keys: skipped, text: '', message: note };
      }
    }
    keys = fresh.map((e) => e.key);
    const { inputs, options } = await services.published.entryInputs(fresh, scope);
    // Into a .bib: laid out like the entries around it (indentation, aligned `=`).
    const layout = dialect === 'bibtex' ? bibLayoutOf(target.document.getText()) : {};
    const text = formatBibtexEntries(inputs, { ...options, eol, ...layout }).replace(/(\r?\n)$/, '');
    // One copy per file: at the primary cursor only, since two copies of a key break a .bib.
    const ok = await replaceAndPlaceCursors(target, [{ range: target.selection, text }]);
    inserted = ok ? text : undefined;
  } else if (action === 'citation' && (dialect === 'latex' || dialect === 'pandoc')) {
    const prepared = await prepareCitation(services, target.document, entries);
    keys = prepared.keys;
    inserted = await editEveryCursor(target, (sel, line) => {
      if (!sel.isSingleLine) return { range: sel, text: newCitation(dialect, keys, citeCommand) };
      const edit = citationEdit(dialect, line, sel.start.character, sel.end.character, keys, citeCommand);
      // After a hovered id ("arXiv:2510.01152"), a new citation is set off by a space.
      const glued = hovered && edit.start === edit.end && /\S/.test(line[edit.start - 1] ?? ' ');
      return glued && /^[\\[]/.test(edit.text) ? { ...edit, text: ` ${edit.text}` } : edit;
    });
    if (inserted !== undefined) {
      try {
        bibliography = await prepared.apply();
      } catch (err) {
        const message = `Paper Shelf: the citation is in, but the bibliography was not updated: ${String((err as Error).message ?? err)}`;
        void vscode.window.showErrorMessage(message);
        return { status: 'failed', keys, text: inserted, message };
      }
    }
  } else {
    const links = linkDialect(target.document.languageId, target.document.fileName);
    const text = joinLinks(
      links,
      entries.map((e) => formatLink(links, plainTitle(e), urlFor(e, settings.linkTarget(scope)))),
      eol,
    );
    inserted = await editEveryCursor(target, (sel) => ({ range: sel, text }));
  }
  if (inserted === undefined) return noTarget(services, action, 'read-only', entries, arg, selection);
  if (note) void vscode.window.showInformationMessage(`Paper Shelf: ${note}`);
  return { status: 'inserted', keys, text: inserted, bibliography: bibliography?.toString(), message: note };
}

async function copyBibtex(services: Services, arg: unknown, selection: unknown): Promise<CiteResult> {
  const resolved = await resolveEntries(services, arg, selection, 'Copy BibTeX');
  const { entries } = resolved;
  const problem = reportUnknown(resolved);
  if (problem && !entries?.length) return problem;
  if (!entries?.length) return { status: 'cancelled' };
  const { inputs, options } = await services.published.entryInputs(entries);
  const text = formatBibtexEntries(inputs, options);
  await vscode.env.clipboard.writeText(text);
  const message = `Paper Shelf: copied BibTeX for ${entries.length === 1 ? entries[0]!.key : `${entries.length} papers`}.`;
  void vscode.window.setStatusBarMessage(message, 4000);
  return { status: 'copied', keys: entries.map((e) => e.key), text, message };
}

async function addToBibliographyCommand(
  services: Services,
  targets: TargetEditor,
  arg: unknown,
  selection: unknown,
): Promise<CiteResult> {
  const editor = targets.get();
  const dialect = editor ? citeDialect(editor.document.languageId, editor.document.fileName) : 'link';
  if (!editor || (dialect !== 'latex' && dialect !== 'pandoc')) {
    const message = 'Paper Shelf: open a LaTeX or Markdown document to add papers to its bibliography.';
    void vscode.window.showWarningMessage(message);
    return { status: 'no-editor', message };
  }
  const resolved = await resolveEntries(services, arg, selection, 'Add to Bibliography');
  const { entries } = resolved;
  const problem = reportUnknown(resolved);
  if (problem && !entries?.length) return problem;
  if (!entries?.length) return { status: 'cancelled' };
  const keys = await addToBibliography(services, editor.document, entries);
  return { status: 'added', keys };
}

async function findPaper(services: Services, arxiv?: ArxivPickSource): Promise<CiteResult> {
  await services.shelfService.ready();
  const cite: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert Citation' };
  const copy: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy BibTeX' };
  const picked = await pickPapers(services, {
    title: 'Find Paper',
    placeholder: arxiv
      ? 'Search the shelf, or arXiv for any paper: title words, author, id, key'
      : 'Search the shelf: title, summary, id, key, theme, author',
    canPickMany: false,
    arxiv,
    itemButtons: [cite, copy],
    onItemButton: (entry, button) => {
      void vscode.commands.executeCommand(
        button === cite ? Commands.insertCitation : Commands.copyBibtex,
        entry.paper.id,
      );
    },
  });
  const entry = picked?.[0];
  if (!entry) return { status: 'cancelled' };
  await vscode.commands.executeCommand(Commands.openSummary, entry.paper.id);
  return { status: 'opened', keys: [entry.key] };
}

export function registerCiteCommands(services: Services, arxiv?: ArxivPickSource): vscode.Disposable[] {
  const guard =
    (run: (arg: unknown, selection: unknown) => Promise<CiteResult>) =>
    async (arg?: unknown, selection?: unknown): Promise<CiteResult> => {
      try {
        return await run(arg, selection);
      } catch (err) {
        const message = `Paper Shelf: ${String((err as Error)?.message ?? err)}`;
        void vscode.window.showErrorMessage(message);
        return { status: 'failed', message };
      }
    };
  const targets = new TargetEditor();
  return [
    targets,
    vscode.commands.registerCommand(
      Commands.insertCitation,
      guard((a, s) => insert(services, targets, 'citation', a, s, arxiv)),
    ),
    vscode.commands.registerCommand(
      Commands.insertBibtex,
      guard((a, s) => insert(services, targets, 'bibtex', a, s, arxiv)),
    ),
    vscode.commands.registerCommand(
      Commands.insertLink,
      guard((a, s) => insert(services, targets, 'link', a, s, arxiv)),
    ),
    vscode.commands.registerCommand(
      Commands.copyBibtex,
      guard((a, s) => copyBibtex(services, a, s)),
    ),
    vscode.commands.registerCommand(
      Commands.addToBibliography,
      guard((a, s) => addToBibliographyCommand(services, targets, a, s)),
    ),
    vscode.commands.registerCommand(
      Commands.findPaper,
      guard(() => findPaper(services, arxiv)),
    ),
  ];
}
