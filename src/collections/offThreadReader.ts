// The extension host's side of the collection worker (collectionWorker.ts): large collection
// files on the local disk are read, decoded and parsed there, and only the papers the shelf
// does not have yet come back, in batches. Node extension hosts only: where no worker can be
// started (a web extension host, a worker that fails to start) WorkspaceCollections reads on
// the host in slices, as before.
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { Paper } from '../core/model/types';
import {
  assembleRead,
  type AssembledRead,
  type ReaderReply,
  type ReaderRequest,
} from '../core/collection/readerProtocol';

/** Files at least this large are read in the worker (smaller ones are quicker on the host). */
export const OFF_THREAD_FROM_BYTES = 4 * 1024 * 1024;

export interface OffThreadRead extends AssembledRead {
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
  /** Reads and parses the file at `path` (the shelf's source `key`); rejects with `code` 'ENOENT' when it is gone. */
  read(key: string, path: string): Promise<OffThreadRead>;
  /** The file left the shelf: its copy off the thread goes. */
  forget(key: string): void;
}

export class OffThreadReader implements OffThreadFiles {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { batches: Paper[][]; key: string; resolve: (r: OffThreadRead) => void; reject: (e: Error) => void }
  >();
  /** The last read of each file on the host: its papers keep being the shelf's. */
  private readonly last = new Map<string, { papers: readonly Paper[]; byId: ReadonlyMap<string, Paper> }>();

  constructor(private readonly script: string) {}

  wants(uri: vscode.Uri, size: number): boolean {
    return uri.scheme === 'file' && size >= OFF_THREAD_FROM_BYTES;
  }

  read(key: string, path: string): Promise<OffThreadRead> {
    const worker = this.start();
    const id = ++this.nextId;
    return new Promise<OffThreadRead>((resolve, reject) => {
      this.waiting.set(id, { batches: [], key, resolve, reject });
      worker.postMessage({ kind: 'read', id, key, path } satisfies ReaderRequest);
    });
  }

  forget(key: string): void {
    this.last.delete(key);
    this.worker?.postMessage({ kind: 'forget', key } satisfies ReaderRequest);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (reply: ReaderReply) => this.receive(reply));
    const fail = (err: Error) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.last.clear();
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the collection worker stopped (exit ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(reply: ReaderReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    if (reply.kind === 'papers') return void waiting.batches.push(reply.papers);
    this.waiting.delete(reply.id);
    if (reply.kind === 'failed') return waiting.reject(new OffThreadReadError(reply.message, reply.code));
    try {
      const assembled = assembleRead(waiting.batches, reply, this.last.get(waiting.key));
      this.last.set(waiting.key, assembled);
      waiting.resolve({
        ...assembled,
        problems: reply.problems,
        text: reply.text,
        bytes: reply.bytes,
        parsed: reply.parsed,
      });
    } catch (err) {
      this.last.delete(waiting.key);
      this.forget(waiting.key);
      waiting.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
