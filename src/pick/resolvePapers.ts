import * as vscode from 'vscode';
import type { ShelfEntry } from '../core/model/types';
import type { Services } from '../services';
import { type ArxivPickSource, pickPapers } from './paperPicker';

/**
 * How every paper command learns which papers it acts on, whoever invoked it:
 * - the tree: the row clicked (first argument) and the selected rows (second argument, an array);
 * - a hover, the summary panel, a test or another extension: an id in any form or a cite key, a
 *   `{ paperId }` object, or an array of those (first argument);
 * - the palette, a key binding or an editor menu (no paper named): the picker, with full-text search.
 */
export interface ResolveOptions {
  /** The picker's title, and how the "not on the shelf" message names the command. */
  title: string;
  placeholder?: string;
  /** Whether the picker takes several papers. */
  canPickMany: boolean;
  /** Which papers the picker offers (star: the unstarred ones). */
  candidates?: (entry: ShelfEntry) => boolean;
  /** When no paper is named: ask with the picker (default), or take every paper on the shelf. */
  whenNone?: 'pick' | 'all';
  /**
   * Wait until every collection file being read is on the shelf (commands that write into the
   * files holding a paper must know all of them); otherwise only when a named paper is missing.
   */
  waitForFiles?: boolean;
  /** The caller reports papers not on the shelf itself (with `message`, in its result); no warning is shown. */
  quiet?: boolean;
  /** The picker also searches arXiv; papers picked from there join the shelf first. */
  arxiv?: ArxivPickSource;
}

export interface ResolvedPapers {
  /** The papers to act on, each once, in the order named. */
  entries: ShelfEntry[];
  /** References named that are on the shelf under no id or key (reported to the user unless `quiet`). */
  unknown: string[];
  /** The message that reported `unknown`, if any. */
  message?: string;
}

const DEFAULT_PLACEHOLDER =
  'Search the shelf: title, summary, id, key, theme, author (Enter takes the highlighted one; ↓ and Space tick several)';

/** The paper references among a command's arguments (an editor menu's Uri, say, names no paper). */
function paperRefs(arg: unknown, selection?: unknown): string[] {
  const given = Array.isArray(arg) ? arg : Array.isArray(selection) && selection.length ? selection : [arg];
  const refs: string[] = [];
  for (const a of given) {
    if (typeof a === 'string') refs.push(a);
    else if (a !== null && typeof a === 'object' && 'paperId' in a)
      refs.push(String((a as { paperId: unknown }).paperId));
  }
  return refs;
}

/**
 * The papers a command acts on (see ResolveOptions). Undefined when the user cancelled the
 * picker or there was nothing to pick. Papers named but not on the shelf are reported (one
 * warning naming each) and returned in `unknown`; the others are still acted on.
 */
export async function resolvePapers(
  services: Services,
  arg: unknown,
  selection: unknown,
  options: ResolveOptions,
): Promise<ResolvedPapers | undefined> {
  const { shelfService } = services;
  const refs = paperRefs(arg, selection);
  if (!refs.length) {
    const candidates = options.candidates ?? (() => true);
    if (options.whenNone === 'all') {
      await settled(services, options);
      return { entries: shelfService.shelf.entries().filter(candidates), unknown: [] };
    }
    // The picker shows at once, while collection files may still be read (it says so, and its
    // results follow the shelf); a command that writes into files waits for them once picked.
    await shelfService.ready();
    // An empty shelf has nothing to pick, unless the picker can search arXiv or the files still
    // being read bring papers.
    const none = () => !options.arxiv && !shelfService.shelf.entries().some(candidates);
    if (none()) {
      await settled(services, options);
      if (none()) {
        void vscode.window.showInformationMessage(`${options.title}: no paper to choose from.`);
        return undefined;
      }
    }
    const picked = await pickPapers(services, {
      title: options.title,
      placeholder: options.placeholder ?? DEFAULT_PLACEHOLDER,
      canPickMany: options.canPickMany,
      candidates: options.candidates,
      arxiv: options.arxiv,
    });
    if (!picked?.length) return undefined;
    if (!options.waitForFiles) return { entries: picked, unknown: [] };
    await settled(services, options);
    // The files read meanwhile may hold the picked papers too: act on the shelf's entries now.
    const now = picked.map((e) => shelfService.shelf.get(e.paper.id) ?? e);
    return { entries: now.filter((e, i) => now.indexOf(e) === i), unknown: [] };
  }
  await (options.waitForFiles ? settled(services, options) : shelfService.ready());
  // A paper in a collection file that is still being read (just written, a large file) is waited for.
  if (refs.some((ref) => !shelfService.shelf.lookup(ref))) await shelfService.settled();
  const entries: ShelfEntry[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const entry = shelfService.shelf.lookup(ref);
    if (!entry) unknown.push(ref);
    else if (!entries.includes(entry)) entries.push(entry);
  }
  if (!unknown.length) return { entries, unknown };
  const named = unknown.map((u) => `“${u}”`).join(', ');
  const message = `${options.title}: ${named} ${unknown.length === 1 ? 'is' : 'are'} not on the shelf. Add ${unknown.length === 1 ? 'it' : 'them'} with “Paper Shelf: Add Papers from arXiv…” first.`;
  if (!options.quiet) void vscode.window.showWarningMessage(message);
  return { entries, unknown, message };
}

/** Waits until every collection file being read is on the shelf, in the status bar when it takes a while. */
async function settled(services: Services, options: ResolveOptions): Promise<void> {
  const done = services.shelfService.settled();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 250)));
  const late = await Promise.race([done.then(() => false), slow]);
  clearTimeout(timer);
  if (!late) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `${options.title}: reading the collection files…` },
    () => done,
  );
}
