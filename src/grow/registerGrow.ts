import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';
import { CollectionWriter } from '../collections/collectionWriter';
import { addPaper } from './addPaper';
import { ArxivService } from './arxivService';
import { entriesFor, removeFromShelf, setStarred, setTheme } from './curate';
import type { GrowContext } from './growContext';
import { importBibtex } from './importBibtex';
import { refreshMetadata } from './refreshMetadata';
import { arxivPickSource } from './findOnArxiv';
import type { ArxivPickSource } from '../cite/paperPicker';

/** Options a caller (a test, another extension) may pass after the paper argument. */
function optionsOf(value: unknown): { target?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const target = (value as { target?: unknown }).target;
  return typeof target === 'string' ? { target } : {};
}

/**
 * Growing and curating the shelf: add papers from arXiv, import a .bib file, refresh metadata,
 * star/unstar, remove (with undo), and moves written into collection files.
 */
export function registerGrow(services: Services): { arxiv: ArxivPickSource } {
  const ctx: GrowContext = { services, arxiv: new ArxivService(), writer: new CollectionWriter(services.shelfService) };
  const { subscriptions } = services.context;
  subscriptions.push(
    services.shelfService.setCurator({ setTheme: (ids, theme) => setTheme(ctx, ids, theme) }),
    vscode.commands.registerCommand(Commands.addPaper, (arg?: unknown, options?: unknown) =>
      addPaper(ctx, arg, optionsOf(options)),
    ),
    vscode.commands.registerCommand(Commands.importBibtex, (arg?: unknown, options?: unknown) =>
      importBibtex(ctx, arg, optionsOf(options)),
    ),
    vscode.commands.registerCommand(Commands.refreshMetadata, (arg?: unknown, selection?: unknown) =>
      refreshMetadata(ctx, arg, selection),
    ),
    vscode.commands.registerCommand(Commands.star, async (arg?: unknown, selection?: unknown) => {
      const entries = await entriesFor(ctx, arg, selection, 'Star Papers', (e) => !e.starred);
      return entries?.length ? setStarred(ctx, entries, true) : undefined;
    }),
    vscode.commands.registerCommand(Commands.unstar, async (arg?: unknown, selection?: unknown) => {
      const entries = await entriesFor(ctx, arg, selection, 'Unstar Papers', (e) => e.starred);
      return entries?.length ? setStarred(ctx, entries, false) : undefined;
    }),
    vscode.commands.registerCommand(Commands.removeFromShelf, async (arg?: unknown, selection?: unknown) => {
      const entries = await entriesFor(ctx, arg, selection, 'Remove Papers from the Shelf', () => true);
      return entries?.length ? removeFromShelf(ctx, entries) : undefined;
    }),
    vscode.commands.registerCommand(Commands.reloadShelf, () => services.shelfService.reload()),
  );
  // The cite commands' pickers search arXiv through the same client, cache and shelf writes.
  return { arxiv: arxivPickSource(ctx) };
}
