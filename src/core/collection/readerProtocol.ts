// Reading collection files on another thread (a worker): the messages between the extension host
// and the worker, the worker's side (ReaderPool: one CollectionReader per file, so an edit is
// parsed only where it changed) and the host's side (assembleRead: the papers as the shelf gets
// them, the unchanged ones being the host's own objects from the last read). Papers cross in
// batches, so the host takes each in one short turn of its event loop; the line numbers of every
// paper cross as one transferred typed array. The pool also builds the search index of the shelf
// from the papers it holds (core/search/indexJob.ts). No platform here: the worker entry gives the
// pool a way to read bytes and to post messages.
import type { Paper, Problem } from '../model/types';
import { CollectionReader } from './collectionReader';
import { type FileRead, type SameBytes, bytesOf, isByteChange, lengthOfRead } from './byteChange';
import { capProblems } from './collectionInput';
import { buildIndexBytes, entriesOf, type EntryTable } from '../search/indexJob';
import { indexCacheName } from '../search/indexCache';
import { discoverFromTable, transfersOf, type Discovered, type DiscoveryInput } from '../shelf/discoveryJob';
import { runSteps, type Steps } from '../runtime/yieldToHost';
import { themesFrom, type ShelfThemes, type ThemesSpec } from '../shelf/shelfThemes';
import { OverlayMap } from '../model/overlayMap';
import { lendSummaries } from '../model/paper';
import { PackedTexts } from '../text/packedTexts';

/**
 * How the host files papers now (ShelfThemes as data): the worker files the papers it sends
 * with it, so the host need not. `spec` comes with a version the worker has not seen yet.
 */
export interface ThemesAsked {
  version: number;
  spec?: ThemesSpec;
}

/** The automatic themes of a batch's papers: `of[i]` indexes `names` (-1: the paper names its own theme). */
export interface BatchThemes {
  names: string[];
  of: Int32Array;
}

export type ReaderRequest =
  | { kind: 'read'; id: number; key: string; path: string; themes?: ThemesAsked }
  | { kind: 'forget'; key: string }
  /** The host took in a batch of papers (see ReaderPool's `window`): answered at once, not queued. */
  | { kind: 'ack' }
  /** Build the index of these entries; `cacheFolder`: where the index caches are (none: no cache is read). */
  | { kind: 'index'; id: number; table: EntryTable; cacheFolder?: string }
  /** Discover the themes of these entries (core/shelf/discoveryJob.ts). */
  | { kind: 'discover'; id: number; table: EntryTable; input: DiscoveryInput };

export type ReaderReply =
  /**
   * Papers the host does not have yet (all on a first read, the changed ones after), in file order,
   * without their summaries: those come packed (transferred, not copied), and stay so on the host
   * (see papersOfBatch).
   */
  | {
      kind: 'papers';
      id: number;
      papers: Omit<Paper, 'summary'>[];
      summaries: { bytes: Uint8Array; ends: Uint32Array };
      /** Their automatic themes, when the read asked for them with a version the worker could make. */
      themes?: BatchThemes;
    }
  | {
      kind: 'done';
      id: number;
      /** A first read: the papers sent are all of them. */
      first: boolean;
      /** Every id in file order, when the order or the set of papers changed since the last read. */
      order?: string[];
      /**
       * Each paper's line, in file order (transferred, not copied), when a read after the first
       * moved some paper's line (a first read's papers carry their own).
       */
      lines?: Int32Array;
      changed: string[];
      /**
       * Where each paper sent sits in file order, when the papers and their order are the last
       * read's (no `order`): the host puts them in place of its own and keeps the rest as they are.
       */
      at?: Int32Array;
      problems: Problem[];
      /** Whether the bytes were text (a binary file gives no papers and one problem). */
      text: boolean;
      /** The version of the themes the batches' papers were filed with (none: not filed). */
      themesVersion?: number;
      bytes: number;
      parsed: number;
      /** From the request to this summary in the worker (reading, parsing, filing, sending), and of it parsing. */
      workerMs: number;
      parseMs: number;
    }
  | { kind: 'failed'; id: number; message: string; code?: string }
  /** The index in the cache format (transferred); `fromCache`: the bytes are the cache file's. */
  | { kind: 'index'; id: number; fingerprint: string; bytes: Uint8Array; fromCache: boolean }
  | ({ kind: 'themes'; id: number } & Discovered);

/**
 * The code of a failed index or discovery request whose papers a newer read replaced: a discovery
 * is asked again once the shelf holds that read (askWhileStale); an index is asked for again with
 * the shelf's next change, which makes the host's build out of date.
 */
export const STALE = 'STALE';

/**
 * Asks the worker about the shelf as `describe` gives it, and asks again while the answer is
 * STALE (a newer read that changed papers overtook the request) once the shelf has taken that read
 * in (`moved` resolves true), at most `attempts` times in all. The answer is undefined when the
 * worker could not help (the caller then does the work itself, on the shelf it was last given).
 */
export async function askWhileStale<S, T extends object>(
  describe: () => Promise<S>,
  ask: (shelf: S) => Promise<T | typeof STALE | undefined>,
  moved: (from: S) => Promise<boolean>,
  attempts = 3,
): Promise<{ shelf: S; answer: T | undefined; asked: number }> {
  for (let asked = 1; ; asked++) {
    const shelf = await describe();
    const answer = await ask(shelf);
    if (answer !== STALE) return { shelf, answer, asked };
    if (asked >= attempts || !(await moved(shelf))) return { shelf, answer: undefined, asked };
  }
}

/** Papers per message from the worker. */
export const BATCH = 1000;
/**
 * Batches the worker sends ahead of the host's acknowledgements: a port hands every queued
 * message to the host in one go, so a worker far ahead of a busy host would keep it waiting.
 */
export const WINDOW = 2;

/** The worker's side: a reader per file; answers each request with batches and a summary. */
/** What a file is read for: a collection (kept by its reader, read again as a change) or an index cache. */
export type ReadPurpose = 'collection' | 'cache';

export class ReaderPool {
  private readonly readers = new Map<
    string,
    {
      reader: CollectionReader;
      ids: string[];
      /** Each paper's line in the last read, in file order. */
      lines: Int32Array;
      read: number;
      since: number;
      byId: ReadonlyMap<string, Paper>;
    }
  >();

  constructor(
    /**
     * Reads a file: a collection as a change of `last` (the bytes of its last read) where it can,
     * an index cache as its bytes.
     */
    private readonly readBytes: (path: string, last: Uint8Array | undefined, purpose: ReadPurpose) => Promise<FileRead>,
    private readonly post: (reply: ReaderReply, transfer?: ArrayBuffer[]) => void,
    /** The path of a file in a folder (the index cache's); none: no cache is read. */
    private readonly join?: (folder: string, name: string) => string,
    /** Whether the host acknowledges every batch (the worker then sends at most WINDOW ahead). */
    private readonly paced = false,
    /** The platform's comparison of bytes, for finding where a file changed (CollectionReader's loop without one). */
    private readonly sameBytes?: SameBytes,
  ) {}

  /** The themes the host last described, to file the papers sent with (see ThemesAsked). */
  private themes: { version: number; shelfThemes: ShelfThemes | undefined } | undefined;

  /** The themes of `asked.version` for a read: made from the spec when it comes, undefined when they cannot be. */
  private themesFor(asked: ThemesAsked | undefined): ShelfThemes | undefined {
    if (!asked) return undefined;
    if (asked.spec && this.themes?.version !== asked.version) {
      let shelfThemes: ShelfThemes | undefined;
      try {
        shelfThemes = themesFrom(asked.spec);
      } catch {
        shelfThemes = undefined; // the host files the papers itself
      }
      this.themes = { version: asked.version, shelfThemes };
    }
    return this.themes?.version === asked.version ? this.themes.shelfThemes : undefined;
  }

  private unacknowledged = 0;
  private readonly waiting: (() => void)[] = [];

  /** The host took in a batch: one more may be sent. */
  acknowledge(): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - 1);
    this.waiting.shift()?.();
  }

  /**
   * Sends a batch once fewer than WINDOW are unacknowledged. The next batch is made (parsed papers
   * filed) while the host takes in the ones sent, not after the host acknowledged them.
   */
  private async sendBatch(reply: Extract<ReaderReply, { kind: 'papers' }>): Promise<void> {
    if (this.paced)
      while (this.unacknowledged >= WINDOW) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.post(reply, [reply.summaries.bytes.buffer as ArrayBuffer, reply.summaries.ends.buffer as ArrayBuffer]);
    if (this.paced) this.unacknowledged++;
  }

  async handle(request: ReaderRequest): Promise<void> {
    if (request.kind === 'ack') return this.acknowledge();
    if (request.kind === 'forget') return void this.readers.delete(request.key);
    if (request.kind === 'index') return this.index(request);
    if (request.kind === 'discover') return this.discover(request);
    const { id, key } = request;
    const started = performance.now();
    // Taken in first: a read that fails still leaves the worker with the themes the host sent.
    const themes = this.themesFor(request.themes);
    let bytes: FileRead;
    let known = this.readers.get(key);
    try {
      bytes = await this.readBytes(request.path, known?.reader.cleanBytes, 'collection');
      // Forgotten while it was read (requests are taken one at a time in the worker; not always in tests).
      if (isByteChange(bytes) && this.readers.get(key) !== known)
        bytes = await this.readBytes(request.path, undefined, 'collection');
      known = this.readers.get(key);
    } catch (err) {
      const code = (err as { code?: unknown })?.code;
      return this.post({ kind: 'failed', id, message: String(err), code: typeof code === 'string' ? code : undefined });
    }
    if (!known)
      this.readers.set(
        key,
        (known = {
          reader: new CollectionReader(key, this.sameBytes),
          ids: [],
          lines: new Int32Array(0),
          read: id,
          since: id,
          byId: new Map(),
        }),
      );
    const wasRead = known.reader.hasRead;
    // Only the bytes that changed since the last read are decoded and parsed.
    const parseStarted = performance.now();
    const { update, encoding } = known.reader.readBytes(bytes);
    const parseMs = performance.now() - parseStarted;
    // Bytes that are not text leave no papers, and the reader forgets the last read: a first read.
    const first = !wasRead || !update;
    const papers = update?.papers ?? [];
    const ids = papers.map((p) => p.id);
    const reordered = !first && (ids.length !== known.ids.length || ids.some((x, i) => x !== known.ids[i]));
    const send: Paper[] = [];
    const at: number[] = [];
    for (let i = 0; i < papers.length; i++)
      if (first || update!.changed.has(papers[i]!.id)) {
        send.push(papers[i]!);
        at.push(i);
      }
    for (let i = 0; i < send.length; i += BATCH) {
      const batch = send.slice(i, i + BATCH);
      const { bytes, ends } = PackedTexts.pack(batch.map((p) => p.summary));
      await this.sendBatch({
        kind: 'papers',
        id,
        papers: batch.map(withoutSummary),
        summaries: { bytes, ends },
        ...(themes ? { themes: fileBatch(batch, themes) } : {}),
      });
    }
    const lines = Int32Array.from(papers, (p) => p.source.line);
    const moved = !first && (reordered || lines.some((line, i) => line !== known.lines[i]));
    known.ids = ids;
    known.lines = lines;
    known.read = id;
    // A read that changed no paper (the watcher reporting a save twice, a touch, a checkout of the
    // same text) leaves every paper the same object: requests described from the reads before it
    // still name exactly these papers, and are not refused as stale.
    if (first || !update || update.changed.size > 0) known.since = id;
    known.byId = update?.byId ?? new Map();
    // The worker keeps its lines for the next read's comparison: the host gets a copy, moved.
    const sentLines = moved ? lines.slice() : undefined;
    const sentAt = first || reordered ? undefined : Int32Array.from(at);
    this.post(
      {
        kind: 'done',
        id,
        first,
        ...(reordered ? { order: ids } : {}),
        ...(sentLines ? { lines: sentLines } : {}),
        ...(sentAt ? { at: sentAt } : {}),
        changed: first ? [] : [...update!.changed],
        problems: capProblems([...encoding, ...(update?.problems ?? [])], key),
        text: update !== undefined,
        ...(themes ? { themesVersion: request.themes!.version } : {}),
        bytes: lengthOfRead(bytes),
        parsed: update?.parsed ?? 0,
        workerMs: performance.now() - started,
        parseMs,
      },
      [sentLines?.buffer, sentAt?.buffer].filter((b) => b !== undefined) as ArrayBuffer[],
    );
  }

  /** Discovers the themes of the entries the host described (the answer's typed arrays transferred). */
  private discover(request: Extract<ReaderRequest, { kind: 'discover' }>): void {
    const { id } = request;
    try {
      const found = discoverFromTable(request.table, (key) => this.readers.get(key), request.input);
      if (!found) return this.post({ kind: 'failed', id, message: 'a newer read replaced the papers', code: STALE });
      this.post({ kind: 'themes', id, ...found }, transfersOf(found));
    } catch (err) {
      this.post({ kind: 'failed', id, message: String(err) });
    }
  }

  /** Builds (or finds in the cache) the index of the entries the host described. */
  private async index(request: Extract<ReaderRequest, { kind: 'index' }>): Promise<void> {
    const { id, cacheFolder } = request;
    const entries = entriesOf(request.table, (key) => this.readers.get(key));
    if (!entries) return this.post({ kind: 'failed', id, message: 'a newer read replaced the papers', code: STALE });
    const readCache =
      cacheFolder === undefined || !this.join
        ? undefined
        : (fingerprint: string) =>
            this.readBytes(this.join!(cacheFolder, indexCacheName(fingerprint)), undefined, 'cache').then(
              (read) => (isByteChange(read) ? undefined : bytesOf(read)),
              () => undefined,
            );
    try {
      const built = await buildIndexBytes(entries, readCache);
      const { bytes } = built;
      // A whole buffer moves; a view of a larger one (never made here) would be copied first.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      this.post({ kind: 'index', id, ...built, bytes: own }, [own.buffer as ArrayBuffer]);
    } catch (err) {
      this.post({ kind: 'failed', id, message: String(err) });
    }
  }
}

/** A paper as it crosses to the host: its summary goes packed with its batch's. */
function withoutSummary(paper: Paper): Omit<Paper, 'summary'> {
  const { summary: _summary, ...rest } = paper;
  return rest;
}

/**
 * The host's side of a batch: its papers, each reading its summary from the packed bytes that
 * came with it (core/model/paper.ts, lendSummaries). The source's file name, the same for every
 * paper of a read, is made one string again (each crossed as a copy of its own).
 */
export function papersOfBatch(reply: Extract<ReaderReply, { kind: 'papers' }>, file?: string): Paper[] {
  const papers = reply.papers as Paper[];
  lendSummaries(papers, PackedTexts.of(reply.summaries.bytes, reply.summaries.ends));
  const shared = file ?? papers[0]?.source.file;
  for (const paper of papers) {
    if (paper.source.file === shared) paper.source.file = shared;
    // Each empty list crossed as a list of its own: one frozen empty one stands for them all.
    if (paper.authors.length === 0) paper.authors = NONE;
    if (paper.categories.length === 0) paper.categories = NONE;
    if (paper.tags.length === 0) paper.tags = NONE;
    if (isEmpty(paper.extra)) paper.extra = NO_EXTRA;
  }
  return papers;
}

/** The empty list of a host's paper (papers are not changed in place: a change is a new paper). */
const NONE = Object.freeze([]) as unknown as string[];
const NO_EXTRA = Object.freeze({}) as Record<string, string>;

function isEmpty(record: Record<string, string>): boolean {
  for (const _name in record) return false;
  return true;
}

/** The automatic themes of a batch's papers (as Shelf.prepareInSlices would find them): papers naming their own get none. */
function fileBatch(papers: readonly Paper[], themes: ShelfThemes): BatchThemes {
  const names: string[] = [];
  const index = new Map<string, number>();
  const of = new Int32Array(papers.length).fill(-1);
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i]!;
    if (paper.theme !== undefined) continue;
    const theme = themes.classify(paper);
    let at = index.get(theme);
    if (at === undefined) index.set(theme, (at = names.push(theme) - 1));
    of[i] = at;
  }
  return { names, of };
}

/** A file as the host puts it on the shelf. */
export interface AssembledRead {
  papers: Paper[];
  byId: ReadonlyMap<string, Paper>;
  /** Undefined on a first read (every paper is new). */
  changed: Set<string> | undefined;
}

/**
 * The host's side: the file's papers from the batches and the summary of one read, reusing the
 * host's papers of the last read (`previous`) for those that did not change, with their lines
 * moved where the file moved them.
 */
export function assembleRead(
  batches: readonly Paper[][],
  done: Extract<ReaderReply, { kind: 'done' }>,
  previous: { papers: readonly Paper[]; byId: ReadonlyMap<string, Paper> } | undefined,
): AssembledRead {
  return runSteps(assembleReadSteps(batches, done, previous));
}

/** Papers between yields of `assembleReadSteps`. */
const ASSEMBLE_STEP = 2048;

/** `assembleRead` as steps (100,000 papers put in order and looked up by id are tens of milliseconds). */
export function* assembleReadSteps(
  batches: readonly Paper[][],
  done: Extract<ReaderReply, { kind: 'done' }>,
  previous: { papers: readonly Paper[]; byId: ReadonlyMap<string, Paper> } | undefined,
): Steps<AssembledRead> {
  const sent: Paper[] = [];
  for (const batch of batches) {
    for (const paper of batch) sent.push(paper);
    yield;
  }
  if (done.first || !previous) {
    const byId = new Map<string, Paper>();
    for (let i = 0; i < sent.length; i++) {
      if (i % ASSEMBLE_STEP === ASSEMBLE_STEP - 1) yield;
      byId.set(sent[i]!.id, sent[i]!);
    }
    return { papers: sent, byId, changed: undefined };
  }
  const fresh = new Map(sent.map((p) => [p.id, p]));
  if (!done.order && done.at) return yield* inPlaceSteps(sent, fresh, done, previous);
  const order = done.order ?? previous.papers.map((p) => p.id);
  const papers: Paper[] = [];
  const byId = new Map<string, Paper>();
  for (let i = 0; i < order.length; i++) {
    if (i % ASSEMBLE_STEP === ASSEMBLE_STEP - 1) yield;
    const id = order[i]!;
    const paper = fresh.get(id) ?? previous.byId.get(id);
    if (!paper) throw new Error(`the worker named a paper it did not send (${id})`);
    papers.push(paper);
    byId.set(id, paper);
  }
  if (done.lines) yield* moveLines(papers, done.lines);
  return { papers, byId, changed: new Set(done.changed) };
}

/**
 * A read of the same papers in the same order: the changed ones take their places in a copy of
 * the last read's list, and the map by id is the last one with them laid over it (no pass over
 * every paper unless lines moved, or the overlay grew large enough to be made flat again).
 */
function* inPlaceSteps(
  sent: readonly Paper[],
  fresh: ReadonlyMap<string, Paper>,
  done: Extract<ReaderReply, { kind: 'done' }>,
  previous: { papers: readonly Paper[]; byId: ReadonlyMap<string, Paper> },
): Steps<AssembledRead> {
  const at = done.at!;
  if (at.length !== sent.length) throw new Error('the worker placed a different number of papers than it sent');
  const papers = previous.papers.slice();
  for (let i = 0; i < sent.length; i++) {
    const place = at[i]!;
    if (papers[place]?.id !== sent[i]!.id)
      throw new Error(`the worker placed a paper where the last read had another (${sent[i]!.id})`);
    papers[place] = sent[i]!;
  }
  const byId = OverlayMap.over(previous.byId, fresh) ?? (yield* flatSteps(previous.byId, fresh));
  if (done.lines) yield* moveLines(papers, done.lines);
  return { papers, byId, changed: new Set(done.changed) };
}

/** `base` with `replaced` laid over it, as a new flat map made in steps. */
function* flatSteps(base: ReadonlyMap<string, Paper>, replaced: ReadonlyMap<string, Paper>): Steps<Map<string, Paper>> {
  const flat = new Map<string, Paper>();
  let i = 0;
  for (const [id, paper] of base) {
    if (++i % ASSEMBLE_STEP === 0) yield;
    flat.set(id, replaced.get(id) ?? paper);
  }
  return flat;
}

/** Each paper's source line set to `lines` (in the same order), a new source object where it moved. */
function* moveLines(papers: readonly Paper[], lines: Int32Array): Steps<void> {
  for (let i = 0; i < papers.length; i++) {
    if (i % ASSEMBLE_STEP === ASSEMBLE_STEP - 1) yield;
    const p = papers[i]!;
    const line = lines[i];
    if (line !== undefined && p.source.line !== line) p.source = { ...p.source, line };
  }
}
