import type { PublishedService } from '../published/publishedService';
import type { PublishedVersion } from '../core/published/crossrefWork';
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { shortName, texToPlainLine } from '../core/tex/texText';
import type { ShelfEntry } from '../core/model/types';
import type { Log } from '../log/log';
import type { SearchService } from '../search/searchService';
import type { ShelfService } from '../shelf/shelfService';
import { isPageMessage, isPanelState } from './protocol';
import { missingPage, summaryPage, type PanelAction, type RelatedPaper } from '../core/present/summaryHtml';
import { makeNonce } from './nonce';
import { Newest } from '../core/runtime/newest';

export const SUMMARY_VIEW_TYPE = 'paperShelf.summary';
const RELATED_COUNT = 5;
const SHOWN_KEY = 'paperShelf.summary.paperId';

/** The panel's actions, in order; only those whose command is registered are shown. */
const ACTIONS: readonly PanelAction[] = [
  {
    command: Commands.insertCitation,
    label: 'Insert Citation',
    description: 'Insert a citation of this paper into the last active editor',
  },
  {
    command: Commands.insertBibtex,
    label: 'Insert BibTeX',
    description: 'Insert the BibTeX entry of this paper into the last active editor',
  },
  {
    command: Commands.insertLink,
    label: 'Insert Link',
    description: 'Insert a link to this paper into the last active editor',
  },
  {
    command: Commands.copyBibtex,
    label: 'Copy BibTeX',
    description: 'Copy the BibTeX entry of this paper to the clipboard',
  },
  { command: Commands.openAbs, label: 'arXiv Page', description: 'Open the abstract page on arxiv.org' },
  { command: Commands.openPdf, label: 'PDF', description: 'Open the PDF on arxiv.org' },
];

/**
 * The one summary panel: reused as the user clicks through papers, restored after a window
 * reload by its serializer, re-rendered when the shelf changes the paper it shows.
 */
/**
 * How long the panel waits for the related papers and the published version before it draws the
 * paper without them (and again once they are known): on a large shelf still being indexed, the
 * related papers can take many seconds, and the paper itself should show at once.
 */
const FIRST_DRAW_MS = 300;
/** How long the panel waits for Crossref's answer about a paper with a DOI (the paper already shows). */
const PUBLISHED_WAIT_MS = 10_000;

export class SummaryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private paperId: string | undefined;
  /** Renders: one a newer one superseded (another paper, or the shelf changed) waits for it. */
  private readonly renders = new Newest();
  /** The text editor the user worked in last: the panel's insert actions write there. */
  private lastEditor: vscode.TextEditor | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;
  private readonly renderedEmitter = new vscode.EventEmitter<string | undefined>();
  /** Fires each time the page is drawn (with the paper id shown): at once, and again when what it waited for came later. */
  readonly onDidRender = this.renderedEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly shelfService: ShelfService,
    private readonly search: SearchService,
    /** Remembers the paper shown, in case the page's own state lags behind after a reload. */
    private readonly workspaceState?: vscode.Memento,
    private readonly log?: Log,
    private readonly published?: PublishedService,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'media');
    const subscription = shelfService.shelf.onDidChange(() => {
      if (this.panel && this.paperId) void this.render();
    });
    this.subscriptions.push(
      new vscode.Disposable(() => subscription.dispose()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.lastEditor = editor;
      }),
    );
    this.lastEditor = vscode.window.activeTextEditor;
  }

  /** The paper the panel shows, if the panel is open. */
  get current(): { paperId: string; title: string } | undefined {
    if (!this.panel || !this.paperId) return undefined;
    const entry = this.shelfService.shelf.get(this.paperId);
    return { paperId: this.paperId, title: entry ? texToPlainLine(entry.paper.title) : '' };
  }

  /** The page's HTML as last rendered (tests read the title and actions from it). */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Shows a paper, reusing the panel when one is open. */
  async show(entry: ShelfEntry, options: { preserveFocus?: boolean } = {}): Promise<void> {
    this.paperId = entry.paper.id;
    if (this.panel) {
      this.panel.reveal(undefined, options.preserveFocus);
    } else {
      this.adopt(
        vscode.window.createWebviewPanel(
          SUMMARY_VIEW_TYPE,
          panelTitle(entry),
          { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus },
          this.webviewOptions(),
        ),
      );
    }
    await this.render();
  }

  /** Takes over a panel VS Code restored after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = this.webviewOptions();
    this.panel?.dispose();
    this.adopt(panel);
    const remembered = this.workspaceState?.get<string>(SHOWN_KEY);
    this.paperId = remembered ?? (isPanelState(state) ? state.paperId : undefined);
    await this.shelfService.ready().catch(() => undefined);
    if (this.paperId) await this.render();
    else panel.dispose();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.renderedEmitter.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [this.mediaRoot] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const disposables: vscode.Disposable[] = [];
    panel.webview.onDidReceiveMessage((message) => void this.handleMessage(message), undefined, disposables);
    panel.onDidDispose(
      () => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.paperId = undefined;
          // Closed by the user (or the window): nothing to restore. A reload does not dispose it.
          void this.workspaceState?.update(SHOWN_KEY, undefined);
        }
        for (const d of disposables) d.dispose();
      },
      undefined,
      disposables,
    );
  }

  /**
   * Draws the page for the paper asked for. Resolves once the page shows it: when the shelf changed
   * (or another paper was asked for) while this render waited, with the newer render.
   */
  private render(): Promise<void> {
    return this.renders.run((current) => this.draw(current));
  }

  private async draw(current: () => boolean): Promise<void> {
    const panel = this.panel;
    const id = this.paperId;
    if (!panel || !id) return;
    const webview = panel.webview;
    const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.css')).toString();
    const entry = this.shelfService.shelf.get(id);
    if (!entry) {
      panel.title = 'Not on the shelf';
      webview.html = missingPage(id, webview.cspSource, styleUri, makeNonce());
      this.renderedEmitter.fire(undefined);
      return;
    }
    const actions = await this.availableActions();
    if (!current() || this.panel !== panel) return;
    // The related papers wait for the index to follow the shelf, the published version for
    // Crossref: the paper is drawn without what is not known yet, and again once it is.
    let related: RelatedPaper[] | undefined;
    let published = this.published?.known(entry.paper);
    const rest = Promise.all([
      this.related(entry).then((found) => (related = found)),
      this.published?.versionFor(entry.paper, PUBLISHED_WAIT_MS).then((found) => (published = found)),
    ]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const allKnown = await Promise.race([
      rest.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), FIRST_DRAW_MS))),
    ]);
    clearTimeout(timer);
    if (!current() || this.panel !== panel) return;
    this.paint(panel, entry, actions, related, published);
    if (allKnown) return;
    await rest;
    if (!current() || this.panel !== panel) return;
    this.paint(panel, entry, actions, related, published);
  }

  /** Puts the page of `entry` in the panel; `related` undefined: still being found. */
  private paint(
    panel: vscode.WebviewPanel,
    entry: ShelfEntry,
    actions: PanelAction[],
    related: RelatedPaper[] | undefined,
    published: PublishedVersion | undefined,
  ): void {
    const webview = panel.webview;
    panel.title = panelTitle(entry);
    void this.workspaceState?.update(SHOWN_KEY, entry.paper.id);
    webview.html = summaryPage({
      entry,
      published,
      actions,
      related,
      themePath: this.shelfService.themes.model?.pathOf(entry.theme),
      themeTerms: this.shelfService.themes.termsOf(entry.theme),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'panel.js')).toString(),
      nonce: makeNonce(),
    });
    this.renderedEmitter.fire(entry.paper.id);
  }

  private async availableActions(): Promise<PanelAction[]> {
    const registered = new Set(await vscode.commands.getCommands(true));
    return ACTIONS.filter((a) => registered.has(a.command));
  }

  private async related(entry: ShelfEntry): Promise<RelatedPaper[]> {
    try {
      const results = await this.search.related(entry.paper.id, RELATED_COUNT);
      return results
        .map((r) => this.shelfService.shelf.get(r.id))
        .filter((e): e is ShelfEntry => e !== undefined && e.paper.id !== entry.paper.id)
        .map((e) => ({ id: e.paper.id, title: e.paper.title, theme: e.theme, month: e.month }));
    } catch (err) {
      this.log?.error(`Finding the papers related to ${entry.paper.id} failed`, err);
      return [];
    }
  }

  /**
   * While the panel has the focus there is no active text editor; an insert from the panel means
   * the editor the user came from (if it is still open), so it becomes active again first.
   */
  private async focusLastEditor(): Promise<void> {
    const last = this.lastEditor;
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme !== 'output');
    const shown = visible.find((e) => e === last || e.document === last?.document);
    if (shown) {
      await vscode.window.showTextDocument(shown.document, { viewColumn: shown.viewColumn, preserveFocus: false });
    } else if (last && !last.document.isClosed) {
      // The panel covers it in the same editor group: bring the document back to the front.
      await vscode.window.showTextDocument(last.document, {
        viewColumn: last.viewColumn ?? vscode.ViewColumn.Active,
        preserveFocus: false,
      });
    } else if (visible[0]) {
      await vscode.window.showTextDocument(visible[0].document, {
        viewColumn: visible[0].viewColumn,
        preserveFocus: false,
      });
    }
  }

  /** Acts on what the page posts (public so the tests can press the page's buttons). */
  async handleMessage(message: unknown): Promise<void> {
    if (!isPageMessage(message) || !this.paperId) return;
    if (message.type === 'link') {
      await openPageLink(message.href);
      return;
    }
    if (message.type === 'open') {
      const entry = this.shelfService.shelf.get(message.id);
      if (entry) await this.show(entry);
      else void vscode.window.showWarningMessage(`Paper ${message.id} is no longer on the shelf.`);
      return;
    }
    // Only the actions the page was given, for the paper the panel shows.
    if (!ACTIONS.some((a) => a.command === message.command)) return;
    try {
      if (INSERTS.has(message.command)) await this.focusLastEditor();
      await vscode.commands.executeCommand(message.command, this.paperId);
    } catch (err) {
      void vscode.window.showErrorMessage(`Paper Shelf: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/**
 * Opens a link of the page through VS Code's opener, which asks before opening a site the user
 * has not trusted (Configure Trusted Domains). Only http(s) links: the page has no other kind.
 */
async function openPageLink(href: string): Promise<boolean> {
  if (!/^https?:\/\/[^\s<>"]+$/i.test(href)) return false;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return false;
  }
  return vscode.env.openExternal(uri);
}

/** Actions that write into a document: the panel hands the focus back to the editor first. */
const INSERTS = new Set<string>([Commands.insertCitation, Commands.insertBibtex, Commands.insertLink]);

function panelTitle(entry: ShelfEntry): string {
  const title = texToPlainLine(entry.paper.title);
  const name = shortName(title);
  if (name) return name;
  return title.length > 32 ? `${title.slice(0, 31).trimEnd()}…` : title;
}
