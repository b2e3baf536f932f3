// Update Bibliography to Published Versions: the preprint entries of the document's .bib whose
// papers Crossref knows as published, shown before and after (a diff of the whole file, then a
// pick of the changes to keep), applied as one workspace edit (one undo). Keys, the other entries
// and every byte around the upgraded entries stay as they were.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { bibliographyOf } from '../cite/bibliographyManager';
import { parseBibtex } from '../core/bibtex/bibParse';
import { publishedIn } from '../core/published/crossrefWork';
import { findPublishedVersions } from '../core/published/lookup';
import { applyUpgrades, preprintEntries, upgradedEntry } from '../core/published/upgrade';
import { CrossrefError } from '../core/published/crossref';

export const PREVIEW_SCHEME = 'paper-shelf-upgrade';

export interface UpgradeChange {
  key: string;
  before: string;
  after: string;
  /** "Published in VENUE (YEAR)". */
  label: string;
}

export interface UpgradeResult {
  status: 'applied' | 'cancelled' | 'none' | 'failed';
  message: string;
  file?: string;
  /** The preview's URI, and what it showed: the whole file with every change. */
  preview?: string;
  previewText?: string;
  changes: UpgradeChange[];
  applied: string[];
  /** Entries left as preprints, with the reason. */
  preprints: { key: string; reason: string }[];
}

/** The proposed texts the diff preview shows, by preview URI. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  delete(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function result(status: UpgradeResult['status'], message: string, extra: Partial<UpgradeResult> = {}): UpgradeResult {
  return { status, message, changes: [], applied: [], preprints: [], ...extra };
}

/** The .bib to upgrade: the one given, the active .bib editor, or the active document's bibliography. */
async function pickBibliography(arg: unknown): Promise<vscode.Uri | string> {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'Open a .bib file, or a LaTeX or Markdown document that names one, first.';
  const doc = editor.document;
  if (doc.languageId === 'bibtex' || /\.bib$/i.test(doc.fileName)) return doc.uri;
  const files = bibliographyOf(doc).files;
  if (!files.length)
    return 'This document names no bibliography (\\bibliography{}, \\addbibresource{} or bibliography: in the front matter), and paperShelf.bibliographyFile is not set.';
  if (files.length === 1) return files[0]!;
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Update Bibliography to Published Versions', placeHolder: 'Which bibliography?' },
  );
  return picked?.uri ?? '';
}

export async function upgradeBibliography(
  services: Services,
  previews: PreviewDocuments,
  arg?: unknown,
  options?: { keep?: readonly string[] },
): Promise<UpgradeResult> {
  const target = await pickBibliography(arg);
  if (typeof target === 'string') {
    if (!target) return result('cancelled', 'Cancelled.');
    void vscode.window.showWarningMessage(`Paper Shelf: ${target}`);
    return result('failed', target);
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(target);
  } catch (err) {
    const message = `Could not open ${vscode.workspace.asRelativePath(target)}: ${String((err as Error).message ?? err)}`;
    void vscode.window.showErrorMessage(`Paper Shelf: ${message}`);
    return result('failed', message);
  }
  const name = vscode.workspace.asRelativePath(document.uri);
  const text = document.getText();
  const version = document.version;
  const shelf = services.shelfService.shelf;
  const items = preprintEntries(parseBibtex(text, name).entries, (id) => shelf.lookup(id)?.paper);
  if (!items.length) {
    const message = `No entry of ${name} cites an arXiv preprint.`;
    void vscode.window.showInformationMessage(`Paper Shelf: ${message}`);
    return result('none', message, { file: document.uri.toString() });
  }
  let lookups;
  try {
    lookups = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Looking up published versions for ${name}`,
        cancellable: true,
      },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return findPublishedVersions(
          items.map((i) => i.query),
          services.published.crossref(),
          {
            signal: controller.signal,
            onProgress: (done, total) => progress.report({ message: `${done} of ${total}`, increment: 100 / total }),
          },
        );
      },
    );
  } catch (err) {
    if (err instanceof CrossrefError && err.kind === 'cancelled') return result('cancelled', 'Cancelled.');
    throw err;
  }
  const changes: (UpgradeChange & { item: (typeof items)[number] })[] = [];
  const preprints: { key: string; reason: string }[] = [];
  lookups.forEach((lookup, i) => {
    const item = items[i]!;
    if (lookup.kind === 'preprint') {
      preprints.push({ key: item.entry.key, reason: lookup.reason });
      services.log.info(`Update Bibliography: ${name}: ${item.entry.key} stays a preprint: ${lookup.reason}`);
      return;
    }
    const before = text.slice(item.entry.start, item.entry.end);
    changes.push({
      key: item.entry.key,
      before,
      after: upgradedEntry(text, item, lookup.version),
      label: publishedIn(lookup.version),
      item,
    });
  });
  const plain = changes.map(({ key, before, after, label }) => ({ key, before, after, label }));
  if (!changes.length) {
    const offline = lookups.some((l) => l.kind === 'preprint' && l.offline);
    const message = offline
      ? `Crossref could not be reached (${(lookups.find((l) => l.kind === 'preprint' && l.offline) as { reason: string }).reason}); ${name} is unchanged.`
      : `None of the ${items.length} preprint entries of ${name} has a published version Crossref confirms; it is unchanged.`;
    void (offline ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(
      `Paper Shelf: ${message}`,
      'Show Log',
    ).then((a) => a && services.log.channel.show());
    return result('none', message, { file: document.uri.toString(), preprints });
  }

  // Before and after: the whole file with every change, next to the file as it is.
  const preview = vscode.Uri.from({
    scheme: PREVIEW_SCHEME,
    path: `/${document.uri.path.split('/').pop()}`,
    query: String(Date.now()),
  });
  const previewText = applyUpgrades(
    text,
    changes.map((c) => ({ entry: c.item.entry, after: c.after })),
  );
  previews.set(preview, previewText);
  await vscode.commands.executeCommand('vscode.diff', document.uri, preview, `${name} ↔ Published Versions (preview)`, {
    preview: true,
  });
  const closePreview = async () => {
    for (const group of vscode.window.tabGroups.all)
      for (const tab of group.tabs)
        if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === preview.toString())
          await vscode.window.tabGroups.close(tab);
    previews.delete(preview);
  };

  let keep: readonly string[];
  if (options?.keep) keep = options.keep;
  else {
    const picked = await vscode.window.showQuickPick(
      changes.map((c) => ({
        label: c.key,
        description: c.label,
        detail: `${firstLine(c.before)}  →  ${firstLine(c.after)}`,
        picked: true,
        key: c.key,
      })),
      {
        title: `Update ${name} to Published Versions`,
        placeHolder: 'The changes to keep (all are shown in the diff editor)',
        canPickMany: true,
        ignoreFocusOut: true,
      },
    );
    keep = picked?.map((p) => p.key) ?? [];
    if (!picked) {
      await closePreview();
      return result('cancelled', 'Cancelled: nothing changed.', { changes: plain, preprints });
    }
  }
  const kept = changes.filter((c) => keep.includes(c.key));
  if (!kept.length) {
    await closePreview();
    return result('cancelled', 'No change kept: nothing changed.', { changes: plain, preprints });
  }
  if (document.version !== version) {
    await closePreview();
    const message = `${name} changed while Crossref was being asked; nothing was changed. Run the command again.`;
    void vscode.window.showWarningMessage(`Paper Shelf: ${message}`);
    return result('failed', message, { changes: plain, preprints });
  }
  const edit = new vscode.WorkspaceEdit();
  for (const c of kept)
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(c.item.entry.start), document.positionAt(c.item.entry.end)),
      c.after,
    );
  const ok = await vscode.workspace.applyEdit(edit);
  await closePreview();
  if (!ok) {
    const message = `${name} could not be edited; nothing was changed.`;
    void vscode.window.showErrorMessage(`Paper Shelf: ${message}`);
    return result('failed', message, { changes: plain, preprints });
  }
  await vscode.window.showTextDocument(document, { preview: false });
  const message = `Updated ${kept.length} of ${changes.length} entries of ${name} to their published versions (Undo reverts them all)${preprints.length ? `; ${preprints.length} stay preprints (see the log)` : ''}.`;
  void vscode.window.showInformationMessage(`Paper Shelf: ${message}`);
  return result('applied', message, {
    file: document.uri.toString(),
    preview: preview.toString(),
    previewText,
    changes: plain,
    applied: kept.map((c) => c.key),
    preprints,
  });
}

function firstLine(entry: string): string {
  return entry.split(/\r?\n/)[0]!.replace(/,\s*$/, '');
}
