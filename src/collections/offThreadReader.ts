// The extension host's side of the collection worker (collectionWorker.ts): large collection
// files on the local disk are read, decoded and parsed there, and only the papers the shelf
// does not have yet come back, in batches; the search index of a shelf made mostly of those
// papers is built there too, and comes back as one transferred buffer. Node extension hosts
// only: where no worker can be started (a web extension host, a worker that fails to start)
// WorkspaceCollections reads and SearchService indexes on the host in slices, as before.
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { Paper, ShelfEntry } from '../core/model/types';
import {
  assembleReadSteps,
  papersOfBatch,
  STALE,
  type BatchThemes,
  type ThemesAsked,
  type AssembledRead,
  type ReaderReply,
  type ReaderRequest,
} from '../core/collection/readerProtocol';
import { describeEntriesSteps, holdsMostSteps, type BuiltIndex, type EntryTable } from '../core/search/indexJob';
import { runStepsInSlices, yieldToHost, type Steps } from '../core/runtime/yieldToHost';
import type { Discovered, DiscoveryInput } from '../core/shelf/discoveryJob';
import type { ThemesSpec } from '../core/shelf/shelfThemes';

/** Files at least this large are read in the worker (smaller ones are quicker on the host). */
export const OFF_THREAD_FROM_BYTES = 4 * 1024 * 1024;
/** The index and themes are worked out in the worker when at most this many papers (or a tenth of the shelf) must be copied to it. */
const MAX_INLINE = 2000;

const maxInline = (entries: readonly ShelfEntry[]): number => Math.max(MAX_INLINE, entries.length / 10);

/** A job's answer (index or themes) as it reached the host. */
type JobReply = Extract<ReaderReply, { kind: 'index' | 'themes' | 'failed' }>;

/** How the host files papers now, for the worker to file those it sends alike (see ThemesAsked). */
export interface ThemesForWorker {
  version: number;
  spec(): ThemesSpec;
}

export interface OffThreadRead extends AssembledRead {
  /** How long the worker took from the request to its summary (reading, parsing, filing, sending), and parsing. */
  worker: { ms: number; parseMs: number };
  /** The papers the worker sent with their automatic themes, filed with the themes of `version`. */
  filed?: { version: number; papers: Paper[]; themes: string[] };
  problems: Extract<ReaderReply, { kind: 'done' }>['problems'];
  text: boolean;
  bytes: number;
  parsed: number;
}

/** An error of the worker's read, with Node's code ('ENOENT', ...) when there was one. */
class OffThreadReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Reading large collection files off the extension host's thread, as WorkspaceCollections uses it
 * (the platform port gives one where worker threads exist: see platform.ts).
 */
export interface OffThreadFiles extends vscode.Disposable {
  /** Whether this file should be read off the host's thread. */
  wants(uri: vscode.Uri, size: number): boolean;
  /**
   * Reads and parses the file at `path` (the shelf's source `key`), the papers it sends filed with
   * `themes` where the worker can; rejects with `code` 'ENOENT' when it is gone.
   */
  read(key: string, path: string, themes?: ThemesForWorker): Promise<OffThreadRead>;
  /** The file left the shelf: its copy off the thread goes. */
  forget(key: string): void;
  /**
   * Builds the index of `entries` (or reads its cache in `cacheFolder`) in the worker, when the
   * worker holds most of their papers. Resolves to undefined when it does not, or when the
   * worker's papers changed meanwhile (the caller then builds on the host).
   */
  index(entries: readonly ShelfEntry[], cacheFolder: string | undefined): Promise<BuiltIndex | undefined>;
  /** Whether the worker holds most of the papers of `entries` (then `index` and `discover` work there); looked at in slices. */
  holdsMostOf(entries: readonly ShelfEntry[]): Promise<boolean>;
  /**
   * Discovers the themes of `entries` in the worker, when it holds most of their papers (else
   * undefined); STALE when a newer read that changed some of them overtook the request.
   */
  discover(entries: readonly ShelfEntry[], input: DiscoveryInput): Promise<Discovered | typeof STALE | undefined>;
}

export class OffThreadReader implements OffThreadFiles {
  private worker: Worker | undefined;
  private nextId = 0;
  private disposed = false;
  /** Reads being put together (see assemble), marked when their file is forgotten meanwhile. */
  private readonly assembling = new Map<string, { forgotten: boolean }>();
  private readonly waiting = new Map<number, Waiting>();
  /** The themes' version the worker was last given the spec of (undefined: none, or a new worker). */
  private workerThemes: number | undefined;
  /** Index and discovery requests waiting for their answer. */
  private readonly jobs = new Map<number, { resolve: (r: JobReply) => void; reject: (e: Error) => void }>();
  /** The last read of each file on the host (its papers keep being the shelf's) and the request it answered. */
  private readonly last = new Map<
    string,
    { papers: readonly Paper[]; byId: ReadonlyMap<string, Paper>; read: number }
  >();

  constructor(private readonly script: string) {}

  wants(uri: vscode.Uri, size: number): boolean {
    return uri.scheme === 'file' && size >= OFF_THREAD_FROM_BYTES;
  }

  read(key: string, path: string, themes?: ThemesForWorker): Promise<OffThreadRead> {
    const worker = this.start();
    const id = ++this.nextId;
    let asked: ThemesAsked | undefined;
    if (themes) {
      asked = { version: themes.version };
      if (this.workerThemes !== themes.version) {
        asked.spec = themes.spec();
        this.workerThemes = themes.version;
      }
    }
    return new Promise<OffThreadRead>((resolve, reject) => {
      this.waiting.set(id, { batches: [], themes: [], key, resolve, reject });
      worker.postMessage({ kind: 'read', id, key, path, themes: asked } satisfies ReaderRequest);
    });
  }

  forget(key: string): void {
    const assembling = this.assembling.get(key);
    if (assembling) assembling.forgotten = true;
    this.last.delete(key);
    this.worker?.postMessage({ kind: 'forget', key } satisfies ReaderRequest);
  }

  async index(entries: readonly ShelfEntry[], cacheFolder: string | undefined): Promise<BuiltIndex | undefined> {
    const reply = await this.job(entries, (id, table) => ({ kind: 'index', id, table, cacheFolder }));
    return reply?.kind === 'index' ? reply : undefined;
  }

  async discover(
    entries: readonly ShelfEntry[],
    input: DiscoveryInput,
  ): Promise<Discovered | typeof STALE | undefined> {
    const reply = await this.job(entries, (id, table) => ({ kind: 'discover', id, table, input }));
    if (reply?.kind === 'themes') return reply;
    return reply?.kind === 'failed' ? STALE : undefined;
  }

  async holdsMostOf(entries: readonly ShelfEntry[]): Promise<boolean> {
    if (this.disposed || this.last.size === 0) return false;
    const holds = await runStepsInSlices(
      holdsMostSteps(entries, this.held, maxInline(entries)),
      yieldToHost,
      12,
      () => this.disposed,
    );
    return holds?.value === true;
  }

  private readonly held = (key: string) => this.last.get(key);

  /**
   * Sends a request about `entries` when the worker holds most of their papers; its answer, or
   * a 'failed' one with code STALE when the worker's papers changed meanwhile.
   */
  private async job(
    entries: readonly ShelfEntry[],
    request: (id: number, table: EntryTable) => Extract<ReaderRequest, { kind: 'index' | 'discover' }>,
  ): Promise<JobReply | undefined> {
    if (!(await this.holdsMostOf(entries))) return undefined;
    // Described in slices (one pass over 100,000 entries is most of 0.1 s).
    const described = await runStepsInSlices(
      describeEntriesSteps(entries, this.held, maxInline(entries)),
      yieldToHost,
      12,
      () => this.disposed,
    );
    const table = described?.value;
    if (!table) return undefined;
    const worker = this.start();
    const id = ++this.nextId;
    return new Promise<JobReply>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage(request(id, table), [
        table.themeOf.buffer as ArrayBuffer,
        table.sourceOf.buffer as ArrayBuffer,
      ]);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (reply: ReaderReply) => this.receive(reply));
    const fail = (err: Error) => {
      for (const w of this.waiting.values()) w.reject(err);
      for (const w of this.jobs.values()) w.reject(err);
      this.waiting.clear();
      this.jobs.clear();
      this.last.clear();
      if (this.worker === worker) {
        this.worker = undefined;
        this.workerThemes = undefined;
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the collection worker stopped (exit ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(reply: ReaderReply): void {
    const job = this.jobs.get(reply.id);
    if (job) {
      this.jobs.delete(reply.id);
      if (reply.kind === 'index' || reply.kind === 'themes' || (reply.kind === 'failed' && reply.code === STALE))
        return job.resolve(reply);
      return job.reject(new Error(reply.kind === 'failed' ? reply.message : 'the worker answered out of turn'));
    }
    // The next batch may come: the worker keeps at most a few ahead of the host.
    if (reply.kind === 'papers') this.worker?.postMessage({ kind: 'ack' } satisfies ReaderRequest);
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'papers') {
      const file = waiting.batches[0]?.[0]?.source.file ?? this.last.get(waiting.key)?.papers[0]?.source.file;
      waiting.batches.push(papersOfBatch(reply, file));
      if (reply.themes) waiting.themes.push(reply.themes);
      return;
    }
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') return waiting.reject(new OffThreadReadError(reply.message, reply.code));
    if (reply.kind !== 'done') return waiting.reject(new Error('the worker answered out of turn'));
    void this.assemble(waiting, reply);
  }

  /** The papers of a finished read put together, in slices (a large file's are tens of milliseconds of work). */
  private async assemble(waiting: Waiting, reply: Extract<ReaderReply, { kind: 'done' }>): Promise<void> {
    const { key } = waiting;
    const marker = { forgotten: false };
    this.assembling.set(key, marker);
    try {
      const assembled = (await runStepsInSlices(
        assembleReadSteps(waiting.batches, reply, this.last.get(key)),
        yieldToHost,
        12,
      ))!.value;
      // Forgotten meanwhile (the file left the shelf): the worker no longer holds its papers.
      if (!marker.forgotten) this.last.set(key, { ...assembled, read: reply.id });
      const filed =
        reply.themesVersion !== undefined && waiting.themes.length === waiting.batches.length
          ? (await runStepsInSlices(filedSteps(waiting.batches, waiting.themes), yieldToHost, 12))!.value
          : undefined;
      waiting.resolve({
        ...assembled,
        ...(filed ? { filed: { version: reply.themesVersion!, ...filed } } : {}),
        problems: reply.problems,
        worker: { ms: reply.workerMs, parseMs: reply.parseMs },
        text: reply.text,
        bytes: reply.bytes,
        parsed: reply.parsed,
      });
    } catch (err) {
      this.last.delete(key);
      this.forget(key);
      waiting.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      if (this.assembling.get(key) === marker) this.assembling.delete(key);
    }
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

/** A read waiting for its batches and summary. */
interface Waiting {
  batches: Paper[][];
  /** Each batch's automatic themes, when the worker filed them. */
  themes: BatchThemes[];
  key: string;
  resolve: (r: OffThreadRead) => void;
  reject: (e: Error) => void;
}

/** The papers the worker filed, with their themes (those naming their own theme left out). */
function* filedSteps(
  batches: readonly Paper[][],
  themes: readonly BatchThemes[],
): Steps<{ papers: Paper[]; themes: string[] }> {
  const papers: Paper[] = [];
  const names: string[] = [];
  for (let b = 0; b < batches.length; b++) {
    const batch = batches[b]!;
    const { names: table, of } = themes[b]!;
    for (let i = 0; i < batch.length; i++) {
      const at = of[i] ?? -1;
      if (at < 0) continue;
      papers.push(batch[i]!);
      names.push(table[at]!);
    }
    yield;
  }
  return { papers, themes: names };
}
