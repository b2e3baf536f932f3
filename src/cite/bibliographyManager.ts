import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ShelfEntry } from '../core/model/types';
import { bibliographyReferences, keysByArxivId, planBibliographyAddition } from '../core/bibtex/bibliography';
import { formatBibtexEntry } from '../core/bibtex/bibtex';
import { citeDialect } from '../core/cite/citeFormat';
import { writeRefusal } from '../collections/writeRefusal';
import { describeFileError, tempName } from '../core/runtime/safeReplace';
import { bibliographyFileTarget } from '../settings/settingPaths';

/** The text of a file as the user sees it: the open (possibly unsaved) document, else the disk. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // not there (yet)
  }
}

function baseFolder(document: vscode.TextDocument): vscode.Uri | undefined {
  if (document.uri.scheme !== 'untitled') return vscode.Uri.joinPath(document.uri, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** A file the document names (`\\bibliography{refs}`): relative to the document, or absolute on its file system. */
function resolveNamed(base: vscode.Uri | undefined, file: string): vscode.Uri | undefined {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file))
    return base ? base.with({ path: file.replace(/\\/g, '/') }) : vscode.Uri.file(file);
  return base ? vscode.Uri.joinPath(base, file) : undefined;
}

/** Where a document's bibliography lives, and how it was found. */
export interface BibliographyTarget {
  /** The files the document names (or the configured file); the first one receives new entries. */
  files: vscode.Uri[];
  origin: 'document' | 'setting' | 'none';
}

/** The .bib files of a LaTeX or Markdown document: named in it, else `paperShelf.bibliographyFile`. */
export function bibliographyOf(document: vscode.TextDocument): BibliographyTarget {
  const dialect = citeDialect(document.languageId, document.fileName);
  if (dialect !== 'latex' && dialect !== 'pandoc') return { files: [], origin: 'none' };
  const base = baseFolder(document);
  const named = bibliographyReferences(document.getText(), dialect)
    .map((f) => resolveNamed(base, f))
    .filter((u): u is vscode.Uri => !!u);
  if (named.length) return { files: named, origin: 'document' };
  // paperShelf.bibliographyFile, by the one rule of path settings.
  const { uri } = bibliographyFileTarget(document);
  if (uri) return { files: [uri], origin: 'setting' };
  return { files: [], origin: 'none' };
}

/** The key each paper has in the document's bibliography files, by arXiv id. */
export async function bibliographyKeys(document: vscode.TextDocument): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const uri of bibliographyOf(document).files) {
    const text = await currentText(uri);
    if (text === undefined) continue;
    for (const [id, key] of keysByArxivId(text)) if (!out.has(id)) out.set(id, key);
  }
  return out;
}

export interface PreparedCitation {
  /** The key to cite for each entry, in order: the bibliography's own key when it has the paper. */
  keys: string[];
  /** Appends what is missing to the bibliography (or offers to create one); call after inserting. */
  apply(): Promise<vscode.Uri | undefined>;
}

/** Remembers keys that a bibliography now uses, so the shelf never renames them. */
async function pin(services: Services, pins: Map<string, string>): Promise<void> {
  const current = services.shelfService.shelf.getChoices().pinnedKeys;
  const changed = [...pins].filter(([id, key]) => current[id] !== key);
  if (!changed.length) return;
  await services.shelfService.saveChoices((c) => {
    for (const [id, key] of changed) c.pinnedKeys[id] = key;
  });
}

/**
 * Works out which keys to cite for `entries` in `document` and what its bibliography needs:
 * a paper the bibliography already holds (under any key) is cited by that key and not added
 * again; the others are appended to the first bibliography file, through a workspace edit.
 */
export async function prepareCitation(
  services: Services,
  document: vscode.TextDocument,
  entries: readonly ShelfEntry[],
): Promise<PreparedCitation> {
  const target = bibliographyOf(document);
  const shelfKeys = entries.map((e) => e.key);
  if (!target.files.length) {
    return {
      keys: shelfKeys,
      apply: async () => {
        if (citeDialect(document.languageId, document.fileName) !== 'link')
          offerNewBibliography(services, document, entries);
        return undefined;
      },
    };
  }
  const texts = await Promise.all(target.files.map((uri) => currentText(uri)));
  const known = new Map<string, string>();
  texts.forEach((text) => {
    if (text !== undefined) for (const [id, key] of keysByArxivId(text)) if (!known.has(id)) known.set(id, key);
  });
  const { inputs, options } = await services.published.entryInputs(
    entries.filter((e) => !known.has(e.paper.id)),
    document.uri,
  );
  const prepared = new Map(inputs.map((input) => [input.paper.id, input]));
  const destination = target.files[0]!;
  const destinationText = texts[0];
  let pending = destinationText ?? '';
  let appended = '';
  const keys: string[] = [];
  const pins = new Map<string, string>();
  for (const entry of entries) {
    const id = entry.paper.id;
    const existing = known.get(id);
    if (existing) {
      keys.push(existing);
      pins.set(id, existing);
      continue;
    }
    const plan = planBibliographyAddition(pending, id, entry.key, (key, eol, layout) =>
      formatBibtexEntry({ ...prepared.get(entry.paper.id)!, key }, { ...options, eol, ...layout }),
    );
    keys.push(plan.key);
    pins.set(id, plan.key);
    known.set(id, plan.key);
    if (plan.kind === 'append') {
      pending += plan.text;
      appended += plan.text;
    }
  }
  return {
    keys,
    apply: async () => {
      if (appended) await appendToFile(destination, destinationText === undefined, appended);
      await pin(services, pins);
      return appended ? destination : undefined;
    },
  };
}

/**
 * Appends through a workspace edit, so it can be undone and respects unsaved changes. A file
 * that had no unsaved changes is saved again afterwards, so a LaTeX build sees the entry; one the
 * user was editing is left for them to save.
 *
 * VS Code saves by truncating the file and writing it again, so a save that fails half-way (a
 * full disk) would leave the .bib cut short. Before touching a file that is to be saved, the new
 * text is written once beside it (a temporary file, removed again): if that fails, nothing is
 * changed and the message says why.
 */
async function appendToFile(uri: vscode.Uri, create: boolean, text: string): Promise<void> {
  // A document in an untrusted workspace must not make the shelf write outside it (\bibliography{../../x}).
  const refusal = writeRefusal(uri);
  if (refusal) throw new Error(`${refusal} Trust the workspace to add entries there.`);
  const name = vscode.workspace.asRelativePath(uri, false);
  const count = (text.match(/^@\w+\s*\{/gm) ?? []).length;
  const what = count === 1 ? 'the entry' : 'the entries';
  const edit = new vscode.WorkspaceEdit();
  let wasDirty = false;
  let newText: string;
  if (create) {
    newText = text.replace(/^(\r?\n)+/, '');
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), newText);
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    wasDirty = document.isDirty;
    newText = document.getText() + text;
    edit.insert(uri, document.positionAt(document.getText().length), text);
  }
  if (!wasDirty) {
    const problem = await trialWrite(uri, newText);
    if (problem)
      throw new Error(`Could not add ${what} to ${name}: ${problem}. The file is as it was; nothing was added.`);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`Could not add ${what} to ${name}.`);
  }
  if (!wasDirty) {
    const document = await vscode.workspace.openTextDocument(uri);
    if (!(await document.save())) {
      await vscode.window.showTextDocument(document, { preview: false, preserveFocus: true });
      throw new Error(
        `Could not save ${name}: ${what} ${count === 1 ? 'is' : 'are'} in its editor, unsaved (nothing you wrote is lost). Save it once the problem is solved, or undo the addition.`,
      );
    }
  }
}

/** Writes `text` to a temporary file beside `uri` and removes it: why that failed, or undefined. */
async function trialWrite(uri: vscode.Uri, text: string): Promise<string | undefined> {
  const temp = vscode.Uri.joinPath(uri, '..', tempName(uri.path.split('/').pop() ?? 'file'));
  try {
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
    return undefined;
  } catch (err) {
    return describeFileError(err);
  } finally {
    await vscode.workspace.fs.delete(temp, { useTrash: false }).then(undefined, () => undefined);
  }
}

/** Adds `entries` to the document's bibliography without citing them; returns the keys they have there. */
export async function addToBibliography(
  services: Services,
  document: vscode.TextDocument,
  entries: readonly ShelfEntry[],
): Promise<string[]> {
  const prepared = await prepareCitation(services, document, entries);
  await prepared.apply();
  return prepared.keys;
}

/** Documents that were offered a new references.bib this session and declined. */
const declined = new Set<string>();

/** A document without a bibliography: offer a new references.bib beside it (never blocks the caller). */
function offerNewBibliography(services: Services, document: vscode.TextDocument, entries: readonly ShelfEntry[]): void {
  const base = baseFolder(document);
  if (!base || declined.has(document.uri.toString())) return;
  const uri = vscode.Uri.joinPath(base, 'references.bib');
  const dialect = citeDialect(document.languageId, document.fileName);
  const hint = dialect === 'latex' ? '\\bibliography{references}' : 'bibliography: references.bib';
  const create = 'Add to references.bib';
  const setting = 'Choose a Bibliography File…';
  void vscode.window
    .showInformationMessage(
      `This document names no bibliography (add ${hint}, or set paperShelf.bibliographyFile). Add the cited entries to references.bib next to it?`,
      create,
      setting,
    )
    .then(async (answer) => {
      if (answer === create) {
        const { inputs, options } = await services.published.entryInputs(entries, document.uri);
        const prepared = new Map(inputs.map((input) => [input.paper.id, input]));
        const existing = await currentText(uri);
        let pending = existing ?? '';
        let appended = '';
        const pins = new Map<string, string>();
        for (const entry of entries) {
          const plan = planBibliographyAddition(pending, entry.paper.id, entry.key, (key, eol, layout) =>
            formatBibtexEntry({ ...prepared.get(entry.paper.id)!, key }, { ...options, eol, ...layout }),
          );
          pins.set(entry.paper.id, plan.key);
          if (plan.kind === 'append') {
            pending += plan.text;
            appended += plan.text;
          }
        }
        try {
          if (appended) await appendToFile(uri, existing === undefined, appended);
          await pin(services, pins);
        } catch (err) {
          void vscode.window.showErrorMessage(String((err as Error).message ?? err));
        }
      } else if (answer === setting) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'paperShelf.bibliographyFile');
      } else declined.add(document.uri.toString());
    });
}

/** Pins the keys the workspace's .bib files already use for shelf papers (once cited, never renamed). */
export async function pinKeysFromBibFiles(services: Services, uris: readonly vscode.Uri[]): Promise<void> {
  await services.shelfService.ready();
  const pins = new Map<string, string>();
  const choices = services.shelfService.shelf.getChoices().pinnedKeys;
  for (const uri of uris) {
    const text = await currentText(uri);
    if (text === undefined) continue;
    for (const [id, key] of keysByArxivId(text)) {
      if (choices[id] === undefined && !pins.has(id) && services.shelfService.shelf.get(id)) pins.set(id, key);
    }
  }
  await pin(services, pins);
}
