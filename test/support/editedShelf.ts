// A collection text made of the shipped papers' blocks, and edits of it (add, change, remove,
// reorder blocks), for the tests of incremental updates: each edit is checked against a shelf and
// an index built from scratch.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/** The shipped collection's blocks (each ending with its `---` line). */
export function seedBlocks(): string[] {
  const text = readFileSync(path.join(REPO_ROOT, 'seeds', 'papers.txt'), 'utf8');
  return text
    .split(/^---[ \t]*\r?\n/m)
    .filter((b) => b.trim())
    .map((b) => `${b.trimEnd()}\n---\n`);
}

/** A block of a paper the shelf does not have. */
export function newBlock(n: number, words = 'graph neural networks for sparse retrieval'): string {
  return `Title: A new study ${n} of ${words}\nPDF: https://arxiv.org/pdf/2601.${String(20000 + n)}\nSummary: We study ${words} with ${n} new benchmarks.\n---\n`;
}

export type Edit =
  | { kind: 'add'; at: number; block: string }
  | { kind: 'change'; at: number; text: string }
  | { kind: 'remove'; at: number }
  | { kind: 'move'; from: number; to: number };

/** The blocks after one edit (positions are taken modulo the number of blocks). */
export function applyEdit(blocks: readonly string[], edit: Edit): string[] {
  const out = [...blocks];
  const n = Math.max(1, out.length);
  if (edit.kind === 'add') out.splice(edit.at % (n + 1), 0, edit.block);
  else if (edit.kind === 'change' && out.length)
    out[edit.at % n] = out[edit.at % n]!.replace(/^Summary: /m, `Summary: ${edit.text} `);
  else if (edit.kind === 'remove' && out.length) out.splice(edit.at % n, 1);
  else if (edit.kind === 'move' && out.length) {
    const [b] = out.splice(edit.from % n, 1);
    out.splice(edit.to % n, 0, b!);
  }
  return out;
}
