// Where the tool's words go and how they look: plain text into pipes and files, a little colour
// on a terminal (never with NO_COLOR), JSON exactly as documented.
import { shortName, texToPlain, texToPlainLine } from '../core/tex/texText';
import { neutraliseInvisible } from '../core/text/invisible';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour and wrapping are for people at a terminal only. */
  readonly color: boolean;
  /** Terminal width when stdout is a terminal; undefined in a pipe (no wrapping). */
  readonly columns: number | undefined;
  /** Reads standard input (for the file name '-'). */
  readStdin(): Promise<string>;
}

export function processIo(): Io {
  const tty = process.stdout.isTTY === true;
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    color: tty && !noColor && process.env.TERM !== 'dumb',
    columns: tty ? process.stdout.columns || 80 : undefined,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

export type Paint = (s: string) => string;

export interface Style {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (s) =>
    s ? `\u001b[${open}m${s}\u001b[${close}m` : s;
const identity: Paint = (s) => s;

export function styleFor(io: Io): Style {
  if (!io.color) return { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

/** JSON as documented: two-space indent, one trailing newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Terminal control characters in hostile text (titles, summaries from a file) must not reach the terminal. */
export function clean(text: string): string {
  return neutraliseInvisible(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Greedy word wrap to `width` columns, each line prefixed by `indent`; no width means one line. */
export function wrap(text: string, width: number | undefined, indent = ''): string[] {
  if (!width) return [indent + text];
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || !lines.length) lines.push(indent + line);
  return lines;
}

/** No column is padded wider than this: one long cell overflows its own row, not every row. */
export const MAX_COLUMN_WIDTH = 64;

/**
 * Aligned columns separated by two spaces; the last column is not padded.
 * `paints[i]` colours column i after padding, so colour never disturbs the alignment.
 */
export function table(rows: readonly (readonly string[])[], paints: readonly (Paint | undefined)[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.min(MAX_COLUMN_WIDTH, Math.max(widths[i] ?? 0, cell.length))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i]);
        return (paints[i] ?? identity)(padded);
      })
      .join('  ')
      .trimEnd(),
  );
}

export { plural } from '../core/text/plural';

/** A title as people read it (TeX-isms resolved, as in the sidebar), safe for a terminal. */
export function displayTitle(title: string): string {
  return clean(texToPlainLine(title));
}

/** A summary's readable paragraphs (author macros named after the paper), safe for a terminal. */
export function displaySummary(summary: string, title: string): string[] {
  return texToPlain(summary, { name: shortName(title) })
    .split(/\n\s*\n/)
    .map((p) => clean(p).trim())
    .filter(Boolean);
}
