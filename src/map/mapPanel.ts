import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { mapPage } from '../core/present/mapHtml';
import { MAX_MAP_POINTS, mapModelSteps, type MapModel } from '../core/map/mapModel';
import { isMapPageMessage, type MapHostMessage, type PageColours } from '../core/map/mapMessages';
import { mapSvg } from '../core/map/svg';
import { runStepsInSlices, yieldToHost } from '../core/runtime/yieldToHost';
import { UNCLASSIFIED_THEME } from '../core/shelf/shelfFactory';
import { describeFileError } from '../core/runtime/safeReplace';
import type { ShelfService } from '../shelf/shelfService';
import type { PaperTreeProvider } from '../tree/paperTree';
import { makeNonce } from '../panel/nonce';

export const MAP_VIEW_TYPE = 'paperShelf.map';
/** How long the layout works before letting the extension host breathe. */
const SLICE_MS = 25;
/** Shelf changes come in bursts (a collection file saved, a reload): redraw once they settle. */
const REBUILD_DELAY_MS = 400;

/**
 * The one map panel: the shelf's papers placed by topic (core/map), drawn by the page script
 * (dist/webview/map.js). Rebuilt when the shelf changes, told about the tree's filter, restored
 * after a window reload by its serializer (the page keeps its own selection and zoom).
 */
export class MapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private model: MapModel | undefined;
  private fallbackTheme = UNCLASSIFIED_THEME;
  private generation = 0;
  private pageReady = false;
  private rebuildTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly postedEmitter = new vscode.EventEmitter<MapHostMessage>();
  private readonly savedEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a message went to the page (the tests wait for the model). */
  readonly onDidPost = this.postedEmitter.event;
  /** Fires after an export was written. */
  readonly onDidSave = this.savedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly shelfService: ShelfService,
    private readonly tree: PaperTreeProvider,
  ) {
    const shelfChange = shelfService.shelf.onDidChange(() => this.scheduleRebuild());
    this.subscriptions.push(
      new vscode.Disposable(() => shelfChange.dispose()),
      tree.onDidChangeState(() => this.postFilter()),
    );
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** The model the page was given last (the tests compare it with the shelf). */
  get currentModel(): MapModel | undefined {
    return this.model;
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      MAP_VIEW_TYPE,
      'Map of the Shelf',
      { viewColumn: vscode.ViewColumn.Active },
      this.webviewOptions(),
    );
    this.adopt(panel);
    await this.build();
  }

  /** Takes over a panel VS Code restored after a reload. */
  async restore(panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = this.webviewOptions();
    this.panel?.dispose();
    this.adopt(panel);
    await this.build();
  }

  /** Asks the page for an export (it knows the colours it draws with); opens the map first if needed. */
  async requestExport(format: 'svg' | 'png'): Promise<void> {
    if (!this.panel) await this.show();
    await this.whenReady();
    this.post({ type: 'export', format });
  }

  /** Writes the map as SVG to `uri` (the export, and the tests without a save dialog). */
  async writeSvg(uri: vscode.Uri, colours?: PageColours): Promise<void> {
    const model = this.model ?? (await this.build());
    if (!model) throw new Error('The map is not ready yet.');
    const kind = colours && isDarkColour(colours.background) ? 'dark' : 'light';
    const svg = mapSvg(model, { fallbackTheme: this.fallbackTheme, kind, colours });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(svg));
    this.savedEmitter.fire(uri);
  }

  dispose(): void {
    clearTimeout(this.rebuildTimer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.postedEmitter.dispose();
    this.savedEmitter.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [this.mediaUri(), this.scriptRoot()],
    };
  }

  private mediaUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'media');
  }

  private scriptRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.pageReady = false;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.mediaUri(), 'shelf.svg'),
      dark: vscode.Uri.joinPath(this.mediaUri(), 'shelf.svg'),
    };
    const webview = panel.webview;
    const nonce = makeNonce();
    webview.html = mapPage({
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'map.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.scriptRoot(), 'map.js')).toString(),
      nonce,
    });
    const disposables: vscode.Disposable[] = [];
    webview.onDidReceiveMessage((message) => void this.handleMessage(message), undefined, disposables);
    panel.onDidDispose(
      () => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.pageReady = false;
        }
        for (const d of disposables) d.dispose();
      },
      undefined,
      disposables,
    );
  }

  private scheduleRebuild(): void {
    if (!this.panel) {
      this.model = undefined;
      return;
    }
    clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => void this.build(), REBUILD_DELAY_MS);
  }

  /** Lays the shelf out in slices (the host stays responsive at 100,000 papers) and sends it to the page. */
  private async build(): Promise<MapModel | undefined> {
    const generation = ++this.generation;
    await this.shelfService.ready().catch(() => undefined);
    const entries = this.shelfService.shelf.entries();
    const fallbackTheme = this.shelfService.classifierOrUndefined?.taxonomy.fallback ?? UNCLASSIFIED_THEME;
    const steps = mapModelSteps(entries, { fallbackTheme, maxPoints: MAX_MAP_POINTS });
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Paper Shelf: laying out ${entries.length} papers` },
      () => runStepsInSlices(steps, yieldToHost, SLICE_MS, () => generation !== this.generation),
    );
    if (!outcome || generation !== this.generation) return undefined;
    this.model = outcome.value;
    this.fallbackTheme = fallbackTheme;
    if (this.pageReady) this.postModel();
    return this.model;
  }

  private post(message: MapHostMessage): void {
    if (!this.panel) return;
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (delivered) this.postedEmitter.fire(message);
    });
  }

  private postModel(): void {
    if (!this.model) return;
    this.post({ type: 'model', model: this.model, fallbackTheme: this.fallbackTheme });
    this.postFilter();
  }

  private postFilter(): void {
    if (!this.panel || !this.pageReady) return;
    const matches = this.tree.matches;
    this.post(
      this.tree.filter !== undefined && matches
        ? { type: 'filter', query: this.tree.filter, ids: [...matches] }
        : { type: 'filter' },
    );
  }

  private whenReady(): Promise<void> {
    if (this.pageReady && this.model) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.onDidPost((m) => {
        if (m.type !== 'model') return;
        sub.dispose();
        resolve();
      });
    });
  }

  /** Acts on what the page posts (public so the tests can drive it without a mouse). */
  async handleMessage(message: unknown): Promise<void> {
    if (!isMapPageMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        if (this.model) this.postModel();
        return;
      case 'open': {
        const entry = this.shelfService.shelf.get(message.id);
        if (entry) await vscode.commands.executeCommand(Commands.openSummary, entry.paper.id);
        else void vscode.window.showWarningMessage(`Paper ${message.id} is no longer on the shelf.`);
        return;
      }
      case 'exportSvg':
        return this.saveAs('svg', (uri) => this.writeSvg(uri, message.colours));
      case 'exportPng': {
        const base64 = message.dataUrl.slice(message.dataUrl.indexOf(',') + 1);
        return this.saveAs('png', async (uri) => {
          // atob, not Buffer: the web build (a browser worker) has no Buffer.
          await vscode.workspace.fs.writeFile(
            uri,
            Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
          );
          this.savedEmitter.fire(uri);
        });
      }
    }
  }

  private async saveAs(format: 'svg' | 'png', write: (uri: vscode.Uri) => Promise<void>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `shelf-map.${format}`;
    const uri = await vscode.window.showSaveDialog({
      title: format === 'svg' ? 'Export Map as SVG' : 'Export Map as PNG',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: 'Export',
    });
    if (!uri) return;
    try {
      await write(uri);
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      void vscode.window.showInformationMessage(`Paper Shelf: the map was saved to ${name}.`);
    } catch (err) {
      void vscode.window.showErrorMessage(`Paper Shelf could not save the map: ${describeFileError(err)}`);
    }
  }
}

/** Whether a CSS colour (#rgb, #rrggbb, rgb()) is dark; anything else counts as light. */
function isDarkColour(colour: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})/i.exec(colour.trim());
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(colour.trim());
  let channels: number[] | undefined;
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    channels = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else if (rgb) channels = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  if (!channels) return false;
  return 0.299 * channels[0] + 0.587 * channels[1] + 0.114 * channels[2] < 128;
}
