import * as vscode from 'vscode';
import { findDocumentLinks } from '../core/present/documentLinks';
import { Commands } from '../commandIds';
import type { ShelfService } from '../shelf/shelfService';
import { settings } from '../settings/settings';

/**
 * Turns every arXiv id in a document into a link: to the abstract page, the PDF, or (for papers
 * on the shelf) the summary panel, as `paperShelf.documentLinks.target` says. Editors ask again
 * after every edit; one pass over a 10,000-line document costs a few milliseconds.
 */
export class ArxivLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly shelfService: ShelfService) {}

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    if (!settings.documentLinksEnabled(document) || token.isCancellationRequested) return [];
    const shelf = this.shelfService.shelf;
    const links = findDocumentLinks(document.getText(), {
      target: settings.documentLinksTarget(document),
      onShelf: (id) => shelf.get(id) !== undefined,
      summaryCommand: Commands.openSummary,
    });
    const uris = new Map<string, vscode.Uri>(); // the same paper is usually cited many times
    return links.map((l) => {
      let uri = uris.get(l.target);
      if (!uri) uris.set(l.target, (uri = vscode.Uri.parse(l.target)));
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.character, l.line, l.endCharacter), uri);
      link.tooltip = l.tooltip;
      return link;
    });
  }
}
