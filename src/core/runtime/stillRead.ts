// Reading a file that may still be being written. A large collection file takes a while to save
// (VS Code writes in place; a script or `git checkout` writes it piece by piece), and a file
// watcher reports it before the writing ends: a read then sees the first part only, and papers
// would vanish from the shelf and come back. A read is taken only when the file kept its size and
// time while it was read.

export interface StillReadPort {
  /** The file's size and modification time, in ms. */
  stat(): Promise<{ size: number; mtime: number }>;
  read(): Promise<Uint8Array>;
  wait(ms: number): Promise<void>;
}

/** Reads until a read saw the file still (the same size and time before and after, every byte of it); after `attempts`, the last read. */
export async function readWhenStill(port: StillReadPort, attempts = 40, waitMs = 250): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    const before = await port.stat();
    const bytes = await port.read();
    const after = await port.stat();
    const still = before.size === after.size && before.mtime === after.mtime && bytes.byteLength === after.size;
    if (still || attempt >= attempts) return bytes;
    await port.wait(waitMs);
  }
}
