// A real full disk for the safe-write tests: a tiny tmpfs mounted on a folder and filled up, so
// writes there fail with ENOSPC from the kernel (nothing is mocked). Mounting needs root, as
// the machine and CI run; anywhere else the tests that need it fail and say why.
// Used by the CLI tests (test/cli/diskFull.test.ts), by scripts/run-integration.mjs (which mounts
// one at full-disk/ in the integration workspace copy) and by the integration tests.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** statfs f_type of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;

export const NEEDS_ROOT =
  'the disk-full tests mount a small tmpfs (mount -t tmpfs), which needs root: run them as root (the machine and CI do)';

/** Mounts a tmpfs of `size` (mount's syntax: '64k') on `dir` (created if needed); throws, saying why, when it cannot. */
export function mountTmpfs(dir: string, size = '64k'): void {
  fs.mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) throw new Error(`cannot mount a tmpfs on ${dir}: ${NEEDS_ROOT}`);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(
      `cannot mount a tmpfs on ${dir} (${(result.stderr || result.error?.message || `exit ${result.status}`).trim()}): ${NEEDS_ROOT}`,
    );
}

/** Unmounts `dir` if a tmpfs is mounted there (lazily if it is busy); never throws. */
export function unmountTmpfs(dir: string): void {
  if (!isTmpfs(dir)) return;
  if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
}

/** True when `dir` is on a tmpfs. */
export function isTmpfs(dir: string): boolean {
  try {
    return fs.statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

/** Bytes still free for an ordinary user of the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const stat = fs.statfsSync(dir);
  return stat.bavail * stat.bsize;
}

/**
 * Fills the file system holding `dir` with a file `.filler` until the kernel answers ENOSPC, then
 * gives back `leave` bytes (rounded up to whole pages). Returns the filler's path.
 */
export function fillDisk(dir: string, leave = 0): string {
  const filler = path.join(dir, '.filler');
  const fd = fs.openSync(filler, 'a');
  const chunk = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  // A last partial page can still take a few bytes.
  try {
    for (;;) fs.writeSync(fd, chunk, 0, 1);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  if (leave > 0) {
    const page = fs.statfsSync(dir).bsize;
    const size = fs.fstatSync(fd).size;
    fs.ftruncateSync(fd, Math.max(0, size - Math.ceil(leave / page) * page));
  }
  fs.closeSync(fd);
  return filler;
}
