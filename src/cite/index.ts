import * as vscode from 'vscode';
import type { Services } from '../services';
import { validateKeyPattern } from '../core/cite/keys';
import { registerCiteCommands } from './citeCommands';
import type { ArxivPickSource } from './paperPicker';
import { registerCiteCompletion } from './citeCompletion';
import { pinKeysFromBibFiles } from './bibliographyManager';

/** Cite from the editor: the commands, key completion, and keeping cited keys stable. */
export function registerCite(services: Services, arxiv?: ArxivPickSource): void {
  const { context } = services;
  context.subscriptions.push(...registerCiteCommands(services, arxiv), registerCiteCompletion(services));

  // A key a workspace .bib file already uses for a shelf paper is kept from then on.
  const pinFrom = (uris: vscode.Uri[]) =>
    pinKeysFromBibFiles(services, uris).catch((err) => console.error('[paper-shelf] reading .bib files failed', err));
  void services.shelfService
    .ready()
    .then(() => vscode.workspace.findFiles('**/*.bib', '**/{node_modules,.git}/**', 200))
    .then(pinFrom, (err) => console.error('[paper-shelf] finding .bib files failed', err));
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (/\.bib$/i.test(document.fileName)) void pinFrom([document.uri]);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('paperShelf.citeKeyPattern')) return;
      const pattern = vscode.workspace.getConfiguration('paperShelf').get<string>('citeKeyPattern') ?? '';
      const problems = validateKeyPattern(pattern);
      if (problems.length) void vscode.window.showWarningMessage(`Paper Shelf: ${problems.join(' ')}`);
      // Keys follow the new pattern; cited (pinned) keys stay as they are.
      const shelf = services.shelfService.shelf;
      shelf.setChoices(shelf.getChoices());
    }),
  );
}
