import * as vscode from 'vscode';
import { ShelfSearch, type SearchResult } from '../core/search/search';
import { buildSteps, fitsSteps, type IndexBuild, type SerializedIndex } from '../core/search/indexFormat';
import {
  decodeIndexSteps,
  encodeIndexSteps,
  fingerprintSteps,
  indexCacheName,
  isIndexCacheName,
} from '../core/search/indexCache';
import type { ShelfEntry } from '../core/model/types';
import type { OffThreadFiles } from '../collections/offThreadReader';
import type { BuiltIndex } from '../core/search/indexJob';
import type { ShelfService } from '../shelf/shelfService';
import type { Log } from '../log/log';
import { HOST_SLICE_MS, runInHostSlices } from '../core/runtime/yieldToHost';

/** What the index is doing, for the picker ("Indexing 12,000 of 100,000 papers…") and the tree. */
export interface IndexingState {
  indexing: boolean;
  /** Papers indexed so far in the running build (equals `total` when idle). */
  indexed: number;
  total: number;
}

/** How the last finished indexing went (for the log, the benchmark and the tests). */
export interface IndexingReport {
  papers: number;
  fromCache: boolean;
  /** Patched for the few papers that changed, not built (see core/search/indexPatch). */
  patched: boolean;
  /** Built (or its cache read) in the collection worker: the host only restored the bytes. */
  offThread: boolean;
  ms: number;
  fingerprint: string;
}

/** Indexing this many papers or more has its timing written to the log. */
const LARGE_INDEX = 10_000;
/**
 * How long after the last patch (an edit) the index is built afresh and cached: a patched index
 * has empty slots and cannot be cached, and the next start should find this content's cache.
 */
const COMPACT_AFTER_MS = 10_000;
/** Below this many papers an edit is indexed afresh (as quick as a patch there, and cached at once). */
const PATCH_FROM = 1000;

/**
 * The extension's single search: the tree filter, the pickers, hovers' related lists.
 * The index follows the shelf: every change starts a rebuild that runs in short slices on
 * the extension host (the tree and hovers keep working), or restores the index from the
 * cache in global storage when the shelf's content is one it has indexed before.
 */
export class SearchService implements vscode.Disposable {
  private readonly index = new ShelfSearch();
  private readonly subscription: { dispose(): void };
  private readonly stateEmitter = new vscode.EventEmitter<IndexingState>();
  /** Fires when indexing starts, progresses (at most every ~100 ms) and ends. */
  readonly onDidChangeIndexing = this.stateEmitter.event;
  private state: IndexingState = { indexing: false, indexed: 0, total: 0 };
  /** Bumped on every shelf change; a build for an older generation is abandoned. */
  private generation = 0;
  private indexedGeneration = -1;
  private running: Promise<void> | undefined;
  private disposed = false;
  private report: IndexingReport | undefined;
  private cacheWriting: Promise<void> = Promise.resolve();
  private compactTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next indexing builds afresh (no patch): the shelf is quiet after edits. */
  private compacting = false;
  /** performance.now() at construction (during activation) and when the first index was ready. */
  readonly createdAt = performance.now();
  private firstIndexed: number | undefined;

  constructor(
    private readonly shelfService: ShelfService,
    /** Where the index cache lives (the extension's global storage); no cache when undefined. */
    private readonly storageUri?: vscode.Uri,
    /** Where failures and the timings of large builds are written (none: the tests' own services). */
    private readonly log?: Log,
    /** The collection worker, which builds the index of a shelf made mostly of its papers (Node hosts). */
    private readonly offThread?: OffThreadFiles,
  ) {
    this.subscription = shelfService.shelf.onDidChange(() => {
      this.generation++;
      void this.schedule();
    });
  }

  get indexing(): boolean {
    return this.state.indexing;
  }

  get indexingState(): IndexingState {
    return { ...this.state };
  }

  get lastIndexing(): IndexingReport | undefined {
    return this.report;
  }

  /** Milliseconds from this service's creation (activation) until its first index could answer. */
  get firstIndexedAfterMs(): number | undefined {
    return this.firstIndexed === undefined ? undefined : this.firstIndexed - this.createdAt;
  }

  /** Resolves when the index reflects the shelf as it is now. */
  async ready(): Promise<void> {
    await this.shelfService.ready();
    while (!this.disposed && this.indexedGeneration !== this.generation) await this.schedule();
  }

  /** The best `limit` papers for a query, once the index is up to date. */
  async search(query: string, limit = 50): Promise<SearchResult[]> {
    await this.ready();
    return this.index.search(query, { limit });
  }

  /** Answers at once from the index as it is (possibly one shelf change behind, empty before the first build). */
  searchNow(query: string, limit = 50): SearchResult[] {
    return this.index.search(query, { limit });
  }

  async related(id: string, limit = 5): Promise<SearchResult[]> {
    await this.ready();
    return this.index.related(id, limit);
  }

  private schedule(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      await this.shelfService.ready();
    } catch {
      // The shelf service reports its own failure; index whatever it holds.
    }
    while (!this.disposed && this.indexedGeneration !== this.generation) {
      const generation = this.generation;
      const entries = this.shelfService.shelf.entries();
      try {
        if (await this.indexEntries(entries, generation)) this.indexedGeneration = generation;
      } catch (err) {
        this.log?.error('Indexing the shelf failed', err);
        this.indexedGeneration = generation; // do not spin; the next shelf change retries
      }
    }
    this.setState({ indexing: false, indexed: this.index.size, total: this.index.size }, true);
  }

  /** Indexes `entries` (from the cache when possible); false when a newer shelf change overtook it. */
  private async indexEntries(entries: readonly ShelfEntry[], generation: number): Promise<boolean> {
    const started = performance.now();
    // A few papers changed (an edit of a collection file): the index is patched for them at once.
    if (this.report && !this.compacting && this.index.size >= PATCH_FROM && this.index.update(entries)) {
      this.report = {
        papers: entries.length,
        fromCache: false,
        patched: true,
        offThread: false,
        ms: performance.now() - started,
        fingerprint: '',
      };
      this.scheduleCompaction();
      return true;
    }
    const stale = () => this.disposed || generation !== this.generation;
    this.setState({ indexing: true, indexed: 0, total: entries.length }, true);

    const worker = await this.buildInWorker(entries);
    if (stale()) return false;
    let digest: string;
    let restore: IndexBuild | undefined;
    if (worker) digest = worker.fingerprint;
    else {
      const fingerprinted = await runInHostSlices(fingerprintSteps(entries), stale);
      if (!fingerprinted) return false;
      digest = fingerprinted.value;
      restore = await this.readCache(entries, digest);
      if (stale()) return false;
    }
    const build = worker?.build ?? restore ?? this.index.beginBuild(entries);
    let lastProgress = performance.now();
    const progress = () => {
      if (performance.now() - lastProgress <= 100) return;
      lastProgress = performance.now();
      this.setState({ indexing: true, indexed: build.indexed, total: build.total }, true);
    };
    if (!(await runInHostSlices(buildSteps(build, HOST_SLICE_MS, progress), stale))) return false;
    const fromCache = restore !== undefined || worker?.fromCache === true;
    this.report = {
      papers: entries.length,
      fromCache,
      patched: false,
      offThread: worker !== undefined,
      ms: performance.now() - started,
      fingerprint: digest,
    };
    if (entries.length >= LARGE_INDEX)
      this.log?.info(
        `Indexed ${entries.length.toLocaleString('en-US')} papers ${fromCache ? 'from the cache ' : ''}${worker ? 'in the worker ' : ''}in ${Math.round(this.report.ms)} ms.`,
      );
    this.firstIndexed ??= performance.now();
    this.compacting = false;
    // The worker's bytes are already the cache's format: stored as they are. Not while themes are
    // being discovered, which file every paper again: that content's index would never be asked for.
    if (!fromCache && !this.shelfService.discoveringThemes) this.cacheWriting = this.writeCache(digest, worker?.bytes);
    return true;
  }

  /**
   * A shelf made mostly of large files' papers is fingerprinted, looked up in the cache and indexed
   * in the collection worker; the host restores the bytes it sends as it restores a cache.
   * Undefined: index on the host (no worker, too few of its papers, or its papers changed meanwhile).
   */
  private async buildInWorker(
    entries: readonly ShelfEntry[],
  ): Promise<(BuiltIndex & { build: IndexBuild }) | undefined> {
    const offThread = this.offThread;
    // Built at once, even when themes are about to be discovered (their discovery in the worker
    // waits for this index, see activate): searchable first, indexed again once they are filed.
    if (!offThread || !(await offThread.holdsMostOf(entries))) return undefined;
    const cacheFolder = this.storageUri?.scheme === 'file' ? this.storageUri.fsPath : undefined;
    const built = await offThread.index(entries, cacheFolder)?.catch((err: unknown) => {
      this.log?.warn('The collection worker could not index the shelf; indexing on the host', err);
      return undefined;
    });
    const data = built && (await this.decode(built.bytes, built.fingerprint, entries));
    const build = data && this.index.beginRestore(entries, data, true);
    return build && { ...built!, build };
  }

  private scheduleCompaction(): void {
    clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => void this.compact(), COMPACT_AFTER_MS);
  }

  /** Builds the index afresh for the shelf as it is (and caches it), after edits were patched in. */
  private async compact(): Promise<void> {
    clearTimeout(this.compactTimer);
    this.compactTimer = undefined;
    if (this.disposed) return;
    this.compacting = true;
    this.generation++;
    await this.ready();
  }

  /** Where index caches are kept (undefined: no cache). */
  get cacheDirectory(): vscode.Uri | undefined {
    return this.storageUri;
  }

  /** Resolves when the last cache write (if any) has finished; a pending build after edits runs now. */
  async cacheSettled(): Promise<void> {
    while (this.compactTimer !== undefined) await this.compact();
    await this.cacheWriting;
  }

  /** The cache file for a shelf content fingerprint. */
  cacheUri(fingerprint: string): vscode.Uri | undefined {
    return this.storageUri && vscode.Uri.joinPath(this.storageUri, indexCacheName(fingerprint));
  }

  private async readCache(entries: readonly ShelfEntry[], fingerprint: string): Promise<IndexBuild | undefined> {
    const uri = this.cacheUri(fingerprint);
    if (!uri) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined; // no cache for this content yet
    }
    const data = await this.decode(bytes, fingerprint, entries);
    return data && this.index.beginRestore(entries, data, true);
  }

  /**
   * A cache's bytes decoded in slices (splitting 350,000 words at once kept the host waiting most of
   * a second), and found to fit `entries` in slices too; undefined when they do not.
   */
  private async decode(
    bytes: Uint8Array,
    fingerprint: string,
    entries: readonly ShelfEntry[],
  ): Promise<SerializedIndex | undefined> {
    const stop = () => this.disposed;
    const data = (await runInHostSlices(decodeIndexSteps(bytes, fingerprint), stop))?.value;
    return data && (await runInHostSlices(fitsSteps(entries, data), stop))?.value ? data : undefined;
  }

  /** Stores the index for this content (`encoded`: already in the cache's format) and removes caches of earlier content. */
  private async writeCache(fingerprint: string, encoded?: Uint8Array): Promise<void> {
    const uri = this.cacheUri(fingerprint);
    if (!uri || !this.storageUri || !this.index.compact) return;
    try {
      // Encoded a step at a time (the copies of a 90 MB cache would block the host at once).
      const bytes =
        encoded ??
        (await runInHostSlices(encodeIndexSteps(this.index.serialize(), fingerprint), () => this.disposed))?.value;
      if (!bytes) return;
      await vscode.workspace.fs.createDirectory(this.storageUri);
      await vscode.workspace.fs.writeFile(uri, bytes);
      for (const [name] of await vscode.workspace.fs.readDirectory(this.storageUri)) {
        if (isIndexCacheName(name) && name !== indexCacheName(fingerprint)) {
          await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.storageUri, name)).then(undefined, () => undefined);
        }
      }
    } catch (err) {
      // A missing cache only costs the next start a rebuild.
      this.log?.warn('Could not write the search index cache', err);
    }
  }

  private setState(state: IndexingState, fire: boolean): void {
    const changed =
      state.indexing !== this.state.indexing ||
      state.indexed !== this.state.indexed ||
      state.total !== this.state.total;
    this.state = state;
    if (fire && changed && !this.disposed) this.stateEmitter.fire({ ...state });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.compactTimer);
    this.subscription.dispose();
    this.stateEmitter.dispose();
  }
}
