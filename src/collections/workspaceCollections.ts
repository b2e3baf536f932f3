import * as vscode from 'vscode';
import {
  capProblems,
  linkNotFollowedProblem,
  linkOutsideProblem,
  sizeProblem,
} from '../core/collection/collectionInput';
import { CollectionReader } from '../core/collection/collectionReader';
import type { Paper } from '../core/model/types';
import type { OffThreadFiles } from './offThreadReader';
import type { Problem } from '../core/model/types';
import type { ShelfService } from '../shelf/shelfService';
import type { Log } from '../log/log';
import { resolveCollectionFile } from './links';
import { shelfFileUri } from '../settings/settingPaths';
import { affects, settings, SETTINGS } from '../settings/settings';
import { runInHostSlices, yieldToHost } from '../core/runtime/yieldToHost';
import { findWorkspaceFiles } from '../platform/findWorkspaceFiles';
import { globToRegExp } from '../core/text/glob';
import { MissedFiles } from './missedFiles';
import { readWhenStill } from '../core/runtime/stillRead';

const MAX_FILES = 1000;
const RELOAD_DELAY_MS = 150;
/** Loads of files at least this large have their timings written to the log. */
const LARGE_FILE_BYTES = 1024 * 1024;

/** One read of a collection file, on the host or in the worker. */
interface FileRead {
  papers: Paper[];
  byId?: ReadonlyMap<string, Paper>;
  /** Ids changed since the last read of this file; undefined: a first read (all new). */
  changed?: Set<string>;
  /** Capped, in line order. */
  problems: Problem[];
  text: boolean;
  bytes: number;
  parsed: number;
  offThread: boolean;
  /** The worker's time for this read (see OffThreadRead). */
  worker?: { ms: number; parseMs: number };
  /** Papers the worker filed, with their automatic themes and the version of the themes it used. */
  filed?: { version: number; papers: readonly Paper[]; themes: readonly string[] };
}

/**
 * The workspace's own collection files (setting paperShelf.collectionFiles): each one is a source
 * of the shelf, keyed by its URI. Found with file search (asynchronously, after activation; on a
 * virtual folder where file search does not answer, by reading the folders), kept
 * current by file-system watchers, and their problems published in the Problems panel.
 */
export class WorkspaceCollections implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('Paper Shelf');
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** URIs (as strings) of the files currently on the shelf. */
  private readonly loaded = new Set<string>();
  /** Size and times of each file as last read, so a watcher event for a file that did not change costs no read. */
  private readonly versions = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Resolves the promise settled() waits on for a scheduled read that was superseded. */
  private readonly cancellers = new Map<string, () => void>();
  /** Serialises loads of one file so an older read never overwrites a newer one. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Per file: its last text and blocks, so a change is parsed only where it changed. */
  private readonly readers = new Map<string, CollectionReader>();
  private generation = 0;

  constructor(
    private readonly shelfService: ShelfService,
    private readonly log: Log,
    /** Reads large local files in a worker thread (Node extension hosts); none: every file on the host. */
    private readonly offThread?: OffThreadFiles,
  ) {
    this.disposables.push(
      this.diagnostics,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, [SETTINGS.collectionFiles, SETTINGS.shelfFile])) void shelfService.track(this.reloadAll());
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void shelfService.track(this.reloadAll())),
      new MissedFiles(
        () => void shelfService.track(this.loadNewFiles()),
        (uri) => {
          if (this.isCollectionFile(uri)) this.schedule(uri);
        },
      ),
    );
  }

  /** Finds every collection file again, watches them, and replaces their sources on the shelf. */
  async reloadAll(): Promise<void> {
    const generation = ++this.generation;
    await this.shelfService.ready();
    this.watch();
    const found = await this.findFiles();
    if (generation !== this.generation) return;
    for (const key of [...this.loaded]) if (!found.has(key)) this.unload(vscode.Uri.parse(key));
    await Promise.all([...found.values()].map((uri) => this.loadFile(uri)));
  }

  /** The collection files of the workspace, by URI string. */
  private async findFiles(): Promise<Map<string, vscode.Uri>> {
    const globs = settings.collectionFiles();
    const found = new Map<string, vscode.Uri>();
    if (globs.length && vscode.workspace.workspaceFolders?.length) {
      const pattern = globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
      const { uris } = await findWorkspaceFiles(pattern, '**/node_modules/**', MAX_FILES, this.log);
      for (const uri of uris) found.set(uri.toString(), uri);
    }
    // The shelf file is always a collection, whether or not the globs name it.
    const shelfFile = shelfFileUri();
    if (shelfFile && !found.has(shelfFile.toString()) && (await exists(shelfFile)))
      found.set(shelfFile.toString(), shelfFile);
    return found;
  }

  /** A folder appeared: reads the collection files in it that no watcher reported. */
  private async loadNewFiles(): Promise<void> {
    const generation = this.generation;
    const found = await this.findFiles();
    if (generation !== this.generation) return;
    const missed = [...found].filter(
      ([key]) => !this.loaded.has(key) && !this.timers.has(key) && !this.chains.has(key),
    );
    if (missed.length)
      this.log.info(
        `Found ${missed.length === 1 ? 'a collection file' : `${missed.length} collection files`} in a new folder that the file watcher did not report: ${missed.map(([, uri]) => vscode.workspace.asRelativePath(uri, false)).join(', ')}`,
      );
    await Promise.all(missed.map(([, uri]) => this.loadFile(uri, true)));
  }

  /** Whether `uri` is one of the collection files: the shelf file, or a workspace file the globs name. */
  private isCollectionFile(uri: vscode.Uri): boolean {
    if (uri.toString() === shelfFileUri()?.toString()) return true;
    if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return settings.collectionFiles().some((glob) => globToRegExp(glob).test(relative));
  }

  /** Reads one file now (after a write of our own), without waiting for the watcher. */
  loadFile(uri: vscode.Uri, onlyIfChanged = false): Promise<void> {
    const key = uri.toString();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.read(uri, onlyIfChanged));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return this.shelfService.track(next);
  }

  private async read(uri: vscode.Uri, onlyIfChanged: boolean): Promise<void> {
    const key = uri.toString();
    let version: string;
    let read: FileRead;
    const started = performance.now();
    try {
      // Refused by size before a byte is read: a shared folder can hold anything.
      const stat = await vscode.workspace.fs.stat(uri);
      version = `${stat.size}:${stat.mtime}:${stat.ctime}`;
      // Watchers report a large file's copy or save more than once: read it once.
      if (onlyIfChanged && this.loaded.has(key) && this.versions.get(key) === version) return;
      // A symbolic link is followed only to a file inside the workspace (never to ~/.ssh/...).
      const resolved = await resolveCollectionFile(uri, stat.type);
      const refused =
        resolved.kind === 'outside'
          ? (resolved.unchecked ? linkNotFollowedProblem : linkOutsideProblem)(key)
          : sizeProblem(stat.size, settings.maxCollectionFileMB(), key);
      if (refused) {
        this.log.warn(`${vscode.workspace.asRelativePath(uri, false)} was not read: ${refused.message}`);
        this.shelfService.shelf.removeSource(key);
        this.forgetFile(key);
        this.diagnostics.set(uri, [problemDiagnostic(refused)]);
        return;
      }
      const target = resolved.kind === 'link' ? resolved.target : uri;
      read = this.offThread?.wants(target, stat.size)
        ? await this.readOffThread(key, target)
        : await this.readHere(key, target);
    } catch (err) {
      const code = (err as { code?: unknown } | undefined)?.code;
      const missing = (err instanceof vscode.FileSystemError && code === 'FileNotFound') || code === 'ENOENT';
      if (missing) this.unload(uri);
      else this.log.error(`Could not read the collection file ${vscode.workspace.asRelativePath(uri, false)}`, err);
      return;
    }
    const shelf = this.shelfService.shelf;
    const changed = this.loaded.has(key) ? read.changed : undefined;
    // Filed in the worker with the themes as they still are: the host only takes the themes in.
    const filed = read.filed?.version === this.shelfService.themesForWorker().version ? read.filed : undefined;
    if (filed) await runInHostSlices(shelf.presetSteps(filed.papers, filed.themes));
    // Filed and put on the shelf in slices; after an edit only the changed papers are filed and
    // their entries, keys and index entries made again.
    await shelf.prepareInSlices(changed ? read.papers.filter((p) => changed.has(p.id)) : read.papers, yieldToHost);
    this.loaded.add(key);
    this.versions.set(key, version);
    if (changed) shelf.updateSource(key, read.papers, changed, read.byId);
    else await shelf.setSourceInSlices(key, read.papers, yieldToHost);
    this.diagnostics.set(uri, read.problems.map(problemDiagnostic));
    if (!read.text)
      this.log.warn(
        `${vscode.workspace.asRelativePath(uri, false)} was not read: ${read.problems[0]?.message ?? 'not text'}`,
      );
    if (read.bytes >= LARGE_FILE_BYTES)
      this.log.info(
        `Loaded ${vscode.workspace.asRelativePath(uri, false)} (${(read.bytes / 1048576).toFixed(1)} MB, ${read.papers.length.toLocaleString('en-US')} papers, ${read.parsed.toLocaleString('en-US')} blocks parsed${read.offThread ? ' in the worker' : ''}${filed ? ', filed there' : ''}) in ${Math.round(performance.now() - started)} ms${read.worker ? ` (the worker's part ${Math.round(read.worker.ms)} ms, parsing ${Math.round(read.worker.parseMs)} ms)` : ''}.`,
      );
  }

  /** Reads, decodes and parses on the extension host, in slices; a file read before only where it changed. */
  private async readHere(key: string, uri: vscode.Uri): Promise<FileRead> {
    this.offThread?.forget(key);
    // Files read here are small (large local ones go to the worker), so written quickly; a
    // file system whose times move on their own costs at most a few retries.
    const bytes = await readWhenStill(
      {
        stat: async () => {
          const s = await vscode.workspace.fs.stat(uri);
          return { size: s.size, mtime: s.mtime };
        },
        read: async () => vscode.workspace.fs.readFile(uri),
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      4,
      100,
    );
    let reader = this.readers.get(key);
    if (!reader || !this.loaded.has(key)) this.readers.set(key, (reader = new CollectionReader(key)));
    const incremental = reader.hasRead;
    // Decoded and parsed only where the bytes changed since the last read.
    const { update: parsed, encoding } = (await runInHostSlices(reader.readBytesSteps(bytes)))!.value;
    return {
      papers: parsed?.papers ?? [],
      byId: parsed?.byId,
      changed: incremental ? parsed?.changed : undefined,
      problems: capProblems([...encoding, ...(parsed?.problems ?? [])], key),
      text: parsed !== undefined,
      bytes: bytes.byteLength,
      parsed: parsed?.parsed ?? 0,
      offThread: false,
    };
  }

  /** Reads, decodes and parses in the worker; the host receives the papers it does not have. */
  private async readOffThread(key: string, uri: vscode.Uri): Promise<FileRead> {
    this.readers.delete(key);
    const read = await this.offThread!.read(key, uri.fsPath, this.shelfService.themesForWorker());
    return { ...read, offThread: true };
  }

  /** The file is off the shelf: no reader (here or in the worker) keeps its text. */
  private forgetFile(key: string): void {
    this.loaded.delete(key);
    this.versions.delete(key);
    this.readers.delete(key);
    this.offThread?.forget(key);
  }

  private unload(uri: vscode.Uri): void {
    const key = uri.toString();
    this.forgetFile(key);
    this.shelfService.shelf.removeSource(key);
    this.diagnostics.delete(uri);
  }

  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const shelfFile = shelfFileUri();
    const patterns: vscode.GlobPattern[] = [...settings.collectionFiles()];
    if (shelfFile)
      patterns.push(new vscode.RelativePattern(vscode.Uri.joinPath(shelfFile, '..'), shelfFile.path.split('/').pop()!));
    for (const glob of patterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.schedule(uri)),
        watcher.onDidChange((uri) => this.schedule(uri)),
        watcher.onDidDelete((uri) => {
          this.cancel(uri);
          this.unload(uri);
        }),
      );
    }
  }

  /** Editors save in bursts (write, rename, touch): one read after the burst settles. */
  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancel(uri);
    let resolve!: () => void;
    const settledPromise = new Promise<void>((r) => (resolve = r));
    void this.shelfService.track(settledPromise);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.loadFile(uri, true).finally(resolve);
      }, RELOAD_DELAY_MS),
    );
    // A cancelled timer must not leave settled() waiting.
    this.cancellers.set(key, resolve);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.cancellers.get(key)?.();
    this.cancellers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const resolve of this.cancellers.values()) resolve();
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
    this.offThread?.dispose();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A Problem (1-based) as a Diagnostic (0-based); without an end, the rest of the line. */
function problemDiagnostic(problem: Problem): vscode.Diagnostic {
  const line = Math.max(0, problem.location.line - 1);
  const column = Math.max(0, problem.location.column - 1);
  const end = problem.end
    ? new vscode.Position(Math.max(0, problem.end.line - 1), Math.max(0, problem.end.column - 1))
    : new vscode.Position(line, Number.MAX_SAFE_INTEGER);
  const severity =
    problem.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : problem.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(new vscode.Position(line, column), end),
    problem.message,
    severity,
  );
  diagnostic.source = 'Paper Shelf';
  diagnostic.code = problem.code;
  return diagnostic;
}
