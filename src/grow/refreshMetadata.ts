import * as vscode from 'vscode';
import { ArxivError } from '../core/arxiv/arxivError';
import { setBlockField } from '../core/collection/collectionEdit';
import type { Paper, ShelfEntry } from '../core/model/types';
import { resolvePapers } from '../pick/resolvePapers';
import { CollectionWriteError } from '../collections/collectionWriter';
import { findWorkspaceFiles } from '../platform/findWorkspaceFiles';
import { formatAuthors } from '../core/collection/authors';
import {
  type GrowContext,
  type GrowResult,
  fileLabel,
  filesHolding,
  plural,
  result,
  show,
  withCancellableProgress,
} from './growContext';

/** Documents where cite keys are used; a key found there counts as cited. */
const CITING_FILES = '**/*.{tex,ltx,bib,md,markdown,qmd,rmd,Rmd,org,typ,rst,adoc}';
const MAX_CITING_FILES = 2000;
const MAX_CITING_BYTES = 2 * 1024 * 1024;

/**
 * paperShelf.refreshMetadata: asks arXiv again for papers on the shelf (the given ones, or all)
 * and enriches them: authors, categories, dates, DOI, comment, journal reference. Papers in
 * collection files get the fields written there; shipped papers keep it on this machine. Titles
 * and summaries stay as the user has them, and cite keys already in use are pinned first, so a
 * key that is cited never changes.
 */
export async function refreshMetadata(
  ctx: GrowContext,
  arg?: unknown,
  selection?: unknown,
): Promise<GrowResult | undefined> {
  const { shelfService } = ctx.services;
  // Named papers (the tree, a caller), or (from the palette) every paper on the shelf.
  const resolved = await resolvePapers(ctx.services, arg, selection, {
    title: 'Refresh Metadata from arXiv',
    canPickMany: true,
    whenNone: 'all',
    waitForFiles: true,
    quiet: true,
  });
  const entries = resolved?.entries ?? [];
  if (!entries.length) return show(result(false, resolved?.message ?? 'No paper to refresh.'));
  const ids = entries.map((e) => e.paper.id);

  let papers: Paper[];
  let failed: { id: string; reason: string }[];
  try {
    const outcome = await withCancellableProgress(
      `Refreshing ${plural(ids.length, 'paper')} from arXiv`,
      (signal, report) => ctx.arxiv.fetchPapers(ids, { signal, onProgress: report }),
    );
    papers = outcome.papers;
    failed = outcome.failures.map((f) => ({ id: f.id, reason: f.message }));
  } catch (err) {
    if (err instanceof ArxivError)
      return show(
        result(false, `${err.kind === 'cancelled' ? 'Cancelled.' : err.message} Nothing was changed.`, {
          failed: ids.map((id) => ({ id, reason: err.message })),
        }),
      );
    throw err;
  }

  // Named papers that are not on the shelf are reported with the others that were not refreshed.
  const unknown = resolved?.unknown ?? [];
  failed.push(...unknown.map((id) => ({ id, reason: 'not on the shelf' })));

  await pinCitedKeys(ctx, entries);

  const errors: string[] = [];
  const byFile = new Map<string, { uri: vscode.Uri; papers: Paper[] }>();
  const notInFiles: Paper[] = [];
  for (const paper of papers) {
    const files = filesHolding(ctx.services, paper.id);
    if (!files.length) notInFiles.push(paper);
    for (const uri of files) {
      const slot = byFile.get(uri.toString()) ?? { uri, papers: [] };
      slot.papers.push(paper);
      byFile.set(uri.toString(), slot);
    }
  }
  for (const { uri, papers: filePapers } of byFile.values()) {
    try {
      await ctx.writer.edit(uri, (text) => {
        let out = text;
        for (const p of filePapers) out = enrichBlock(out, p);
        return { text: out, result: undefined };
      });
    } catch (err) {
      if (err instanceof CollectionWriteError) errors.push(err.message);
      else throw err;
    }
  }
  const seeds = notInFiles.filter((p) => shelfService.shipped.has(p.id));
  if (seeds.length) await shelfService.shipped.saveMetadata(seeds);

  const parts = [
    `Refreshed ${plural(papers.length, 'paper')} from arXiv${byFile.size ? ` (written to ${[...byFile.values()].map((f) => fileLabel(f.uri)).join(', ')})` : ''}.`,
  ];
  if (unknown.length && resolved?.message) parts.push(resolved.message);
  const fromArxiv = failed.filter((f) => !unknown.includes(f.id));
  if (fromArxiv.length) parts.push(`Not refreshed: ${fromArxiv.map((f) => f.reason).join(' ')}`);
  if (errors.length) parts.push(errors.join(' '));
  return show(
    result(errors.length === 0 && papers.length > 0, parts.join(' '), { done: papers.map((p) => p.id), failed }),
  );
}

/** What arXiv states overwrites the block's field; what it leaves empty stays as the user wrote it. */
function enrichBlock(text: string, paper: Paper): string {
  const fields: [string[], string | undefined][] = [
    [['Authors', 'Author'], paper.authors.length ? formatAuthors(paper.authors) : undefined],
    [['Published'], paper.published],
    [['Updated'], paper.updated],
    [['Categories', 'Category'], paper.categories.length ? paper.categories.join(' ') : undefined],
    [['DOI'], paper.doi],
    [['Journal-Ref'], paper.journalRef],
    [['Comment'], paper.comment],
  ];
  let out = text;
  for (const [names, value] of fields) if (value) out = setBlockField(out, paper.id, names, value) ?? out;
  return out;
}

/**
 * Pins the current key of every paper whose key is already used in the workspace's documents
 * (LaTeX, BibTeX, Markdown...), so new authors or dates cannot change a key that is cited.
 */
async function pinCitedKeys(ctx: GrowContext, entries: readonly ShelfEntry[]): Promise<void> {
  const { shelfService } = ctx.services;
  const pinned = shelfService.shelf.getChoices().pinnedKeys;
  const open = entries.filter((e) => !pinned[e.paper.id] && !e.paper.key);
  if (!open.length || !vscode.workspace.workspaceFolders?.length) return;
  const unfound = new Map(open.map((e) => [e.key, e.paper.id]));
  const cited = new Map<string, string>();
  const { uris: files } = await findWorkspaceFiles(
    CITING_FILES,
    '**/node_modules/**',
    MAX_CITING_FILES,
    ctx.services.log,
  );
  for (const uri of files) {
    if (!unfound.size) break;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_CITING_BYTES) continue;
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
      for (const [key, id] of [...unfound]) {
        if (new RegExp(`(^|[^\\w:.-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w:.-])`).test(text)) {
          cited.set(id, key);
          unfound.delete(key);
        }
      }
    } catch {
      // An unreadable file cites nothing we can see.
    }
  }
  if (cited.size) await shelfService.saveChoices((c) => Object.assign(c.pinnedKeys, Object.fromEntries(cited)));
}
