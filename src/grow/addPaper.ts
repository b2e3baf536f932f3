import * as vscode from 'vscode';
import { ArxivError } from '../core/arxiv/arxivError';
import { formatArxivId, type ArxivId } from '../core/arxiv/arxivId';
import { appendPapers } from '../core/collection/collectionFormat';
import { parseCollection } from '../core/collection/collection';
import { parseIdList } from '../core/arxiv/idList';
import type { Paper } from '../core/model/types';
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
  text ??= await askForIds();
  if (text === undefined) return undefined;

  const { ids, invalid } = parseIdList(text);
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

  const target = await pickTargetFile(ctx.services, options.target, 'Add papers to');
  if (target === 'cancelled') return undefined;
  if (!target) {
    return show(
      result(
        false,
        'Open a folder first: added papers are kept in the workspace shelf file (setting paperShelf.shelfFile), so co-authors get them through git. Nothing was added.',
      ),
    );
  }

  const asked = fresh.map((i) => formatArxivId(i.id, i.version));
  // Checked before asking arXiv (no request for nothing), and again when writing.
  const refusal = ctx.writer.refusal(target);
  if (refusal)
    return show(
      result(false, `${refusal} (${asked.join(', ')} not added)`, {
        failed: asked.map((id) => ({ id, reason: refusal })),
      }),
    );
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
    prompt: 'arXiv ids or links, separated by spaces, commas or new lines',
    placeHolder: '2510.01152, arXiv:hep-th/9711200, https://arxiv.org/abs/1706.03762',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const { ids, invalid } = parseIdList(text);
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
