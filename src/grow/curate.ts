// Star, unstar, remove and move papers. A paper that lives in a workspace collection file gets
// the change written into its block (`Tags: starred`, `Theme: ...`, the block taken out), so
// co-authors see it through git; a shipped paper's change is remembered for this workspace.
import * as vscode from 'vscode';
import {
  STARRED_TAG,
  removeBlock,
  restoreBlock,
  setBlockField,
  updateBlockTags,
} from '../core/collection/collectionEdit';
import type { ShelfEntry } from '../core/model/types';
import { resolvePapers } from '../pick/resolvePapers';
import { CollectionWriteError } from '../collections/collectionWriter';
import { type GrowContext, type GrowResult, fileLabel, filesHolding, plural, result, show } from './growContext';

/** The papers a curation command acts on: named (the tree, a hover, a caller), or picked among `candidates`. */
export async function entriesFor(
  ctx: GrowContext,
  arg: unknown,
  selection: unknown,
  title: string,
  candidates: (e: ShelfEntry) => boolean,
): Promise<ShelfEntry[] | undefined> {
  const resolved = await resolvePapers(ctx.services, arg, selection, {
    title,
    canPickMany: true,
    candidates,
    waitForFiles: true,
  });
  return resolved?.entries;
}

/** Groups ids by the collection files holding them. */
function byFile(ctx: GrowContext, ids: readonly string[]): Map<string, { uri: vscode.Uri; ids: string[] }> {
  const out = new Map<string, { uri: vscode.Uri; ids: string[] }>();
  for (const id of ids) {
    for (const uri of filesHolding(ctx.services, id)) {
      const slot = out.get(uri.toString()) ?? { uri, ids: [] };
      slot.ids.push(id);
      out.set(uri.toString(), slot);
    }
  }
  return out;
}

/** Writes each file's edit; returns the failures (those files untouched): messages and the ids concerned. */
async function editFiles(
  ctx: GrowContext,
  files: Map<string, { uri: vscode.Uri; ids: string[] }>,
  edit: (text: string, id: string) => string | undefined,
): Promise<string[] & { ids?: Set<string> }> {
  const errors: string[] & { ids?: Set<string> } = [];
  errors.ids = new Set();
  for (const { uri, ids } of files.values()) {
    try {
      await ctx.writer.edit(uri, (text) => {
        let out = text;
        for (const id of ids) out = edit(out, id) ?? out;
        return { text: out, result: undefined };
      });
    } catch (err) {
      if (!(err instanceof CollectionWriteError)) throw err;
      errors.push(err.message);
      for (const id of ids) errors.ids!.add(id);
    }
  }
  return errors;
}

export async function setStarred(
  ctx: GrowContext,
  entries: readonly ShelfEntry[],
  starred: boolean,
): Promise<GrowResult> {
  const ids = entries.map((e) => e.paper.id);
  const files = byFile(ctx, ids);
  const errors = await editFiles(ctx, files, (text, id) =>
    updateBlockTags(text, id, (tags) => (starred ? [...tags, STARRED_TAG] : tags.filter((t) => t !== STARRED_TAG))),
  );
  const inFiles = new Set([...files.values()].flatMap((f) => f.ids));
  await ctx.services.shelfService.saveChoices((c) => {
    const set = new Set(c.starred);
    for (const id of ids) {
      // A paper in a shared file is starred there, for everyone; only shipped papers use the workspace's memory.
      if (starred && !inFiles.has(id)) set.add(id);
      else if (!starred) set.delete(id);
    }
    c.starred = [...set];
  });
  const verb = starred ? 'Starred' : 'Unstarred';
  if (errors.length)
    return show(result(false, errors.join(' '), { failed: ids.map((id) => ({ id, reason: errors.join(' ') })) }));
  return show(
    result(
      true,
      `${verb} ${entries.length === 1 ? `“${entries[0]!.paper.title}”` : plural(entries.length, 'paper')}.`,
      { done: ids },
    ),
  );
}

/**
 * Moves papers to a theme ('' = automatic again): written as `Theme:` into the blocks of those
 * in collection files, remembered for this workspace for the others. Throws CollectionWriteError
 * (files as they were) when a file cannot be written.
 */
export async function setTheme(ctx: GrowContext, ids: readonly string[], theme: string): Promise<void> {
  const files = byFile(ctx, ids);
  const errors = await editFiles(ctx, files, (text, id) => setBlockField(text, id, ['Theme'], theme || undefined));
  const inFiles = new Set([...files.values()].flatMap((f) => f.ids));
  await ctx.services.shelfService.saveChoices((c) => {
    for (const id of ids) {
      if (errors.ids?.has(id)) continue; // its file could not be written: the paper stays where it was
      if (inFiles.has(id) || !theme) delete c.themeOverrides[id];
      else c.themeOverrides[id] = theme;
    }
  });
  if (errors.length) void vscode.window.showErrorMessage(`${errors.join(' ')} Those papers were not moved.`);
}

interface Removal {
  uri: vscode.Uri;
  removed: string;
  offset: number;
  after: string;
}

/** Removes papers from the shelf; the notification's Undo puts them back exactly. */
export async function removeFromShelf(ctx: GrowContext, entries: readonly ShelfEntry[]): Promise<GrowResult> {
  const { shelfService } = ctx.services;
  const ids = entries.map((e) => e.paper.id);
  const removals: Removal[] = [];
  const errors: string[] = [];
  for (const { uri, ids: fileIds } of byFile(ctx, ids).values()) {
    try {
      await ctx.writer.edit(uri, (text) => {
        let out = text;
        const local: Removal[] = [];
        for (const id of fileIds) {
          const r = removeBlock(out, id);
          if (!r) continue;
          out = r.text;
          local.push({ uri, removed: r.removed, offset: r.offset, after: r.text });
        }
        removals.push(...local);
        return { text: out, result: undefined };
      });
    } catch (err) {
      if (err instanceof CollectionWriteError) errors.push(err.message);
      else throw err;
    }
  }
  // Papers that stay on the shelf from another source (the shipped set) are hidden for this workspace.
  const stillThere = ids.filter((id) => shelfService.shelf.get(id));
  const hiddenNow = stillThere.filter((id) => !shelfService.shelf.getChoices().hidden.includes(id));
  if (!errors.length && hiddenNow.length)
    await shelfService.saveChoices((c) => (c.hidden = [...new Set([...c.hidden, ...hiddenNow])]));
  if (errors.length) {
    // All or nothing: put back what was already taken out of other files.
    await undoRemoval(ctx, removals, []);
    return show(
      result(false, `${errors.join(' ')} Nothing was removed.`, {
        failed: ids.map((id) => ({ id, reason: errors.join(' ') })),
      }),
    );
  }
  const what = entries.length === 1 ? `“${entries[0]!.paper.title}”` : plural(entries.length, 'paper');
  const where = [...new Set(removals.map((r) => fileLabel(r.uri)))];
  const message = `Removed ${what} from the shelf${where.length ? ` (and from ${where.join(', ')})` : ''}.`;
  return show(result(true, message, { done: ids }), {
    title: 'Undo',
    run: () => undoRemoval(ctx, removals, hiddenNow).then((r) => show(r)),
  });
}

/** Puts removed blocks back (latest removal first, so each lands where it was) and un-hides. */
async function undoRemoval(
  ctx: GrowContext,
  removals: readonly Removal[],
  hidden: readonly string[],
): Promise<GrowResult> {
  const errors: string[] = [];
  for (const r of [...removals].reverse()) {
    try {
      await ctx.writer.edit(r.uri, (text) => ({ text: restoreBlock(text, r), result: undefined }));
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (hidden.length)
    await ctx.services.shelfService.saveChoices((c) => (c.hidden = c.hidden.filter((h) => !hidden.includes(h))));
  if (errors.length) return result(false, `Could not put everything back: ${errors.join(' ')}`);
  return result(true, 'Put the removed papers back on the shelf.');
}
