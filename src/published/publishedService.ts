// The extension's one Crossref client and what the features ask of it: the published version of
// shelf papers (for inserted and copied entries, hovers and the summary panel). The endpoint and
// the contact address come only from the user's own settings; records are cached per DOI in the
// extension's global storage, so a DOI is fetched once across sessions and windows.
import * as vscode from 'vscode';
import type { FormatOptions } from '../core/bibtex/bibtex';
import type { BibtexEntryInput } from '../core/bibtex/bibtex';
import { CrossrefClient, type CrossrefCacheStore } from '../core/published/crossref';
import type { PublishedVersion } from '../core/published/crossrefWork';
import {
  findPublishedVersion,
  findPublishedVersions,
  queryOfPaper,
  type PublishedLookup,
} from '../core/published/lookup';
import type { Paper, ShelfEntry } from '../core/model/types';
import { RateLimiter } from '../core/net/http';
import type { Log } from '../log/log';
import { settings } from '../settings/settings';

/** One file per DOI under `folder`, read and written through the editor's file system API. */
function storageCache(folder: vscode.Uri): CrossrefCacheStore {
  return {
    async read(name) {
      try {
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
      } catch {
        return undefined;
      }
    },
    async write(name, text) {
      await vscode.workspace.fs.createDirectory(folder);
      const temp = vscode.Uri.joinPath(folder, `.${name}.${Date.now()}.tmp`);
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, vscode.Uri.joinPath(folder, name), { overwrite: true });
    },
  };
}

export class PublishedService {
  private readonly limiter = new RateLimiter(250);
  private client: CrossrefClient | undefined;
  private clientKey = '';
  /** Published versions found this session, by arXiv id (hovers read it without waiting). */
  private readonly found = new Map<string, PublishedVersion | null>();

  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: Log,
  ) {}

  crossref(): CrossrefClient {
    const endpoint = settings.crossrefApiUrl();
    const mailto = settings.crossrefMailto();
    if (!this.client || this.clientKey !== `${endpoint} ${mailto}`) {
      this.clientKey = `${endpoint} ${mailto}`;
      this.client = new CrossrefClient({
        endpoint,
        mailto,
        limiter: this.limiter,
        timeoutMs: 8000,
        cache: storageCache(vscode.Uri.joinPath(this.storage, 'crossref')),
      });
    }
    return this.client;
  }

  /** Looks one paper up (cache first); the outcome is logged when it is not a plain "no DOI". */
  async lookup(paper: Paper, signal?: AbortSignal): Promise<PublishedLookup> {
    const result = await findPublishedVersion(queryOfPaper(paper), this.crossref(), { signal });
    this.remember(paper, result);
    return result;
  }

  /** What is already known of a paper's published version, without asking the network. */
  known(paper: Paper): PublishedVersion | undefined {
    return this.found.get(paper.id) ?? undefined;
  }

  /**
   * The published version of a paper for views (hovers, the summary panel): known at once, or
   * looked up when the paper has a DOI, waiting at most `waitMs` (the lookup goes on and is kept).
   */
  async versionFor(paper: Paper, waitMs: number): Promise<PublishedVersion | undefined> {
    if (this.found.has(paper.id)) return this.found.get(paper.id) ?? undefined;
    if (!paper.doi) return undefined;
    const pending = (this.pending.get(paper.id) ??
      this.lookup(paper)
        .then((r) => (r.kind === 'published' ? r.version : undefined))
        .catch(() => undefined)
        .finally(() => this.pending.delete(paper.id))) as Promise<PublishedVersion | undefined>;
    this.pending.set(paper.id, pending);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private readonly pending = new Map<string, Promise<PublishedVersion | undefined>>();

  private remember(paper: Paper, result: PublishedLookup): void {
    if (result.kind === 'published') this.found.set(paper.id, result.version);
    else if (!result.offline) this.found.set(paper.id, null);
    if (result.kind === 'preprint' && paper.doi)
      this.log.info(`Crossref: ${paper.id} stays a preprint: ${result.reason}`);
  }

  /**
   * The entries to write for `entries` in `scope`: with their published versions when the
   * `bibtex.preferPublished` setting is on, and the `bibtex.entryForm` setting's form.
   */
  async entryInputs(
    entries: readonly ShelfEntry[],
    scope?: vscode.ConfigurationScope,
  ): Promise<{ inputs: BibtexEntryInput[]; options: FormatOptions }> {
    const options: FormatOptions = { form: settings.bibtexEntryForm(scope) };
    if (!settings.bibtexPreferPublished(scope) || !entries.some((e) => e.paper.doi)) {
      return { inputs: entries.map((e) => ({ paper: e.paper, key: e.key })), options };
    }
    const lookups = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Looking up published versions on Crossref' },
      () =>
        findPublishedVersions(
          entries.map((e) => queryOfPaper(e.paper)),
          this.crossref(),
        ),
    );
    lookups.forEach((l, i) => this.remember(entries[i]!.paper, l));
    return {
      inputs: entries.map((e, i) => {
        const l = lookups[i]!;
        return { paper: e.paper, key: e.key, published: l.kind === 'published' ? l.version : undefined };
      }),
      options,
    };
  }
}
