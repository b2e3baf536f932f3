import * as vscode from 'vscode';
import { ShelfService } from './shelf/shelfService';
import { SearchService } from './search/searchService';
import { Log } from './log/log';
import type { Services } from './services';
import type { PaperShelfApi } from './api';
import { registerLog } from './log/registerLog';
import { registerHover } from './hover/registerHover';
import { registerCite } from './cite';
import { registerBrowse } from './tree/registerBrowse';
import { registerCollections } from './collections/registerCollections';
import { registerGrow } from './grow/registerGrow';
import { activePicker } from './pick/paperPicker';
import { PublishedService } from './published/publishedService';
import { registerPublished } from './published/registerPublished';
import { registerMap } from './map/registerMap';
import { installPlatform, type Platform } from './platform/platform';

// Only wiring lives here: each feature folder registers its own providers and commands. The two
// entry points (src/extension.ts for the Node hosts, src/extension.web.ts for a browser worker)
// install their platform port and call this; everything below is the same code in both.
// Activation stays cheap: the shelf loads asynchronously after activate() returns.
export function activateWith(context: vscode.ExtensionContext, port: Platform): PaperShelfApi {
  const started = performance.now();
  installPlatform(port);
  const log = new Log();
  // Large collection files are read, and their shelf's themes and index worked out, in a worker
  // thread where the platform has one (Node hosts).
  const offThread = port.collectionWorker?.(context.extensionUri);
  const shelfService = new ShelfService(context, log, offThread);
  const search = new SearchService(shelfService, context.globalStorageUri, log, offThread);
  // A large shelf is searchable before its themes are discovered (both are worked out in the one
  // worker, one request at a time): discovery there waits for the index of the shelf as it is.
  shelfService.discoverOffThreadAfter(() => search.ready());
  context.subscriptions.push(log, shelfService, search);
  const published = new PublishedService(context.globalStorageUri, log);
  const services: Services = { context, log, shelfService, search, published, offThread };

  // Feature registrations, one line each: registerX(services).
  registerLog(services);
  registerHover(services);
  const { writer } = registerCollections(services);
  // Growing the shelf first: the cite commands' pickers search arXiv through it.
  const grow = registerGrow(services, writer);
  registerCite(services, grow.arxiv);
  const browse = registerBrowse(services);
  registerPublished(services);
  const map = registerMap(services, browse);

  void shelfService.ready().catch((err) => {
    log.error('Could not load the shelf', err);
    void vscode.window.showErrorMessage(`Paper Shelf could not load its shelf: ${String(err?.message ?? err)}`);
  });
  const activationMs = performance.now() - started;
  return { shelfService, search, platform: port.kind, activationMs, browse, log, map, activePicker };
}
