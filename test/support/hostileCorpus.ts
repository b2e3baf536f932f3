// The hostile-input corpus (test/fixtures/hostile/, described in its README.md) and the big
// inputs generated at test time (never committed): a 1 MB single line, 10,000 duplicate ids and a
// 100 MB collection file.
import * as fs from 'node:fs';
import * as path from 'node:path';

// Compiled to out/test/unit/: the repo root is three levels up.
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const HOSTILE_DIR = path.join(ROOT, 'test', 'fixtures', 'hostile');

/** The marker every payload carries: seen executed, fetched or unescaped, it is a failure. */
export const MARKER = 'PSXPWN';

/** Collection files of the corpus: name -> bytes. */
export const CORPUS_FILES = ['hostile.papers.txt', 'invalid-utf8.papers.txt', 'binary.papers.txt'] as const;

export function corpusBytes(name: string): Buffer {
  return fs.readFileSync(path.join(HOSTILE_DIR, name));
}

export function corpusText(name: string): string {
  return corpusBytes(name).toString('utf8');
}

/** One paper whose title is a single line of `bytes` characters. */
export function megabyteLine(bytes = 1024 * 1024): string {
  const title = `<script>alert('${MARKER}')</script> ${'A'.repeat(bytes)}`;
  return `Title: ${title}\nID: 2501.19999\nSummary: ${'B'.repeat(bytes)}\n`;
}

/** `count` blocks that all name the same arXiv id. */
export function duplicateIds(count = 10_000, id = '2501.18888'): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++)
    blocks.push(`Title: Copy ${i} of the same paper\nID: ${id}\nTags: copy${i % 10}\nSummary: Entry ${i}.`);
  return `${blocks.join('\n---\n')}\n`;
}

/**
 * Writes a collection file of about `bytes` bytes (valid blocks repeated) quickly: one block
 * buffer written over and over. Returns its path.
 */
export function writeHugeCollection(file: string, bytes = 100 * 1024 * 1024): string {
  const block = Buffer.from(`Title: Filler paper\nID: 2501.17777\nSummary: ${'filler '.repeat(140)}\n---\n`);
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / block.length) }, () => block));
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; written += chunk.length) fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
