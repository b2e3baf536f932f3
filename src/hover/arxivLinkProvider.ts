import * as vscode from 'vscode';
import { LineIdCache, findDocumentLinks } from '../core/documentLinks';
import { Commands } from '../commandIds';
import type { ShelfService } from '../shelf/shelfService';
import { documentLinkTarget, documentLinksEnabled } from './settings';

/**
 * Turns every arXiv id in a document into a link: to the abstract page, the PDF, or (for papers
 * on the shelf) the summary panel, as `paperShelf.documentLinks.target` says. Editors ask again
 * after every edit, so each open document keeps the ids of its lines and only changed lines are
 * parsed again.
 */
export class ArxivLinkProvider implements vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly caches = new Map<string, LineIdCache>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly shelfService: ShelfService) {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => this.caches.delete(doc.uri.toString()));
  }

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    if (!documentLinksEnabled(document) || token.isCancellationRequested) return [];
    const shelf = this.shelfService.shelf;
    const key = document.uri.toString();
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new LineIdCache()));
    const links = findDocumentLinks(
      document.getText(),
      { target: documentLinkTarget(document), onShelf: (id) => shelf.get(id) !== undefined, summaryCommand: Commands.openSummary },
      cache,
    );
    const uris = new Map<string, vscode.Uri>(); // the same paper is usually cited many times
    return links.map((l) => {
      let uri = uris.get(l.target);
      if (!uri) uris.set(l.target, (uri = vscode.Uri.parse(l.target)));
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.character, l.line, l.endCharacter), uri);
      link.tooltip = l.tooltip;
      return link;
    });
  }

  dispose(): void {
    this.closing.dispose();
    this.caches.clear();
  }
}
