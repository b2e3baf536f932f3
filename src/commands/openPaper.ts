import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { absUrl } from '../core/arxiv/arxivId';
import type { ShelfEntry } from '../core/model/types';
import type { Services } from '../services';
import type { SummaryPanel } from '../panel/summaryPanel';
import { resolvePapers } from '../pick/resolvePapers';

/** More tabs than this at once asks first. */
const MANY_TABS = 5;

/** openSummary, openAbs, openPdf: from the tree (one or many rows), hovers, the panel or the palette. */
export function registerOpenPaperCommands(services: Services, panel: SummaryPanel): vscode.Disposable[] {
  const resolve = async (
    arg: unknown,
    selection: unknown,
    title: string,
    canPickMany: boolean,
  ): Promise<ShelfEntry[] | undefined> => {
    const resolved = await resolvePapers(services, arg, selection, { title, canPickMany });
    return resolved?.entries.length ? resolved.entries : undefined;
  };

  const openExternal = async (entries: ShelfEntry[], url: (e: ShelfEntry) => string, what: string): Promise<void> => {
    if (entries.length > MANY_TABS) {
      const open = `Open ${entries.length}`;
      const answer = await vscode.window.showWarningMessage(
        `Open the ${what} of ${entries.length} papers in your browser?`,
        { modal: true },
        open,
      );
      if (answer !== open) return;
    }
    for (const e of entries) {
      const ok = await vscode.env.openExternal(vscode.Uri.parse(url(e)));
      if (!ok) {
        void vscode.window.showWarningMessage(`Paper Shelf could not open ${url(e)}.`);
        return;
      }
    }
  };

  return [
    vscode.commands.registerCommand(Commands.openSummary, async (arg?: unknown) => {
      // The panel shows one paper: with several rows selected, the one clicked (the first argument).
      const entries = await resolve(arg, undefined, 'Open the Summary of a Paper', false);
      if (entries?.length) await panel.show(entries[0]!);
    }),
    vscode.commands.registerCommand(Commands.openAbs, async (arg?: unknown, selection?: unknown) => {
      const entries = await resolve(arg, selection, 'Open the arXiv Page of Papers', true);
      if (entries) await openExternal(entries, (e) => absUrl(e.paper.id), 'arXiv pages');
    }),
    vscode.commands.registerCommand(Commands.openPdf, async (arg?: unknown, selection?: unknown) => {
      const entries = await resolve(arg, selection, 'Open the PDF of Papers', true);
      if (entries) await openExternal(entries, (e) => e.paper.pdfUrl, 'PDFs');
    }),
  ];
}
