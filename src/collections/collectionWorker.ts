// The worker thread that reads and parses large collection files off the extension host's
// thread, and builds the search index of a shelf made mostly of them (Node extension hosts only;
// bundled to dist/collectionWorker.js). All it does is give the core's ReaderPool the file system
// and the channel to the host.
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { ReaderPool, type ReaderRequest } from '../core/collection/readerProtocol';
import { readCollectionFile } from './readCollectionFile';
import { sameBytes } from './sameBytes';

const port = parentPort;
if (port) {
  const pool = new ReaderPool(
    readCollectionFile,
    (reply, transfer) => port.postMessage(reply, transfer),
    join,
    true,
    sameBytes,
  );
  // One request at a time: reads of one file must not overtake each other, nor an index its reads.
  // The host's acknowledgements of batches are taken at once (a read waits for them).
  let queue = Promise.resolve();
  port.on('message', (request: ReaderRequest) => {
    if (request.kind === 'ack') return pool.acknowledge();
    queue = queue.then(() => pool.handle(request)).catch(() => undefined);
  });
}
