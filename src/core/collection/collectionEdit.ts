// Targeted edits of a collection file's text: set or drop one field of one paper's block, take a
// block out (and put it back). Everything outside the touched lines is kept byte for byte, line
// endings included, so a co-author's diff shows exactly what changed.
import { parseCollection } from './collection';
import type { Paper } from '../model/types';
import { eolOf } from '../text/lineEndings';
import { collapseSpace } from '../text/spaces';

/** The tag that marks a starred paper in a collection file (`Tags: starred`). */
export const STARRED_TAG = 'starred';

const SEPARATOR = /^-{3,}[ \t]*$/;
const FIELD_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:/;

interface Line {
  text: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past its line ending. */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), start, end: text.length });
  return lines;
}

/** Where one paper's block sits: its first line up to and including its '---' line. */
export interface BlockRange {
  start: number;
  end: number;
  paper: Paper;
}

/** The block of the paper with this canonical id, or undefined when the text does not list it. */
export function findBlock(text: string, id: string): BlockRange | undefined {
  const paper = parseCollection(text).papers.find((p) => p.id === id);
  if (!paper) return undefined;
  const lines = splitLines(text);
  // The parser starts a block at its first line of any kind; stray lines before the first field
  // (notes, typos) are the user's and stay outside the block.
  let first = paper.source.line - 1;
  while (lines[first] && !FIELD_LINE.test(lines[first]!.text) && !SEPARATOR.test(lines[first]!.text)) first++;
  if (!lines[first] || SEPARATOR.test(lines[first]!.text)) return undefined;
  let last = first;
  while (last + 1 < lines.length && !SEPARATOR.test(lines[last]!.text)) last++;
  return { start: lines[first]!.start, end: lines[last]!.end, paper };
}

/**
 * `text` with one field of the paper's block set to `value` (or removed when `value` is
 * undefined or empty). `names` are the spellings that count as that field (first one is written).
 * Returns undefined when the paper is not in the text.
 */
export function setBlockField(
  text: string,
  id: string,
  names: readonly string[],
  value: string | undefined,
): string | undefined {
  const block = findBlock(text, id);
  if (!block) return undefined;
  const eol = eolOf(text);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const lines = splitLines(text.slice(0, block.end)).filter((l) => l.start >= block.start);
  // Existing occurrences of the field, each with its indented continuation lines.
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FIELD_LINE.exec(lines[i]!.text);
    if (!m || !wanted.has(m[1]!.toLowerCase())) continue;
    let j = i;
    while (j + 1 < lines.length && /^[ \t]+\S/.test(lines[j + 1]!.text)) j++;
    spans.push({ start: lines[i]!.start, end: lines[j]!.end });
    i = j;
  }
  const line = value ? `${names[0]}: ${collapseSpace(value)}${eol}` : '';
  if (spans.length) {
    // Replace the first occurrence, drop later duplicates; work from the end to keep offsets valid.
    let out = text;
    for (let k = spans.length - 1; k >= 0; k--) {
      const span = spans[k]!;
      const lastLineHasEol = /[\r\n]$/.test(text.slice(span.start, span.end));
      const replacement = k === 0 ? (lastLineHasEol ? line : line.slice(0, line.length - eol.length)) : '';
      out = out.slice(0, span.start) + replacement + out.slice(span.end);
    }
    return out;
  }
  if (!line) return text;
  // A new field goes before the summary (fields first, the long text last), else before '---'.
  const anchor =
    lines.find((l) => /^(summary|abstract)[ \t]*:/i.test(l.text)) ?? lines.find((l) => SEPARATOR.test(l.text));
  if (anchor) return text.slice(0, anchor.start) + line + text.slice(anchor.start);
  // The block runs to the end of the text without a separator.
  const tail = text.slice(0, block.end);
  const needsEol = !/[\r\n]$/.test(tail);
  return (
    tail +
    (needsEol ? eol : '') +
    line.slice(0, needsEol ? line.length - eol.length : line.length) +
    text.slice(block.end)
  );
}

/** `text` with the paper's tags rewritten by `update`; undefined when the paper is not listed. */
export function updateBlockTags(text: string, id: string, update: (tags: string[]) => string[]): string | undefined {
  const block = findBlock(text, id);
  if (!block) return undefined;
  const next = [...new Set(update([...block.paper.tags]))];
  if (next.join('\u0000') === block.paper.tags.join('\u0000')) return text;
  return setBlockField(text, id, ['Tags', 'Tag'], next.join(', '));
}

/** `text` without the paper's block; `removed` is the exact text taken out, at `offset`. */
export function removeBlock(text: string, id: string): { text: string; removed: string; offset: number } | undefined {
  const block = findBlock(text, id);
  if (!block) return undefined;
  return {
    text: text.slice(0, block.start) + text.slice(block.end),
    removed: text.slice(block.start, block.end),
    offset: block.start,
  };
}

/**
 * Puts a removed block back: at its old place when the text there is as it was left, else at the
 * end (after a separator). The result always lists the paper again.
 */
export function restoreBlock(text: string, removal: { removed: string; offset: number; after: string }): string {
  if (text === removal.after) return text.slice(0, removal.offset) + removal.removed + text.slice(removal.offset);
  const eol = eolOf(text);
  let out = text;
  if (out.trim()) {
    if (!/[\r\n]$/.test(out)) out += eol;
    const lastLine =
      out
        .replace(/\s+$/, '')
        .split(/\r\n|\r|\n/)
        .pop() ?? '';
    if (!SEPARATOR.test(lastLine)) out += `---${eol}`;
  }
  const block = /[\r\n]$/.test(removal.removed) ? removal.removed : removal.removed + eol;
  return out + block;
}
