import * as vscode from 'vscode';
import { platform } from '../platform/platform';
import { papersFromBibtex } from '../core/bibtex/bibImport';
import { appendPapers } from '../core/collection/collectionFormat';
import { parseCollection } from '../core/collection/collection';
import { CollectionWriteError } from '../collections/collectionWriter';
import { type GrowContext, type GrowResult, fileLabel, pickTargetFile, plural, result, show } from './growContext';

const MAX_BIB_BYTES = 20 * 1024 * 1024;

export interface ImportBibtexOptions {
  target?: string;
}

/**
 * paperShelf.importBibtex: the .bib file given (a URI, a path, the explorer's selection) or
 * picked. Entries with an arXiv id join the shelf with their authors and keys; papers already on
 * the shelf keep their place and get the .bib key pinned; the rest are reported as skipped.
 */
export async function importBibtex(
  ctx: GrowContext,
  arg?: unknown,
  options: ImportBibtexOptions = {},
): Promise<GrowResult | undefined> {
  const { shelfService } = ctx.services;
  const source =
    arg instanceof vscode.Uri
      ? arg
      : typeof arg === 'string' && arg
        ? arg.includes('://')
          ? vscode.Uri.parse(arg)
          : platform().absoluteUri(arg)
        : await pickBibFile();
  if (!source) return undefined;
  const name = vscode.workspace.asRelativePath(source, false);

  let text: string;
  try {
    const stat = await vscode.workspace.fs.stat(source);
    if (stat.size > MAX_BIB_BYTES)
      return show(result(false, `${name} is larger than ${MAX_BIB_BYTES / 1024 / 1024} MB; not imported.`));
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(source));
  } catch (err) {
    return show(result(false, `Could not read ${name}: ${err instanceof Error ? err.message : String(err)}`));
  }

  const { papers, skipped } = papersFromBibtex(text, source.toString());
  await shelfService.settled();
  const fresh = papers.filter((p) => !shelfService.shelf.get(p.id));
  const known = papers.filter((p) => shelfService.shelf.get(p.id));
  const failed = skipped.map((s) => ({ id: s.key, reason: `line ${s.line}: ${s.reason}` }));

  let written: string[] = [];
  let target: vscode.Uri | undefined;
  if (fresh.length) {
    const picked = await pickTargetFile(ctx.services, options.target, `Import papers from ${name} into`);
    if (picked === 'cancelled') return undefined;
    if (!picked)
      return show(
        result(
          false,
          'Open a folder first: imported papers are kept in the workspace shelf file (setting paperShelf.shelfFile). Nothing was imported.',
        ),
      );
    target = picked;
    const refusal = ctx.writer.refusal(picked);
    if (refusal) return show(result(false, `${refusal} Nothing was imported from ${name}.`));
    try {
      written = await ctx.writer.edit(picked, (existing) => {
        const present = new Set(parseCollection(existing).papers.map((p) => p.id));
        const add = fresh.filter((p) => !present.has(p.id));
        return { text: add.length ? appendPapers(existing, add) : undefined, result: add.map((p) => p.id) };
      });
    } catch (err) {
      if (err instanceof CollectionWriteError)
        return show(result(false, `${err.message} Nothing was imported from ${name}.`));
      throw err;
    }
  }
  // Papers already on the shelf: the user cites them by the .bib key, so that key is pinned.
  const pins = known.filter((p) => p.key && shelfService.shelf.get(p.id)?.key !== p.key);
  if (pins.length)
    await shelfService.saveChoices((c) => {
      for (const p of pins) c.pinnedKeys[p.id] = p.key!;
    });

  const parts: string[] = [];
  parts.push(
    written.length
      ? `Imported ${plural(written.length, 'paper')} from ${name} into ${fileLabel(target!)}.`
      : `No new paper in ${name}.`,
  );
  if (known.length)
    parts.push(
      `${plural(known.length, 'paper')} already on the shelf${pins.length ? ` (${plural(pins.length, 'key')} kept from the .bib)` : ''}.`,
    );
  if (skipped.length) parts.push(`${skipped.length} skipped.`);
  const res = result(written.length > 0 || known.length > 0, parts.join(' '), {
    done: [...written, ...known.map((p) => p.id)],
    failed,
    file: target?.toString(),
  });
  return show(res, ...(skipped.length ? [{ title: 'Show Skipped', run: () => showSkipped(name, failed) }] : []));
}

async function pickBibFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import papers from a BibTeX file',
    canSelectMany: false,
    openLabel: 'Import',
    filters: { BibTeX: ['bib'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** The skipped entries and why, in a read-only-looking Markdown document beside the editor. */
async function showSkipped(name: string, skipped: readonly { id: string; reason: string }[]): Promise<void> {
  const lines = [
    `# Skipped while importing ${name}`,
    '',
    ...skipped.map((s) => `- \`${s.id.replace(/`/g, "'")}\`: ${s.reason}`),
    '',
  ];
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
