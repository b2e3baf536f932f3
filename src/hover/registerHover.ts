import * as vscode from 'vscode';
import type { Services } from '../services';
import { ArxivHoverProvider } from './arxivHoverProvider';
import { ArxivLinkProvider } from './arxivLinkProvider';
import { HOVER_SELECTOR } from './documentSelector';
import { affects, settings, SETTINGS } from '../settings/settings';

/** Hover previews and document links for arXiv ids and cite keys, in every kind of document. */
export function registerHover(services: Services): void {
  const { context, shelfService } = services;
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, new ArxivHoverProvider(shelfService, services.published)),
  );

  // Editors ask for links again only on edits; registering the provider anew makes every open
  // editor ask now, when the target setting changes or (for the summary target) the shelf does.
  const linkProvider = new ArxivLinkProvider(shelfService);
  let registration = vscode.languages.registerDocumentLinkProvider(HOVER_SELECTOR, linkProvider);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshLinks = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      registration.dispose();
      registration = vscode.languages.registerDocumentLinkProvider(HOVER_SELECTOR, linkProvider);
    }, 0);
  };
  context.subscriptions.push(
    {
      dispose: () => {
        clearTimeout(pending);
        registration.dispose();
      },
    },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, [SETTINGS.documentLinksEnabled, SETTINGS.documentLinksTarget])) refreshLinks();
    }),
    shelfService.shelf.onDidChange(() => {
      if (settings.documentLinksTarget() === 'summary') refreshLinks();
    }),
  );
}
