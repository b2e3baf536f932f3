import * as vscode from 'vscode';
import { findDocumentLinks } from '../core/documentLinks';
import { Commands } from '../commandIds';
import type { ShelfService } from '../shelf/shelfService';
import { documentLinkTarget, documentLinksEnabled } from './settings';

/**
 * Turns every arXiv id in a document into a link: to the abstract page, the PDF, or (for papers
 * on the shelf) the summary panel, as `paperShelf.documentLinks.target` says.
 */
export class ArxivLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly shelfService: ShelfService) {}

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    if (!documentLinksEnabled(document) || token.isCancellationRequested) return [];
    const shelf = this.shelfService.shelf;
    const links = findDocumentLinks(document.getText(), {
      target: documentLinkTarget(document),
      onShelf: (id) => shelf.get(id) !== undefined,
      summaryCommand: Commands.openSummary,
    });
    return links.map((l) => {
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.character, l.line, l.endCharacter), vscode.Uri.parse(l.target));
      link.tooltip = l.tooltip;
      return link;
    });
  }
}
