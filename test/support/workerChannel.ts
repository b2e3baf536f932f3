// The collection worker's pool (core/collection/readerProtocol) over files in memory, and the
// host's side of it, every message cloned as postMessage clones it (transferred buffers moved):
// for the unit tests of the jobs the worker does (reads, the index, theme discovery).
import * as assert from 'node:assert/strict';
import {
  ReaderPool,
  assembleRead,
  papersOfBatch,
  type ReaderReply,
  type ReaderRequest,
} from '../../src/core/collection/readerProtocol';
import { readChange, readOwned } from '../../src/core/collection/byteChange';
import { memoryFile } from './memoryFile';
import { describeEntries, type EntryTable, type HeldPapers } from '../../src/core/search/indexJob';
import type { Paper, ShelfEntry } from '../../src/core/model/types';
import type { DiscoveryInput } from '../../src/core/shelf/discoveryJob';

export const KEY = 'file:///w/big.papers.txt';
export const PATH = '/w/big.papers.txt';
export const CACHE = '/cache';

const sameBytesLoop = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export function workerChannel() {
  const files = new Map<string, Uint8Array>();
  const replies: { reply: ReaderReply; transfer?: ArrayBuffer[] }[] = [];
  const pool = new ReaderPool(
    // As the worker reads (readCollectionFile): a collection read before as a change of its last
    // bytes, through a small window; a first read into a buffer of the reader's own.
    async (path, last, purpose) => {
      const bytes = files.get(path);
      if (!bytes) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      if (purpose === 'cache') return bytes;
      const file = memoryFile(bytes, 4096);
      return last
        ? readChange(last, bytes.length, file, new Uint8Array(1024), sameBytesLoop)
        : readOwned(file, bytes.length);
    },
    (reply, transfer) => replies.push({ reply: structuredClone(reply, { transfer }), transfer }),
    (folder, name) => `${folder}/${name}`,
  );
  let id = 0;
  let last: (HeldPapers & { papers: readonly Paper[] }) | undefined;
  async function read(text: string) {
    files.set(PATH, new TextEncoder().encode(text));
    replies.length = 0;
    const request = ++id;
    await pool.handle({ kind: 'read', id: request, key: KEY, path: PATH } satisfies ReaderRequest);
    const batches = replies.flatMap(({ reply }) => (reply.kind === 'papers' ? [papersOfBatch(reply)] : []));
    const done = replies.at(-1)!.reply;
    assert.equal(done.kind, 'done');
    if (done.kind !== 'done') throw new Error('no summary');
    const assembled = { ...assembleRead(batches, done, last), read: request };
    last = assembled;
    return { assembled, done, batches, transfers: replies.at(-1)!.transfer };
  }
  const held = (key: string) => (key === KEY ? last : undefined);
  const describe = (entries: readonly ShelfEntry[]): EntryTable => {
    const table = describeEntries(entries, held, 2000);
    assert.ok(table, 'the worker holds the papers');
    return table;
  };
  /** Sends a request about entries (their columns transferred) and gives its answer. */
  async function send(request: Extract<ReaderRequest, { table: EntryTable }>) {
    replies.length = 0;
    const { themeOf, sourceOf } = request.table;
    await pool.handle(
      structuredClone(request, { transfer: [themeOf.buffer as ArrayBuffer, sourceOf.buffer as ArrayBuffer] }),
    );
    return replies.at(-1)!;
  }
  const indexTable = (table: EntryTable) => send({ kind: 'index', id: ++id, table, cacheFolder: CACHE });
  const index = (entries: readonly ShelfEntry[]) => indexTable(describe(entries));
  const discoverTable = (table: EntryTable, input: DiscoveryInput) =>
    send({ kind: 'discover', id: ++id, table, input });
  const discover = (entries: readonly ShelfEntry[], input: DiscoveryInput) => discoverTable(describe(entries), input);
  return { files, pool, replies, read, describe, index, indexTable, discover, discoverTable, held };
}
