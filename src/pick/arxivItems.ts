// The rows the paper picker shows for arXiv: "Search arXiv for '…'", the papers found (marked
// when they are on the shelf already), "More results…", and a line saying why nothing came.
import * as vscode from 'vscode';
import type { Paper, ShelfEntry } from '../core/model/types';
import type { SearchPage } from '../core/arxiv/arxivSearch';
import { texToPlainLine } from '../core/tex/texText';
import { collapseSpace } from '../core/text/spaces';
import { escapeIcons, pickerText } from '../core/text/icons';

/** What the picker needs to search arXiv and to put what the user picks on the shelf. */
export interface ArxivPickSource {
  /** One page of results (ArxivError on failure, kind 'cancelled' when `signal` aborts). */
  page(words: string, start: number, signal: AbortSignal): Promise<SearchPage>;
  /**
   * Puts the papers on the shelf exactly as Add Papers does (into the shelf file, each paper
   * whole or not at all) and returns their shelf entries in the same order, or undefined when
   * nothing was added (the user has been told why).
   */
  adopt(papers: readonly Paper[]): Promise<ShelfEntry[] | undefined>;
}

export interface RemoteItem extends vscode.QuickPickItem {
  remote: Paper;
  /** The shelf's entry when the paper is on the shelf already: picking it uses that one. */
  entry?: ShelfEntry;
}

export interface ActionItem extends vscode.QuickPickItem {
  action: 'search' | 'more' | 'retry' | 'none';
}

const EXCERPT = 160;

export function excerpt(summary: string): string {
  const plain = texToPlainLine(summary);
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT).replace(/\s+\S*$/, '')}…` : plain;
}

/** 'Ashish Vaswani, Noam Shazeer, Niki Parmar et al.' */
export function authorLine(authors: readonly string[]): string {
  const names = authors.map((a) => texToPlainLine(a));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} et al.` : names.join(', ');
}

export function quoteWords(words: string): string {
  const oneLine = collapseSpace(words);
  return `“${oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine}”`;
}

export function remoteItem(paper: Paper, entry: ShelfEntry | undefined): RemoteItem {
  // arXiv's text and the user's words are shown as written: a `$(name)` in them is no icon.
  const meta = [
    escapeIcons(authorLine(paper.authors)),
    paper.published?.slice(0, 4),
    paper.categories[0] && pickerText(paper.categories[0]),
    paper.id,
    entry ? 'on the shelf' : undefined,
  ].filter(Boolean);
  return {
    label: `${entry ? '$(check) ' : ''}${escapeIcons(texToPlainLine(paper.title))}`,
    description: meta.join(' · '),
    detail: escapeIcons(excerpt(paper.summary)),
    alwaysShow: true,
    remote: paper,
    entry,
  };
}

export function searchItem(words: string): ActionItem {
  // The words are in the description, not the label: the quick pick ranks labels that match what
  // is typed first, and this row belongs below the shelf's papers.
  return {
    label: '$(globe) Search arXiv',
    description: `for ${escapeIcons(quoteWords(words))}: every word must match; ti:, au:, abs:, cat:, "phrases", OR work too`,
    alwaysShow: true,
    action: 'search',
  };
}

export function moreItem(page: SearchPage, shown: number): ActionItem {
  return {
    label: '$(chevron-down) More results…',
    description: `${shown.toLocaleString()} of ${page.total.toLocaleString()} shown`,
    alwaysShow: true,
    action: 'more',
  };
}

/** Why the search gave nothing: no match (nothing to do), or a failure (Enter tries again). */
export function noteItem(message: string, retry: boolean): ActionItem {
  return {
    label: `${retry ? '$(error)' : '$(info)'} ${escapeIcons(message)}`,
    description: retry ? 'Enter tries again' : undefined,
    alwaysShow: true,
    action: retry ? 'retry' : 'none',
  };
}

export function separator(label: string): vscode.QuickPickItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}
