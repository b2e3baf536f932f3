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

/**
 * The second round of the probe (probe.papers.txt): one block per defect it found, by arXiv id.
 * Not in CORPUS_FILES, whose counts the first round's tests pin; the probe's own tests read it.
 */
export const PROBE_FILE = 'probe.papers.txt';
export const PROBE = {
  nulKey: '2511.90001',
  pandocBreakKey: '2511.90002',
  mathKey: '2511.90003',
  bidi: '2511.90004',
  bidiKey: '2511.90005',
  lyingLink: '2511.90030',
  bareUrls: '2511.90006',
  icons: '2511.90007',
  longTitle: '2511.90008',
  longKey: '2511.90009',
  userTheme: '2511.90010',
  longFieldName: '2511.90011',
  invisibleId: '2511.90012',
} as const;

/**
 * Characters that must never be shown (they reorder or hide text) nor be part of a key or id:
 * bidi embeddings, overrides and isolates, zero-width and word joiners, the BOM, the Arabic
 * letter mark and the tag characters. Written here independently of the code under test.
 */
export const UNSEEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;

/** A cite key every tool reads alike (see README: cite keys), written independently of keyRules. */
export const SAFE_KEY = /^[A-Za-z0-9_]+(?:[:.\-/+][A-Za-z0-9_]+)*$/;

/** A symbolic link at `link` to `target` (replacing what is there). */
export function symlink(target: string, link: string): string {
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
  return link;
}

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
