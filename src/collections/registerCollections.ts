import * as vscode from 'vscode';
import type { Services } from '../services';
import { WorkspaceCollections } from './workspaceCollections';

/**
 * Workspace collection files become part of the shelf: found after activation (never blocking
 * it), watched, and reloaded on change; their problems go to the Problems panel.
 */
export function registerCollections(services: Services): WorkspaceCollections {
  const { shelfService } = services;
  const collections = new WorkspaceCollections(shelfService);
  services.context.subscriptions.push(collections);
  void shelfService.track(collections.reloadAll()).catch((err) => console.error('[paper-shelf] collection files', err));
  // Trust brings the workspace's restricted settings (collectionFiles, shelfFile) into force.
  services.context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void shelfService.track(collections.reloadAll())),
  );
  // The view's welcome content (add or import papers) shows when nothing is on the shelf.
  let empty: boolean | undefined;
  const updateEmpty = (): void => {
    const now = shelfService.shelf.size === 0;
    if (now !== empty) void vscode.commands.executeCommand('setContext', 'paperShelf.shelfEmpty', (empty = now));
  };
  services.context.subscriptions.push(shelfService.shelf.onDidChange(updateEmpty));
  void shelfService.ready().then(updateEmpty, () => undefined);
  return collections;
}
