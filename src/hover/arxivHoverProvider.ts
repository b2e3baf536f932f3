import type { PublishedService } from '../published/publishedService';
import * as vscode from 'vscode';
import { findArxivIds, type ArxivIdMatch } from '../core/arxiv/arxivId';
import { findCiteKeys, type CiteKeyMatch } from '../core/cite/citeKeys';
import { entryHover, unknownIdHover, type HoverCommands, type HoverContent } from '../core/present/hoverContent';
import { Commands } from '../commandIds';
import type { ShelfService } from '../shelf/shelfService';
import { settings } from '../settings/settings';

/** How far around the cursor a hover looks: ids and cite keys are far shorter. */
const WINDOW = 256;

/** The roles a hover links to, and the extension's command for each. */
const HOVER_COMMANDS: Required<HoverCommands> = {
  openSummary: Commands.openSummary,
  insertCitation: Commands.insertCitation,
  copyBibtex: Commands.copyBibtex,
  openPdf: Commands.openPdf,
  addPaper: Commands.addPaper,
};

/**
 * Hovers on arXiv ids (any form) and on cite keys of shelf papers, in any document. Reads only a
 * window of the hovered line; never the whole document.
 */
/** How long a hover on an id not (yet) on the shelf waits for collection files being loaded. */
const LOADING_WAIT_MS = 1500;

async function settledWithin(shelfService: ShelfService, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    shelfService.settled().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

/** How long a hover waits for Crossref the first time a paper with a DOI is hovered. */
const HOVER_WAIT_MS = 800;

export class ArxivHoverProvider implements vscode.HoverProvider {
  private available: Promise<HoverCommands> | undefined;

  constructor(
    private readonly shelfService: ShelfService,
    private readonly published?: PublishedService,
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    if (!settings.hoverEnabled(document)) return undefined;
    const line = document.lineAt(position.line).text;
    const from = Math.max(0, position.character - WINDOW);
    const to = Math.min(line.length, position.character + WINDOW);
    const text = line.slice(from, to);
    const offset = position.character - from;

    const id = idAt(text, offset, from > 0, to < line.length);
    const cite = id ? undefined : citeKeyAt(text, offset, from > 0, to < line.length);
    if (!id && !cite) return undefined;

    // A paper on the shelf is shown at once, even while a large collection is still loading. One
    // not found yet may be in a file being read (just added): wait a little for it, not for all.
    const shelf = this.shelfService.shelf;
    const onShelf = () => (id ? shelf.get(id.id) : shelf.byKey(cite!.key)) !== undefined;
    await this.shelfService.ready().catch(() => undefined);
    if (!onShelf()) await settledWithin(this.shelfService, LOADING_WAIT_MS);
    if (token.isCancellationRequested) return undefined;
    const commands = await this.availableCommands();
    const { themes } = this.shelfService;

    let content: HoverContent;
    const { start, end } = id ?? cite!;
    // "Cite" acts right after what the pointer rests on, in this document.
    const citeAt = { uri: document.uri.toString(), line: position.line, character: from + end };
    if (id) {
      const entry = shelf.get(id.id);
      content = entry
        ? entryHover(entry, {
            commands,
            version: id.version,
            themeIcon: themes.iconOf(entry.theme),
            published: await this.published?.versionFor(entry.paper, HOVER_WAIT_MS),
            citeAt,
          })
        : unknownIdHover(id.id, { commands, version: id.version });
    } else {
      const entry = shelf.byKey(cite!.key);
      if (!entry) return undefined;
      content = entryHover(entry, {
        commands,
        themeIcon: themes.iconOf(entry.theme),
        published: await this.published?.versionFor(entry.paper, HOVER_WAIT_MS),
        citeAt,
      });
    }
    const range = new vscode.Range(position.line, from + start, position.line, from + end);
    return new vscode.Hover(toMarkdownString(content), range);
  }

  /** Our commands that are registered (cached: they are all registered during activation). */
  private availableCommands(): Promise<HoverCommands> {
    this.available ??= Promise.resolve(vscode.commands.getCommands(true)).then((all) => {
      const registered = new Set(all);
      const out: HoverCommands = {};
      for (const [role, id] of Object.entries(HOVER_COMMANDS) as [keyof HoverCommands, string][]) {
        if (registered.has(id)) out[role] = id;
      }
      return out;
    });
    return this.available;
  }
}

/** A MarkdownString that trusts exactly the commands the content links to, and no HTML. */
function toMarkdownString(content: HoverContent): vscode.MarkdownString {
  const md = new vscode.MarkdownString(content.markdown, true);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: content.enabledCommands };
  return md;
}

/**
 * The id under `offset` in a window of a line. A match touching an edge where the window cut
 * the line is ignored: it may be the tail of something longer.
 */
function idAt(text: string, offset: number, cutLeft: boolean, cutRight: boolean): ArxivIdMatch | undefined {
  return findArxivIds(text).find((m) => covers(m, text, offset, cutLeft, cutRight));
}

function citeKeyAt(text: string, offset: number, cutLeft: boolean, cutRight: boolean): CiteKeyMatch | undefined {
  return findCiteKeys(text).find((m) => covers(m, text, offset, cutLeft, cutRight));
}

/** The character at `offset` (the one under the mouse) belongs to the match, which was not cut. */
function covers(
  m: { start: number; end: number },
  text: string,
  offset: number,
  cutLeft: boolean,
  cutRight: boolean,
): boolean {
  return m.start <= offset && offset < m.end && !(cutLeft && m.start === 0) && !(cutRight && m.end === text.length);
}
