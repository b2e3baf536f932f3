import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';
import type { CollectionWriter } from '../collections/collectionWriter';
import { resolvePapers } from '../pick/resolvePapers';
import { pickTheme } from '../pick/themePicker';
import { addPaper } from './addPaper';
import { ArxivService } from './arxivService';
import { entriesFor, removeFromShelf, setStarred, setTheme } from './curate';
import type { GrowContext } from './growContext';
import { importBibtex } from './importBibtex';
import { refreshMetadata } from './refreshMetadata';
import { arxivPickSource } from './findOnArxiv';
import type { ArxivPickSource } from '../pick/paperPicker';
import { registerThemeCommands } from './themeCommands';
import { collapseSpace } from '../core/text/spaces';

/** Options a caller (a test, another extension) may pass after the paper argument. */
function optionsOf(value: unknown): { target?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const target = (value as { target?: unknown }).target;
  return typeof target === 'string' ? { target } : {};
}

/**
 * Growing and curating the shelf: add papers from arXiv, import a .bib file, refresh metadata,
 * star/unstar, move to a theme, remove (with undo), written into collection files by `writer`.
 */
export function registerGrow(services: Services, writer: CollectionWriter): { arxiv: ArxivPickSource } {
  const ctx: GrowContext = { services, arxiv: new ArxivService(services.log), writer };
  const { subscriptions } = services.context;
  subscriptions.push(...registerThemeCommands(ctx));
  subscriptions.push(
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
    // `theme` given (tests, other extensions) skips the theme picker; '' is back to automatic.
    vscode.commands.registerCommand(
      Commands.moveToTheme,
      async (arg?: unknown, selection?: unknown, theme?: unknown) => {
        const resolved = await resolvePapers(services, arg, selection, {
          title: 'Move Papers to Another Theme',
          placeholder: 'Search the shelf, then pick the papers to move',
          canPickMany: true,
          waitForFiles: true,
        });
        const entries = resolved?.entries;
        if (!entries?.length) return;
        const target = typeof theme === 'string' ? theme : await pickTheme(services, entries);
        if (target === undefined) return;
        // Written into the papers' collection files when they live in one (co-authors see it), else remembered here.
        await setTheme(
          ctx,
          entries.map((e) => e.paper.id),
          collapseSpace(target),
        );
      },
    ),
  );
  // The cite commands' pickers search arXiv through the same client, cache and shelf writes.
  return { arxiv: arxivPickSource(ctx) };
}
