import * as vscode from 'vscode';
import { ArxivError } from '../core/arxiv/arxivError';
import { formatArxivId, type ArxivId } from '../core/arxiv/arxivId';
import { appendPapers } from '../core/collection/collectionFormat';
import { parseCollection } from '../core/collection/collection';
import { parseIdList } from '../core/arxiv/idList';
import type { Paper, ShelfEntry } from '../core/model/types';
import { findAndAdd } from './findOnArxiv';
import { CollectionWriteError } from '../collections/collectionWriter';
import {
  type GrowContext,
  type GrowResult,
  fileLabel,
  pickTargetFile,
  plural,
  result,
  show,
  withCancellableProgress,
} from './growContext';
import { collapseSpace } from '../core/text/spaces';

export interface AddPaperOptions {
  /** Collection file (URI string or path) to write into; default: the shelf file, or the user's pick. */
  target?: string;
}

/**
 * paperShelf.addPaper: fetches papers from the arXiv API and writes them to a collection file.
 * Accepts an id/URL string (several separated by spaces, commas or new lines), an array of them
 * (the hover passes one id), or nothing (asks with an input box validated as typed).
 */
export async function addPaper(
  ctx: GrowContext,
  arg?: unknown,
  options: AddPaperOptions = {},
): Promise<GrowResult | undefined> {
  const { shelfService } = ctx.services;
  let text: string | undefined;
  if (typeof arg === 'string') text = arg;
  else if (Array.isArray(arg)) text = arg.filter((a) => typeof a === 'string').join(' ');
  else if (arg && typeof arg === 'object' && 'paperId' in arg) text = String((arg as { paperId: unknown }).paperId);
  const typed = text === undefined;
  text ??= await askForIds();
  if (text === undefined) return undefined;

  const { ids, invalid } = parseIdList(text);
  // Typed words that are no id at all: Enter searched arXiv for them (the picker takes it from there).
  if (typed && !ids.length && invalid.length) return findAndAdd(ctx, text, options);
  if (invalid.length) {
    return show(
      result(false, `Not an arXiv id or link: ${invalid.map((t) => `"${t}"`).join(', ')}. Nothing was added.`, {
        failed: invalid.map((id) => ({ id, reason: 'not an arXiv id or link' })),
      }),
    );
  }
  if (!ids.length) return show(result(false, 'No arXiv id was given. Nothing was added.'));

  await shelfService.settled();
  const fresh: ArxivId[] = [];
  const onShelf: string[] = [];
  const unhidden: string[] = [];
  const hidden = new Set(shelfService.shelf.getChoices().hidden);
  for (const id of ids) {
    if (shelfService.shelf.get(id.id)) onShelf.push(id.id);
    else if (hidden.has(id.id)) unhidden.push(id.id);
    else fresh.push(id);
  }
  // A paper the user removed from the shipped set comes back without asking arXiv.
  if (unhidden.length)
    await shelfService.saveChoices((c) => (c.hidden = c.hidden.filter((h) => !unhidden.includes(h))));
  if (!fresh.length) {
    const parts = [
      unhidden.length ? `Put ${plural(unhidden.length, 'paper')} back on the shelf: ${unhidden.join(', ')}.` : '',
      onShelf.length ? `Already on the shelf: ${onShelf.join(', ')}.` : '',
    ];
    return show(result(true, parts.filter(Boolean).join(' '), { done: unhidden }));
  }

  const asked = fresh.map((i) => formatArxivId(i.id, i.version));
  const target = await chooseTarget(ctx, options.target, asked);
  if (!(target instanceof vscode.Uri)) return target;
  let fetched: Paper[];
  let failed: { id: string; reason: string }[];
  try {
    const outcome = await withCancellableProgress(
      fresh.length > 1 ? `Fetching ${fresh.length} papers from arXiv` : `Fetching ${asked[0]} from arXiv`,
      (signal, report) =>
        ctx.arxiv.fetchPapers(asked, {
          signal,
          onProgress: report,
        }),
    );
    failed = outcome.failures.map((f) => ({ id: f.id, reason: f.message }));
    // The version stays only when the user named one: otherwise the shelf follows the latest.
    fetched = outcome.papers.map((p) => ({ ...p, version: fresh.find((f) => f.id === p.id)?.version }));
  } catch (err) {
    if (err instanceof ArxivError) {
      if (err.kind === 'cancelled')
        return show(
          result(false, `Cancelled: nothing was added (${asked.join(', ')}).`, {
            failed: asked.map((id) => ({ id, reason: 'cancelled' })),
          }),
        );
      return show(
        result(false, `${err.message} Nothing was added.`, {
          failed: asked.map((id) => ({ id, reason: err.message })),
        }),
      );
    }
    throw err;
  }

  return writeNewPapers(ctx, target, fetched, failed, onShelf);
}

/**
 * Puts papers found on arXiv (a search's results: full metadata already) on the shelf exactly as
 * adding them by id would: papers on the shelf are used as they are, papers removed from the
 * shipped set come back, the others are appended to the shelf file (or the file chosen) in one
 * safe write. Returns the shelf entries in the order given, or undefined when not every paper
 * could be put on the shelf (the user has been told why; nothing was written).
 */
export async function adoptPapers(
  ctx: GrowContext,
  papers: readonly Paper[],
  options: AddPaperOptions = {},
): Promise<ShelfEntry[] | undefined> {
  const { shelfService } = ctx.services;
  await shelfService.settled();
  const shelf = shelfService.shelf;
  const hidden = new Set(shelf.getChoices().hidden);
  const unhidden = papers.filter((p) => !shelf.get(p.id) && hidden.has(p.id)).map((p) => p.id);
  if (unhidden.length)
    await shelfService.saveChoices((c) => (c.hidden = c.hidden.filter((h) => !unhidden.includes(h))));
  // Without a version named, the shelf follows the latest version, as Add does.
  const fresh = papers.filter((p) => !shelf.get(p.id)).map((p) => ({ ...p, version: undefined }));
  if (fresh.length) {
    const target = await chooseTarget(
      ctx,
      options.target,
      fresh.map((p) => p.id),
    );
    if (!(target instanceof vscode.Uri)) return undefined;
    const res = await writeNewPapers(ctx, target, fresh, [], []);
    if (!res.ok) return undefined;
  }
  const entries = papers.map((p) => shelf.get(p.id));
  if (entries.some((e) => !e)) {
    const missing = papers.filter((p) => !shelf.get(p.id)).map((p) => p.id);
    void vscode.window.showErrorMessage(
      `Paper Shelf: ${missing.join(', ')} did not reach the shelf (is the file among paperShelf.collectionFiles?).`,
    );
    return undefined;
  }
  return entries as ShelfEntry[];
}

/**
 * The collection file new papers go to, checked before anything is asked of arXiv (no request
 * for nothing; checked again when writing): the file, undefined when the user cancelled, or the
 * result (already shown) saying why not.
 */
async function chooseTarget(
  ctx: GrowContext,
  option: string | undefined,
  asked: readonly string[],
): Promise<vscode.Uri | GrowResult | undefined> {
  const target = await pickTargetFile(ctx.services, option, 'Add papers to');
  if (target === 'cancelled') return undefined;
  if (!target) {
    return show(
      result(
        false,
        'Open a folder first: added papers are kept in the workspace shelf file (setting paperShelf.shelfFile), so co-authors get them through git. Nothing was added.',
      ),
    );
  }
  const refusal = ctx.writer.refusal(target);
  if (refusal)
    return show(
      result(false, `${refusal} (${asked.join(', ')} not added)`, {
        failed: asked.map((id) => ({ id, reason: refusal })),
      }),
    );
  return target;
}

/** Appends the papers the file does not list yet, in one safe write (all of them or none); shows what happened. */
async function writeNewPapers(
  ctx: GrowContext,
  target: vscode.Uri,
  fetched: readonly Paper[],
  failed: { id: string; reason: string }[],
  onShelf: readonly string[],
): Promise<GrowResult> {
  let written: string[] = [];
  if (fetched.length) {
    try {
      written = await ctx.writer.edit(target, (existing) => {
        // Another add may have written some of them in the meantime: never list a paper twice.
        const present = new Set(parseCollection(existing).papers.map((p) => p.id));
        const papers = fetched.filter((p) => !present.has(p.id));
        return { text: papers.length ? appendPapers(existing, papers) : undefined, result: papers.map((p) => p.id) };
      });
    } catch (err) {
      if (err instanceof CollectionWriteError)
        return show(
          result(false, `${err.message} (${fetched.map((p) => p.id).join(', ')} not added)`, {
            failed: [...failed, ...fetched.map((p) => ({ id: p.id, reason: err.message }))],
          }),
        );
      throw err;
    }
  }

  const titles = fetched.filter((p) => written.includes(p.id)).map((p) => `“${p.title}”`);
  const parts: string[] = [];
  if (written.length)
    parts.push(`Added ${written.length === 1 ? titles[0] : plural(written.length, 'paper')} to ${fileLabel(target)}.`);
  if (onShelf.length) parts.push(`Already on the shelf: ${onShelf.join(', ')}.`);
  if (failed.length) parts.push(`Not added: ${failed.map((f) => f.reason).join(' ')}`);
  const ok = written.length > 0 || failed.length === 0;
  const res = result(ok, parts.join(' ') || 'Nothing to add: the file already lists these papers.', {
    done: written,
    failed,
    file: target.toString(),
  });
  return show(
    res,
    ...(written.length ? [{ title: 'Open File', run: () => vscode.window.showTextDocument(target) }] : []),
  );
}

async function askForIds(): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Add papers from arXiv',
    prompt: 'arXiv ids or links (separated by spaces, commas or new lines), or words to search arXiv for',
    placeHolder: '2510.01152, arXiv:hep-th/9711200, https://arxiv.org/abs/1706.03762, or: diffusion transformers',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const { ids, invalid } = parseIdList(text);
      if (invalid.length && !ids.length)
        return {
          message: `Not an arXiv id: Enter searches arXiv for “${collapseSpace(text)}”.`,
          severity: vscode.InputBoxValidationSeverity.Info,
        };
      if (invalid.length)
        return {
          message: `Not an arXiv id or link: ${invalid
            .slice(0, 3)
            .map((t) => `"${t}"`)
            .join(', ')}${invalid.length > 3 ? '…' : ''}`,
          severity: vscode.InputBoxValidationSeverity.Error,
        };
      if (!ids.length)
        return text.trim()
          ? undefined
          : {
              message: 'Type or paste one or more arXiv ids or links.',
              severity: vscode.InputBoxValidationSeverity.Info,
            };
      return {
        message: `${plural(ids.length, 'paper')}: ${ids.map((i) => i.id).join(', ')}`,
        severity: vscode.InputBoxValidationSeverity.Info,
      };
    },
  });
  return value?.trim() ? value : undefined;
}
