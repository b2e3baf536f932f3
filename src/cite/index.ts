import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCiteCommands } from './citeCommands';
import type { ArxivPickSource } from '../pick/paperPicker';
import { registerCiteCompletion } from './citeCompletion';
import { pinKeysFromBibFiles } from './bibliographyManager';
import { findWorkspaceFiles } from '../platform/findWorkspaceFiles';

/** Cite from the editor: the commands, key completion, and keeping cited keys stable. */
export function registerCite(services: Services, arxiv?: ArxivPickSource): void {
  const { context, log } = services;
  context.subscriptions.push(...registerCiteCommands(services, arxiv), registerCiteCompletion(services));

  // A key a workspace .bib file already uses for a shelf paper is kept from then on.
  const pinFrom = (uris: vscode.Uri[]) =>
    pinKeysFromBibFiles(services, uris).catch((err) => log.error('Reading the .bib files failed', err));
  void services.shelfService
    .ready()
    .then(() => findWorkspaceFiles('**/*.bib', '**/{node_modules,.git}/**', 200, log))
    .then(
      (found) => pinFrom(found.uris),
      (err) => log.error('Finding the .bib files failed', err),
    );
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (/\.bib$/i.test(document.fileName)) void pinFrom([document.uri]);
    }),
  );
}
