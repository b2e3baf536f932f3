import * as vscode from 'vscode';
import { ShelfService } from './shelf/shelfService';
import { SearchService } from './search/searchService';
import type { Services } from './services';
import type { PaperShelfApi } from './api';
import { registerHover } from './hover/registerHover';
import { registerCite } from './cite';
import { registerBrowse } from './tree/registerBrowse';
import { registerCollections } from './collections/registerCollections';
import { registerGrow } from './grow/registerGrow';
import { activePicker } from './cite/paperPicker';

// Only wiring lives here: each feature folder registers its own providers and commands.
// Activation stays cheap: the shelf loads asynchronously after activate() returns.
export function activate(context: vscode.ExtensionContext): PaperShelfApi {
  const started = performance.now();
  const shelfService = new ShelfService(context);
  const search = new SearchService(shelfService, context.globalStorageUri);
  context.subscriptions.push(shelfService, search);
  const services: Services = { context, shelfService, search };

  // Feature registrations, one line each: registerX(services).
  registerHover(services);
  const grow = registerGrow(services);
  registerCite(services, grow.arxiv);
  const browse = registerBrowse(services);
  registerCollections(services);

  void shelfService.ready().catch((err) => {
    void vscode.window.showErrorMessage(`Paper Shelf could not load its shelf: ${String(err?.message ?? err)}`);
  });
  const activationMs = performance.now() - started;
  return { shelfService, search, activationMs, browse, activePicker };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
