import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import {
  GROUP_BY_VALUES,
  layoutShelfSteps,
  shortMonthLabel,
  type GroupBy,
  type PaperGroup,
  type ShelfLayout,
} from '../core/shelf/grouping';
import { shortName, texToPlain, texToPlainLine } from '../core/tex/texText';
import { plural } from '../core/text/plural';
import { displayLine } from '../core/text/invisible';
import type { ShelfEntry } from '../core/model/types';
import type { SearchService } from '../search/searchService';
import type { ShelfService } from '../shelf/shelfService';
import { escapeMarkdown } from '../core/text/markdown';
import { collapseSpace } from '../core/text/spaces';
import { HOST_SLICE_MS, runSteps, runStepsInSlices, yieldToHost, type Steps } from '../core/runtime/yieldToHost';
import { Newest } from '../core/runtime/newest';

export type TreeNode = GroupNode | PaperNode;

export interface GroupNode {
  readonly type: 'group';
  readonly id: string;
  readonly group: PaperGroup;
  /** The broader theme, when themes nest. */
  readonly parent?: GroupNode;
}

/** A paper row. `paperId` is what paper commands read (src/commands/paperArg.ts). */
export interface PaperNode {
  readonly type: 'paper';
  readonly id: string;
  readonly paperId: string;
  readonly entry: ShelfEntry;
  readonly parent?: GroupNode;
}

/** A layout's groups by node id, each with its narrower groups (their paper rows are made when opened). */
type GroupTable = Map<string, { row: GroupNode; subgroups: GroupNode[] }>;

/** A layout and the tree's nodes for it. */
interface LaidOut {
  layout: ShelfLayout;
  roots: TreeNode[];
  groups: GroupTable;
}

/** What the view shows about the tree's state (view message, description, context keys). */
export interface TreeState {
  groupBy: GroupBy;
  /** The active filter query, or undefined. */
  filter?: string;
  shown: number;
  total: number;
  loaded: boolean;
}

/** workspaceState key of the remembered grouping. */
export const GROUP_BY_KEY = 'paperShelf.tree.groupBy';
const EXCERPT_CHARS = 420;
/** A shelf at least this large is laid out in slices when it changes (the tree shows the last layout meanwhile). */
const SLICED_FROM = 5000;

/**
 * The "Papers" tree: groups (Starred, then themes or months) holding paper rows, or a flat
 * list. Filtering asks the shared SearchService and keeps its ranking inside each group.
 */
export class PaperTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly stateEmitter = new vscode.EventEmitter<TreeState>();
  readonly onDidChangeState = this.stateEmitter.event;

  private groupByMode: GroupBy;
  private filterQuery: string | undefined;
  private ranking: string[] | undefined;
  private layout: ShelfLayout | undefined;
  private roots: TreeNode[] = [];
  /** The layout's groups by node id, each with its narrower groups. */
  private readonly groups: GroupTable = new Map();
  /**
   * A group's rows, made when the group is first opened (or searched by reveal): a large shelf's
   * papers become tree nodes only in the groups the user looks into.
   */
  private readonly rows = new Map<string, TreeNode[]>();
  private loaded = false;
  /** The filter asked for last; `filterQuery` becomes it once its search has answered. */
  private wantedQuery: string | undefined;
  /** Filter searches: a slow one never overwrites a newer one, and waits for it to apply. */
  private readonly filterSearches = new Newest();
  /** Bumped per layout, so a layout in slices is dropped when a newer one started. */
  private layoutGeneration = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly shelfService: ShelfService,
    private readonly search: SearchService,
    private readonly workspaceState: vscode.Memento,
  ) {
    const stored = workspaceState.get<string>(GROUP_BY_KEY);
    this.groupByMode = GROUP_BY_VALUES.includes(stored as GroupBy) ? (stored as GroupBy) : 'theme';
    const subscription = shelfService.shelf.onDidChange(() => void this.shelfChanged());
    this.subscriptions.push(new vscode.Disposable(() => subscription.dispose()));
    void shelfService.ready().then(
      () => {
        this.loaded = true;
        this.rebuild();
      },
      () => {
        this.loaded = true;
        this.rebuild();
      },
    );
  }

  get groupBy(): GroupBy {
    return this.groupByMode;
  }

  get filter(): string | undefined {
    return this.filterQuery;
  }

  /** The ids matching the active filter, best first; undefined when the tree is not filtered. */
  get matches(): readonly string[] | undefined {
    return this.filterQuery === undefined ? undefined : this.ranking;
  }

  get state(): TreeState {
    return {
      groupBy: this.groupByMode,
      filter: this.filterQuery,
      shown: this.layout?.shown ?? 0,
      total: this.layout?.total ?? 0,
      loaded: this.loaded,
    };
  }

  /** Switches the grouping and remembers it for this workspace. */
  async setGroupBy(mode: GroupBy): Promise<void> {
    if (!GROUP_BY_VALUES.includes(mode)) throw new Error(`Unknown grouping: ${String(mode)}`);
    this.groupByMode = mode;
    await this.workspaceState.update(GROUP_BY_KEY, mode);
    this.rebuild();
  }

  /** Narrows the tree to the papers matching `query`; an empty query clears the filter. Resolves once the tree shows it. */
  setFilter(query: string | undefined): Promise<void> {
    this.wantedQuery = (query === undefined ? undefined : collapseSpace(query)) || undefined;
    return this.applyFilter();
  }

  /** Searches for the wanted filter and applies it (the shelf changed or a filter was asked for). */
  private applyFilter(): Promise<void> {
    return this.filterSearches.run((current) => this.runFilter(current));
  }

  private async runFilter(current: () => boolean): Promise<void> {
    const q = this.wantedQuery;
    if (!q) {
      this.filterQuery = undefined;
      this.ranking = undefined;
      this.rebuild();
      return;
    }
    await this.shelfService.ready();
    const results = await this.search.search(q, Math.max(1, this.shelfService.shelf.size));
    // A newer filter, or the shelf changed meanwhile: that search applies the filter wanted now.
    if (!current()) return;
    this.filterQuery = q;
    this.ranking = results.map((r) => r.id);
    await this.relayout();
  }

  clearFilter(): Promise<void> {
    return this.setFilter(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.type === 'group' ? this.groupItem(node) : this.paperItem(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      if (!this.loaded) {
        // The tree shows its progress bar while the shelf loads.
        await this.shelfService.ready().catch(() => undefined);
        if (!this.layout) this.rebuild(false);
      }
      return this.roots;
    }
    return node.type === 'group' ? this.rowsOf(node.id) : [];
  }

  /** The rows of the layout's group with this id (a node of an older layout asks for the newer one's). */
  private rowsOf(id: string): TreeNode[] {
    let rows = this.rows.get(id);
    if (rows) return rows;
    const known = this.groups.get(id);
    if (!known) return [];
    const { row: node, subgroups } = known;
    // Narrower themes first, then the theme's own papers.
    rows = [...subgroups];
    for (const entry of node.group.entries)
      rows.push({ type: 'paper', id: `${node.id}/${entry.paper.id}`, paperId: entry.paper.id, entry, parent: node });
    this.rows.set(id, rows);
    return rows;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** The rich tooltip is built only when the user hovers a row. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'paper') item.tooltip = this.paperTooltip(node.entry);
    return item;
  }

  /** The first paper row for an id (Starred before its theme), for reveal and the tests. */
  findPaperNode(id: string): PaperNode | undefined {
    const entry = this.shelfService.shelf.lookup(id);
    if (!entry) return undefined;
    const search = (nodes: readonly TreeNode[]): PaperNode | undefined => {
      for (const node of nodes) {
        if (node.type === 'paper' && node.paperId === entry.paper.id) return node;
        if (node.type === 'group') {
          // Only the group holding the paper has its rows made.
          const hit = node.group.entries.includes(entry)
            ? (this.rowsOf(node.id).find((row) => row.type === 'paper' && row.paperId === entry.paper.id) as PaperNode)
            : search(this.groups.get(node.id)?.subgroups ?? []);
          if (hit) return hit;
        }
      }
      return undefined;
    };
    return search(this.roots);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changeEmitter.dispose();
    this.stateEmitter.dispose();
  }

  private async shelfChanged(): Promise<void> {
    // Papers came, went or changed: the filter's matches may have changed too.
    if (this.wantedQuery) await this.applyFilter();
    else await this.relayout();
  }

  /** Lays the shelf out again: a large shelf a slice at a time; a newer layout (or shelf change) supersedes it. */
  private async relayout(): Promise<void> {
    const entries = this.shelfService.shelf.entries();
    if (entries.length < SLICED_FROM) return this.rebuild();
    const generation = ++this.layoutGeneration;
    const laidOut = await runStepsInSlices(
      this.layoutSteps(entries),
      yieldToHost,
      HOST_SLICE_MS,
      () => generation !== this.layoutGeneration,
    );
    if (laidOut) this.apply(laidOut.value, true);
  }

  private rebuild(fire = true): void {
    ++this.layoutGeneration;
    this.apply(runSteps(this.layoutSteps(this.shelfService.shelf.entries())), fire);
  }

  /** The layout of `entries` and the tree's nodes for it, as steps. */
  private *layoutSteps(entries: readonly ShelfEntry[]): Steps<LaidOut> {
    const { themes } = this.shelfService;
    const model = themes.model;
    const layout = yield* layoutShelfSteps(entries, this.groupByMode, {
      fallbackTheme: themes.fallback,
      ranking: this.ranking,
      themePath: model ? (theme) => model.pathOf(theme) : undefined,
    });
    const groups: GroupTable = new Map();
    // Ids change with the filter so that every group opens while filtering and returns to the
    // user's own expansion state afterwards.
    const scope = this.filterQuery ? 'filtered/' : '';
    const roots: TreeNode[] = [];
    let made = 0;
    function* addGroup(group: PaperGroup, parent?: GroupNode): Steps<GroupNode> {
      const node: GroupNode = { type: 'group', id: `${scope}${group.key}`, group, parent };
      const subgroups: GroupNode[] = [];
      for (const child of group.children ?? []) subgroups.push(yield* addGroup(child, node));
      groups.set(node.id, { row: node, subgroups });
      if ((++made & 255) === 0) yield;
      return node;
    }
    if (layout.starred) roots.push(yield* addGroup(layout.starred));
    for (const group of layout.groups) roots.push(yield* addGroup(group));
    for (const entry of layout.flat) {
      roots.push({ type: 'paper', id: `${scope}paper/${entry.paper.id}`, paperId: entry.paper.id, entry });
      if ((++made & 4095) === 0) yield;
    }
    return { layout, roots, groups };
  }

  private apply(laidOut: LaidOut, fire: boolean): void {
    this.layout = laidOut.layout;
    this.groups.clear();
    this.rows.clear();
    for (const [id, group] of laidOut.groups) this.groups.set(id, group);
    this.roots = laidOut.roots;
    if (fire) this.changeEmitter.fire();
    this.stateEmitter.fire(this.state);
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const { group } = node;
    const expanded = this.filterQuery !== undefined || group.kind === 'starred';
    const item = new vscode.TreeItem(
      group.label,
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    const count = shownIn(group);
    item.description = this.filterQuery && count !== group.total ? `${count} of ${group.total}` : String(count);
    item.contextValue = `group.${group.kind}`;
    const classifier = this.shelfService.classifierOrUndefined;
    if (group.kind === 'theme') {
      const { themes } = this.shelfService;
      item.iconPath = new vscode.ThemeIcon(themes.iconOf(group.value));
      const about = themes.describe(group.value)?.description ?? classifier?.definition(group.value)?.description;
      const terms = themes.termsOf(group.value);
      const topics = group.children?.length ? `\n${plural(group.children.length, 'topic')} inside` : '';
      item.tooltip =
        `${group.label}: ${plural(group.total, 'paper')}${topics}${about ? `\n${displayLine(about)}` : ''}` +
        (terms.length ? `\nDistinctive terms: ${displayLine(terms.join(', '))}` : '');
    } else if (group.kind === 'month') {
      item.iconPath = new vscode.ThemeIcon('calendar');
      item.tooltip = `${plural(group.total, 'paper')} first submitted in ${group.label}`;
    } else {
      item.iconPath = new vscode.ThemeIcon('star-full');
      item.tooltip = `${plural(group.total, 'starred paper')}`;
    }
    item.accessibilityInformation = {
      label: `${group.label}, ${item.description === String(count) ? plural(count, 'paper') : `${count} of ${group.total} papers match`}`,
    };
    return item;
  }

  private paperItem(node: PaperNode): vscode.TreeItem {
    const { entry } = node;
    const title = texToPlainLine(entry.paper.title);
    const item = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const month = shortMonthLabel(entry.month);
    item.description = month ? `${entry.paper.id} · ${month}` : entry.paper.id;
    item.contextValue = entry.starred ? 'paper.starred' : 'paper';
    item.iconPath = new vscode.ThemeIcon(entry.starred ? 'star-full' : 'file-text');
    item.command = { command: Commands.openSummary, title: 'Open Summary', arguments: [entry.paper.id] };
    item.accessibilityInformation = {
      label: `${title}, arXiv ${entry.paper.id}${month ? `, ${month}` : ''}, theme ${displayLine(entry.theme)}${entry.starred ? ', starred' : ''}`,
    };
    return item;
  }

  private paperTooltip(entry: ShelfEntry): vscode.MarkdownString {
    const p = entry.paper;
    const md = new vscode.MarkdownString(undefined, true);
    md.supportHtml = false;
    md.isTrusted = false;
    md.appendMarkdown(`**${escapeMarkdown(texToPlainLine(p.title))}**\n\n`);
    const facts = [
      `\`${p.id}\``,
      shortMonthLabel(entry.month),
      `$(${this.shelfService.themes.iconOf(entry.theme)}) ${escapeMarkdown(entry.theme)}`,
    ];
    if (p.authors.length)
      facts.push(
        escapeMarkdown(p.authors.length > 3 ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', ')),
      );
    md.appendMarkdown(`${facts.filter(Boolean).join(' · ')}\n\n`);
    const plain = texToPlain(p.summary, { name: shortName(p.title) }).replace(/\s+/g, ' ');
    md.appendMarkdown(escapeMarkdown(excerpt(plain, EXCERPT_CHARS)));
    return md;
  }
}

/** Papers shown in a group and its subgroups. */
function shownIn(group: PaperGroup): number {
  return group.entries.length + (group.children ?? []).reduce((n, c) => n + shownIn(c), 0);
}

/** Cuts at a word boundary and adds an ellipsis. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
