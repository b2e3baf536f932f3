import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';
import { CollectionWriter } from './collectionWriter';
import { WorkspaceCollections } from './workspaceCollections';

/** What the collections feature gives the features that write collection files. */
export interface CollectionsApi {
  readonly collections: WorkspaceCollections;
  /** The one writer of collection files (grow's add, import, star, move, remove). */
  readonly writer: CollectionWriter;
}

/**
 * Workspace collection files become part of the shelf: found after activation (never blocking
 * it), watched, and reloaded on change; their problems go to the Problems panel.
 */
export function registerCollections(services: Services): CollectionsApi {
  const { shelfService, log } = services;
  // Large local files are read and parsed in the worker thread where the platform has one (Node hosts).
  const collections = new WorkspaceCollections(shelfService, log, services.offThread);
  const writer = new CollectionWriter(collections);
  const reloadAll = (): Promise<void> =>
    shelfService
      .track(collections.reloadAll())
      .catch((err) => log.error('Could not load the workspace collection files', err));
  void reloadAll();
  services.context.subscriptions.push(
    collections,
    // Trust brings the workspace's restricted settings (collectionFiles, shelfFile) into force.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void reloadAll()),
    // Everything again: the remembered choices, the shipped papers, then every collection file.
    vscode.commands.registerCommand(Commands.reloadShelf, async () => {
      await shelfService.reload();
      await shelfService.track(collections.reloadAll());
    }),
  );
  // The view's welcome content (add or import papers) shows when nothing is on the shelf.
  let empty: boolean | undefined;
  const updateEmpty = (): void => {
    const now = shelfService.shelf.size === 0;
    if (now !== empty) void vscode.commands.executeCommand('setContext', 'paperShelf.shelfEmpty', (empty = now));
  };
  services.context.subscriptions.push(shelfService.shelf.onDidChange(updateEmpty));
  void shelfService.ready().then(updateEmpty, () => undefined);
  return { collections, writer };
}
