import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ShelfEntry } from '../core/model/types';
import { Commands } from '../commandIds';
import { citeCompletionContext, citeDialect } from '../core/cite/citeFormat';
import { texToPlain, texToPlainLine } from '../core/tex/texText';
import { bibliographyKeys } from './bibliographyManager';
import { escapeMarkdown, escapeMarkdownParagraphs } from '../core/text/markdown';

/** Languages whose documents cite: LaTeX family and Pandoc Markdown family. */
const CITING_LANGUAGES = [
  'latex',
  'tex',
  'latex-expl3',
  'doctex',
  'rsweave',
  'markdown',
  'quarto',
  'rmd',
  'rmarkdown',
  'pandoc',
];

/** Above this many papers, completion lists the best matches of what was typed, not everything. */
const FULL_LIST_LIMIT = 2000;
const SEARCH_LIMIT = 100;

/**
 * Shelf keys inside \cite{, \citep{, ... and after [@ or @ in Pandoc Markdown. The label is the
 * key (the bibliography's own key when it already has the paper), the title its detail, the
 * summary its documentation; accepting one adds the entry to the bibliography.
 */
class CiteCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly services: Services) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionList | undefined> {
    const dialect = citeDialect(document.languageId, document.fileName);
    const line = document.lineAt(position.line).text;
    const context = citeCompletionContext(dialect, line, position.character);
    if (!context) return undefined;
    await this.services.shelfService.ready();
    const shelf = this.services.shelfService.shelf;
    let entries: readonly ShelfEntry[] = shelf.entries();
    let incomplete = false;
    if (entries.length > FULL_LIST_LIMIT) {
      incomplete = true;
      const prefix = context.prefix.toLowerCase();
      const byKey = prefix ? entries.filter((e) => e.key.toLowerCase().startsWith(prefix)).slice(0, SEARCH_LIMIT) : [];
      const found = prefix
        ? (await this.services.search.search(context.prefix, SEARCH_LIMIT)).map((r) => shelf.get(r.id))
        : [];
      const starred = prefix ? [] : entries.filter((e) => e.starred);
      entries = [
        ...new Set([
          ...byKey,
          ...found.filter((e): e is ShelfEntry => !!e),
          ...starred,
          ...entries.slice(0, SEARCH_LIMIT),
        ]),
      ];
    }
    const bibKeys = await bibliographyKeys(document);
    const range = new vscode.Range(position.line, context.start, position.line, position.character);
    const items: vscode.CompletionItem[] = [];
    entries.forEach((entry, index) => {
      const key = bibKeys.get(entry.paper.id) ?? entry.key;
      if (context.existing.includes(key) && key !== context.prefix) return;
      const title = texToPlainLine(entry.paper.title);
      const item = new vscode.CompletionItem(
        { label: key, detail: ` ${title}`, description: `${entry.paper.id} · ${entry.month}` },
        vscode.CompletionItemKind.Reference,
      );
      item.detail = title;
      const meta = `arXiv:${entry.paper.id} · ${entry.month} · ${entry.theme}${bibKeys.has(entry.paper.id) ? ' · in the bibliography' : ''}`;
      item.documentation = new vscode.MarkdownString(
        `**${escapeMarkdown(title)}**\n\n${escapeMarkdown(meta)}\n\n${escapeMarkdownParagraphs(texToPlain(entry.paper.summary))}`,
      );
      item.insertText = key;
      item.range = range;
      item.filterText = `${key} ${title} ${entry.paper.id}`;
      item.sortText = `${entry.starred ? '0' : '1'}${String(index).padStart(7, '0')}`;
      if (!bibKeys.has(entry.paper.id)) {
        item.command = {
          title: 'Add to Bibliography',
          command: Commands.addToBibliography,
          arguments: [entry.paper.id],
        };
      }
      items.push(item);
    });
    return new vscode.CompletionList(items, incomplete);
  }
}

export function registerCiteCompletion(services: Services): vscode.Disposable {
  const selector = CITING_LANGUAGES.map((language) => ({ language }));
  return vscode.languages.registerCompletionItemProvider(selector, new CiteCompletionProvider(services), '{', ',', '@');
}
