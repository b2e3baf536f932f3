// Reading a file that may still be being written. A large collection file takes a while to save
// (VS Code writes in place; a script or `git checkout` writes it piece by piece), and a file
// watcher reports it before the writing ends: a read then sees the first part only, and papers
// would vanish from the shelf and come back. A read is taken only when the file kept its size and
// time while it was read.

export interface StillReadPort<T = Uint8Array> {
  /** The file's size and modification time, in ms. */
  stat(): Promise<{ size: number; mtime: number }>;
  /** Reads the file, `size` bytes long when its stat was taken; may throw ShortRead when it ended sooner. */
  read(size: number): Promise<T>;
  wait(ms: number): Promise<void>;
  /** How many bytes of the file a read gave (a byte array's length when not given). */
  lengthOf?(read: T): number;
}

/** Thrown by a read that reached the file's end before the length it was told: the file is being written. */
export class ShortRead extends Error {
  constructor() {
    super('the file ended before its length: it is being written');
  }
}

/** Reads until a read saw the file still (the same size and time before and after, every byte of it); after `attempts`, the last read. */
export async function readWhenStill<T = Uint8Array>(port: StillReadPort<T>, attempts = 40, waitMs = 250): Promise<T> {
  const lengthOf = port.lengthOf ?? ((read: T) => (read as Uint8Array).byteLength);
  for (let attempt = 1; ; attempt++) {
    const before = await port.stat();
    let read: T;
    try {
      read = await port.read(before.size);
    } catch (err) {
      if (!(err instanceof ShortRead) || attempt >= attempts) throw err;
      await port.wait(waitMs);
      continue;
    }
    const after = await port.stat();
    const still = before.size === after.size && before.mtime === after.mtime && lengthOf(read) === after.size;
    if (still || attempt >= attempts) return read;
    await port.wait(waitMs);
  }
}
