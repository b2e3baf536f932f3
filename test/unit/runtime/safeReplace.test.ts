import * as assert from 'node:assert/strict';
import {
  FileOperationError,
  describeFileError,
  safeReplace,
  sameVersion,
  tempName,
  type FilePort,
  type FileVersion,
} from '../../../src/core/runtime/safeReplace';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** An in-memory file system with hooks to fail a write or change a file behind the writer's back. */
class MemoryFiles implements FilePort<string> {
  readonly files = new Map<string, FileVersion>();
  clock = 1;
  reads = 0;
  failWrite: Error | undefined;
  failRead: Error | undefined;
  /** Runs after each temporary file is written, before the check (another program saving). */
  afterWrite: (() => void) | undefined;

  put(name: string, s: string): void {
    this.files.set(name, { bytes: bytes(s), mtime: this.clock++ });
  }
  async read(file: string) {
    this.reads++;
    if (this.failRead) throw this.failRead;
    return this.files.get(file);
  }
  tempBeside(file: string) {
    return `${file}.${tempName('x')}`;
  }
  async writeNew(temp: string, b: Uint8Array) {
    if (this.files.has(temp)) throw new Error('EEXIST');
    // A full disk fails mid-write: the partial file exists until someone removes it.
    this.files.set(temp, { bytes: b.slice(0, 1), mtime: this.clock++ });
    if (this.failWrite) throw this.failWrite;
    this.files.set(temp, { bytes: b, mtime: this.clock++ });
    this.afterWrite?.();
  }
  async rename(from: string, to: string) {
    const f = this.files.get(from)!;
    this.files.delete(from);
    this.files.set(to, { ...f, mtime: this.clock++ });
  }
  async deleteQuietly(file: string) {
    this.files.delete(file);
  }
  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

const append = (suffix: string) => (current: FileVersion | undefined) => ({
  bytes: bytes(`${current ? text(current.bytes) : ''}${suffix}`),
  result: suffix,
});

describe('runtime: safe file replacement', () => {
  it('replaces the file through a temporary file and leaves nothing else behind', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'old\n');
    const outcome = await safeReplace(fs, 'a.txt', append('new\n'));
    assert.deepEqual(outcome, { kind: 'written', result: 'new\n' });
    assert.equal(text(fs.files.get('a.txt')!.bytes), 'old\nnew\n');
    assert.deepEqual(fs.names(), ['a.txt']);
  });

  it('creates a file that does not exist, and writes nothing when the edit changes nothing', async () => {
    const fs = new MemoryFiles();
    assert.equal((await safeReplace(fs, 'n.txt', append('x'))).kind, 'written');
    assert.equal(text(fs.files.get('n.txt')!.bytes), 'x');
    const mtime = fs.files.get('n.txt')!.mtime;
    assert.deepEqual(await safeReplace(fs, 'n.txt', (c) => ({ bytes: c!.bytes, result: 1 })), {
      kind: 'unchanged',
      result: 1,
    });
    assert.deepEqual(await safeReplace(fs, 'n.txt', () => ({ bytes: undefined, result: 2 })), {
      kind: 'unchanged',
      result: 2,
    });
    assert.equal(fs.files.get('n.txt')!.mtime, mtime, 'not rewritten');
  });

  it('recomputes the edit from the new text when the file changed meanwhile, keeping both changes', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'old\n');
    let once = true;
    fs.afterWrite = () => {
      if (once) fs.put('a.txt', 'old\ntheirs\n');
      once = false;
    };
    assert.equal((await safeReplace(fs, 'a.txt', append('ours\n'))).kind, 'written');
    assert.equal(text(fs.files.get('a.txt')!.bytes), 'old\ntheirs\nours\n');
    assert.deepEqual(fs.names(), ['a.txt']);
  });

  it('gives up on a file that keeps changing, leaving the other program its text', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'old\n');
    let n = 0;
    fs.afterWrite = () => fs.put('a.txt', `theirs ${++n}\n`);
    assert.deepEqual(await safeReplace(fs, 'a.txt', append('ours\n')), { kind: 'changed' });
    assert.equal(n, 3, 'three attempts by default');
    assert.equal(text(fs.files.get('a.txt')!.bytes), 'theirs 3\n');
    assert.deepEqual(fs.names(), ['a.txt']);
  });

  it('tells a file saved again with the same bytes by its modification time', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'same\n');
    fs.afterWrite = () => fs.put('a.txt', 'same\n');
    assert.deepEqual(await safeReplace(fs, 'a.txt', append('x'), { attempts: 1 }), { kind: 'changed' });
    const v = { bytes: bytes('s'), mtime: 1 };
    assert.equal(sameVersion(v, { ...v }), true);
    assert.equal(sameVersion(v, { ...v, mtime: 2 }), false);
    assert.equal(sameVersion(v, undefined), false);
    assert.equal(sameVersion(undefined, undefined), true);
  });

  it('with an expected version, a file changed since then counts as changed (no retry)', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'old\n');
    const expected = await fs.read('a.txt');
    fs.put('a.txt', 'theirs\n');
    assert.deepEqual(await safeReplace(fs, 'a.txt', append('ours\n'), { attempts: 1, expected }), {
      kind: 'changed',
    });
    assert.equal(text(fs.files.get('a.txt')!.bytes), 'theirs\n');
    assert.deepEqual(fs.names(), ['a.txt']);
    assert.equal((await safeReplace(fs, 'b.txt', append('x'), { attempts: 1, expected: undefined })).kind, 'written');
  });

  it('a failed write (a full disk) leaves the file as it was and removes the partial temporary file', async () => {
    const fs = new MemoryFiles();
    fs.put('a.txt', 'old\n');
    const before = fs.files.get('a.txt');
    fs.failWrite = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await assert.rejects(safeReplace(fs, 'a.txt', append('new\n')), (err: unknown) => {
      assert.ok(err instanceof FileOperationError);
      assert.equal(err.operation, 'write');
      assert.equal(err.cause, fs.failWrite);
      assert.equal(describeFileError(err.cause), 'the disk is full (no space left on the device)');
      return true;
    });
    assert.equal(fs.files.get('a.txt'), before);
    assert.deepEqual(fs.names(), ['a.txt']);
  });

  it('a failed read is a read error; errors of the edit itself pass through', async () => {
    const fs = new MemoryFiles();
    fs.failRead = new Error('EACCES: permission denied');
    await assert.rejects(
      safeReplace(fs, 'a.txt', append('x')),
      (err: unknown) => err instanceof FileOperationError && err.operation === 'read',
    );
    fs.failRead = undefined;
    const mine = new Error('not UTF-8');
    await assert.rejects(
      safeReplace(fs, 'a.txt', () => {
        throw mine;
      }),
      (err: unknown) => err === mine,
    );
    assert.deepEqual(fs.names(), []);
  });

  it('describes file errors in plain words, by code or by message', () => {
    const e = (code: string, message = code) => Object.assign(new Error(message), { code });
    assert.equal(describeFileError(e('ENOSPC')), 'the disk is full (no space left on the device)');
    assert.equal(
      describeFileError(new Error('No space left on device')),
      'the disk is full (no space left on the device)',
    );
    assert.equal(describeFileError(e('EDQUOT')), 'the disk quota is used up (no space left for this user)');
    assert.equal(describeFileError(e('EROFS')), 'the disk is read-only');
    assert.equal(describeFileError(e('EACCES')), 'permission denied');
    assert.equal(describeFileError(e('EPERM')), 'permission denied');
    assert.equal(describeFileError(e('NoPermissions', 'whatever')), 'permission denied');
    assert.equal(describeFileError(e('ENOENT')), 'no such file');
    assert.equal(describeFileError(e('EISDIR')), 'it is a directory');
    assert.equal(describeFileError(new Error('something odd')), 'something odd');
    assert.match(tempName('refs.bib'), /^\.refs\.bib\.paper-shelf-[a-z0-9]+\.tmp$/);
  });
});
