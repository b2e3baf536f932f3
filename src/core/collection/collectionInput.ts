// Guards between the bytes of a collection file and the parser: files other people wrote (a
// shared repository, a synced folder) can be huge, binary, or not UTF-8. Shared by the extension
// and the command-line tool; no 'vscode' import.
//
// - sizeProblem: a file over the size limit is refused before it is read, naming the limit.
// - decodeCollection: a binary file (NUL bytes, or mostly undecodable) yields one problem and no
//   text; invalid UTF-8 is read with U+FFFD in place of the bad bytes and reported once, where
//   the first bad byte is.
// (Parsing in slices, and again only where a file changed: collectionReader.ts.)
// - capProblems: at most N problems per file, plus one summary of the rest.
import type { Problem } from '../model/types';

/** Default of the setting paperShelf.maxCollectionFileMB. */
export const DEFAULT_MAX_COLLECTION_MB = 50;
/** Problems shown per file; the rest are summed up in one more. */
export const MAX_PROBLEMS_PER_FILE = 1000;

/** Codes of the problems this module reports (besides the parser's own). */
export const INPUT_PROBLEM_CODES = [
  'file-too-large',
  'not-text',
  'invalid-utf8',
  'more-problems',
  'link-outside-workspace',
  'link-not-followed',
] as const;

function problem(
  file: string,
  severity: Problem['severity'],
  code: (typeof INPUT_PROBLEM_CODES)[number],
  message: string,
  line = 1,
  column = 1,
): Problem {
  return { severity, code, message, location: { file, line, column } };
}

/** The limit as people say it: '50 MB', '0.5 MB'. */
function formatMegabytes(mb: number): string {
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(2))} MB`;
}

/** A problem when `size` bytes exceed `maxMB` megabytes (MiB); undefined when the file may be read. */
export function sizeProblem(
  size: number,
  maxMB: number,
  file: string,
  setting = 'paperShelf.maxCollectionFileMB',
): Problem | undefined {
  if (!(maxMB > 0) || size <= maxMB * 1024 * 1024) return undefined;
  const actual = formatMegabytes(Math.ceil((size / 1024 / 1024) * 10) / 10);
  return problem(
    file,
    'error',
    'file-too-large',
    `This collection file is ${actual}, over the ${formatMegabytes(maxMB)} limit (${setting}); Paper Shelf does not read it. Split it, or raise the limit.`,
  );
}

/** A collection file that is a symbolic link leaving the workspace: never read, never written through. */
export function linkOutsideProblem(file: string): Problem {
  return problem(
    file,
    'error',
    'link-outside-workspace',
    'This collection file is a symbolic link to a file outside the workspace; Paper Shelf neither reads it nor writes through it. Copy the file into the workspace, or link to one inside it.',
  );
}

/** A symbolic link where the file system gives no way to see where it leads (a browser, a virtual folder). */
export function linkNotFollowedProblem(file: string): Problem {
  return problem(
    file,
    'error',
    'link-not-followed',
    'This collection file is a symbolic link, and where it leads cannot be checked here (no local disk: VS Code for the Web or a virtual folder); Paper Shelf neither reads it nor writes through it. Use the file itself instead of a link.',
  );
}

/** Bytes at the start of a file that tell whether it is text (looksBinary). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * True for bytes that are not text: in the first 64 KB, more than a tenth (and more than four)
 * of the characters are NULs, other control characters or undecodable bytes. A stray control
 * character in a text file is not enough; UTF-16 text counts as binary (it is not UTF-8).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (!head.length) return false;
  const text = new TextDecoder('utf-8').decode(head);
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b)) odd++;
  }
  return odd > Math.max(4, text.length * 0.1);
}

export interface DecodedCollection {
  /** The text to parse; undefined when the file is not text at all. */
  text: string | undefined;
  problems: Problem[];
}

/** Bytes of a collection file as text, with the problems of its encoding. */
export function decodeCollection(bytes: Uint8Array, file: string): DecodedCollection {
  if (looksBinary(bytes)) {
    return {
      text: undefined,
      problems: [
        problem(
          file,
          'error',
          'not-text',
          'This file is not text (it holds binary data), so it cannot be a collection file; Paper Shelf ignores it. Rename it, or narrow paperShelf.collectionFiles.',
        ),
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problems: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\ufffd');
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
        line++;
        lineStart = i + 1;
      }
    }
    let count = 0;
    for (let i = at; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) count++;
    return {
      text,
      problems: [
        problem(
          file,
          'warning',
          'invalid-utf8',
          `This file is not valid UTF-8: ${count === 1 ? 'a byte sequence was' : `${count} byte sequences were`} read as \u201c\ufffd\u201d (the first here). Save the file as UTF-8; Paper Shelf does not rewrite it until then.`,
          line,
          at - lineStart + 1,
        ),
      ],
    };
  }
}

/** At most `max` problems, in order, and one more that counts the rest by code. */
export function capProblems(problems: readonly Problem[], file: string, max = MAX_PROBLEMS_PER_FILE): Problem[] {
  if (problems.length <= max) return [...problems];
  const rest = problems.slice(max);
  const byCode = new Map<string, number>();
  for (const p of rest) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  const counts = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');
  const summary = problem(
    file,
    'warning',
    'more-problems',
    `${rest.length} more problems in this file are not listed (${counts}); only the first ${max} are. Run "paper-shelf check" on the file for all of them.`,
  );
  return [summary, ...problems.slice(0, max)];
}
