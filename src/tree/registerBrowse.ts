import * as vscode from 'vscode';
import type { GroupBy } from '../core/shelf/grouping';
import type { Services } from '../services';
import { registerOpenPaperCommands } from '../commands/openPaper';
import { SUMMARY_VIEW_TYPE, SummaryPanel } from '../panel/summaryPanel';
import { GROUP_BY_KEY, PaperTreeProvider, type TreeNode, type TreeState } from './paperTree';
import { registerTreeCommands } from './treeCommands';

const PAPERS_VIEW_ID = 'paperShelf.papers';

/** What browsing exposes to the integration tests (through PaperShelfApi.browse). */
export interface BrowseApi {
  readonly tree: PaperTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly panel: SummaryPanel;
  /** The grouping remembered for this workspace (what the next window will show). */
  storedGroupBy(): string | undefined;
}

/**
 * The view's title says how the papers are grouped. The title, not the description: when the
 * view is the only one in its container (as it is by default), VS Code hides the view's own
 * header, description included, and shows "PAPER SHELF: <view title>" instead; short, so
 * "PAPER SHELF: BY THEME" fits beside the view's actions in a side bar of the default width.
 */
export const GROUP_TITLE: Record<GroupBy, string> = {
  theme: 'By Theme',
  month: 'By Month',
  none: 'Flat List',
};

/** The sidebar tree, its commands, the summary panel and its serializer. */
export function registerBrowse(services: Services): BrowseApi {
  const { context, shelfService, search } = services;
  const tree = new PaperTreeProvider(shelfService, search, context.workspaceState);
  const treeView = vscode.window.createTreeView(PAPERS_VIEW_ID, {
    treeDataProvider: tree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const panel = new SummaryPanel(
    context.extensionUri,
    shelfService,
    search,
    context.workspaceState,
    services.log,
    services.published,
  );

  const showState = (state: TreeState) => {
    // The view's message carries the active query; welcome content covers the empty cases.
    treeView.message = state.filter
      ? state.shown
        ? `Filter “${state.filter}”: ${state.shown} of ${state.total} papers`
        : `Filter “${state.filter}”: no paper matches`
      : undefined;
    treeView.title = GROUP_TITLE[state.groupBy];
    void vscode.commands.executeCommand('setContext', 'paperShelf.groupBy', state.groupBy);
    void vscode.commands.executeCommand('setContext', 'paperShelf.filtered', state.filter !== undefined);
    void vscode.commands.executeCommand(
      'setContext',
      'paperShelf.filterEmpty',
      state.filter !== undefined && state.shown === 0,
    );
  };
  showState(tree.state);

  context.subscriptions.push(
    tree,
    treeView,
    panel,
    tree.onDidChangeState(showState),
    vscode.window.registerWebviewPanelSerializer(SUMMARY_VIEW_TYPE, {
      deserializeWebviewPanel: (webviewPanel, state) => panel.restore(webviewPanel, state),
    }),
    ...registerTreeCommands(tree),
    ...registerOpenPaperCommands(services, panel),
  );
  return { tree, treeView, panel, storedGroupBy: () => context.workspaceState.get<string>(GROUP_BY_KEY) };
}
