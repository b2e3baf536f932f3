// Reading .bib files: a tolerant reader for the bibliography and for imports.
import { findArxivIds, parseArxivId } from '../arxiv/arxivId';
import type { Problem } from '../model/types';
export interface BibEntry {
  /** Entry type, lower-case ('misc', 'article'). */
  type: string;
  key: string;
  /** Field name (lower-case) -> value: outer delimiters removed, `#` concatenations and @string macros resolved. */
  fields: Record<string, string>;
  /** Offsets of the entry in the text: from its '@' to just after its closing delimiter. */
  start: number;
  end: number;
  /** Offsets of the key. */
  keyStart: number;
  keyEnd: number;
  /** Where the entry starts (1-based). */
  location: { line: number; column: number };
}

export interface BibParseResult {
  entries: BibEntry[];
  /** @string definitions (lower-case name -> value). */
  strings: Record<string, string>;
  problems: Problem[];
}

const MONTHS: Record<string, string> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

class BibSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * A tolerant .bib reader: everything outside entries is a comment, @comment/@preamble are
 * skipped, @string macros are expanded, and a broken entry costs only itself (reading resumes
 * at the next line starting with '@'). Never throws.
 */
export function parseBibtex(text: string, file = ''): BibParseResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const locate = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const entries: BibEntry[] = [];
  const strings: Record<string, string> = {};
  const problems: Problem[] = [];
  const seenKeys = new Map<string, number>();
  const problem = (severity: Problem['severity'], message: string, offset: number, code: string) =>
    problems.push({ severity, message, code, location: { file, ...locate(offset) } });

  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (message: string, code = 'bib-syntax'): never => {
    throw new BibSyntaxError(message, i, code);
  };
  const readBraced = (): string => {
    // text[i] === '{'
    const begin = i + 1;
    let depth = 0;
    // bibtex and biber count every brace, "\{" included, so this does too.
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return text.slice(begin, i - 1);
      } else if (
        c === '@' &&
        depth === 1 &&
        /\n\s*$/.test(text.slice(Math.max(0, i - 80), i)) &&
        /^@[A-Za-z]+\s*[{(]/.test(text.slice(i, i + 40))
      ) {
        fail('Unbalanced braces: the value runs into the next entry.', 'bib-unbalanced');
      }
    }
    return fail('Unbalanced braces: the value is not closed.', 'bib-unbalanced');
  };
  const readQuoted = (): string => {
    const begin = ++i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        i++;
        return text.slice(begin, i - 1);
      }
    }
    return fail('A quoted value is not closed.', 'bib-unbalanced');
  };
  const readValue = (): string => {
    let value = '';
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === '{') value += readBraced();
      else if (c === '"') value += readQuoted();
      else {
        const word = /^[^\s,#{}()"=]+/.exec(text.slice(i, i + 200))?.[0];
        if (!word) fail('A field value is missing.', 'bib-missing-value');
        const start = i;
        i += word!.length;
        if (/^\d+$/.test(word!)) value += word;
        else {
          const name = word!.toLowerCase();
          if (strings[name] !== undefined) value += strings[name];
          else if (MONTHS[name]) value += MONTHS[name];
          else {
            problem('warning', `Unknown @string macro "${word}".`, start, 'bib-unknown-macro');
            value += word;
          }
        }
      }
      skipSpace();
      if (text[i] === '#') {
        i++;
        continue;
      }
      return value;
    }
  };

  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    i = at + 1;
    // A '%' line is a comment for people (and biber), even though bibtex itself ignores '%'.
    if (/^[ \t]*%/.test(text.slice(text.lastIndexOf('\n', at) + 1, at))) continue;
    const type = /^[A-Za-z][\w-]*/.exec(text.slice(i, i + 64))?.[0];
    if (!type) continue;
    i += type.length;
    skipSpace();
    const open = text[i];
    if (open !== '{' && open !== '(') continue; // an '@' in a comment
    const close = open === '{' ? '}' : ')';
    const lower = type.toLowerCase();
    try {
      if (lower === 'comment') {
        if (open === '{') readBraced();
        else i = text.indexOf(')', i) < 0 ? text.length : text.indexOf(')', i) + 1;
        continue;
      }
      i++;
      if (lower === 'preamble') {
        readValue();
        skipSpace();
        if (text[i] !== close) fail(`Expected "${close}" to close @preamble.`);
        i++;
        continue;
      }
      if (lower === 'string') {
        skipSpace();
        const name = /^[^\s={}(),#"]+/.exec(text.slice(i, i + 200))?.[0];
        if (!name) fail('@string needs a name.');
        i += name!.length;
        skipSpace();
        if (text[i] !== '=') fail('Expected "=" in @string.');
        i++;
        strings[name!.toLowerCase()] = readValue();
        skipSpace();
        if (text[i] !== close) fail(`Expected "${close}" to close @string.`);
        i++;
        continue;
      }
      skipSpace();
      const keyStart = i;
      const keyMatch = (open === '{' ? /^[^\s,{}]*/ : /^[^\s,{}()]*/).exec(text.slice(i, i + 1000))![0];
      i += keyMatch.length;
      const entry: BibEntry = {
        type: lower,
        key: keyMatch,
        fields: {},
        start: at,
        end: at,
        keyStart,
        keyEnd: i,
        location: locate(at),
      };
      if (!keyMatch) problem('warning', `@${type} entry without a key.`, at, 'bib-missing-key');
      try {
        for (;;) {
          skipSpace();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === close) {
            i++;
            break;
          }
          if (i >= text.length) fail(`Entry "${keyMatch}" is not closed.`, 'bib-unclosed');
          const name = /^[^\s=,{}()"#]+/.exec(text.slice(i, i + 200))?.[0];
          if (!name) fail(`Unexpected "${text[i]}" in entry "${keyMatch}".`);
          i += name!.length;
          skipSpace();
          if (text[i] !== '=') fail(`Expected "=" after field "${name}" in entry "${keyMatch}".`);
          i++;
          const field = name!.toLowerCase();
          const value = readValue();
          if (field in entry.fields)
            problem('warning', `Field "${field}" appears twice in entry "${keyMatch}".`, i, 'bib-duplicate-field');
          else entry.fields[field] = value;
        }
      } finally {
        entry.end = i;
        if (keyMatch) {
          if (seenKeys.has(keyMatch)) problem('warning', `Duplicate key "${keyMatch}".`, at, 'bib-duplicate-key');
          else seenKeys.set(keyMatch, entries.length);
          entries.push(entry);
        }
      }
    } catch (err) {
      if (!(err instanceof BibSyntaxError)) throw err;
      problem('error', err.message, err.offset, err.code);
      // Resume at the next line that starts an entry.
      const resume = /^[ \t]*@/gm;
      resume.lastIndex = Math.max(at + 1, text.lastIndexOf('\n', err.offset - 1) + 1);
      const m = resume.exec(text);
      i = m ? m.index : text.length;
    }
  }
  return { entries, strings, problems };
}

const ARXIV_PREFIXES = /^(arxiv|arXiv)$/i;

/**
 * The arXiv id (canonical, without version) an entry refers to, from whichever field names it:
 * eprint (when archivePrefix/eprinttype is arXiv or absent), arxivid/arxiv, url, doi
 * (10.48550/arXiv.*), or a mention in note/howpublished/journal. Undefined when none does.
 */
export function arxivIdOfBibEntry(entry: Pick<BibEntry, 'fields'>): string | undefined {
  const f = entry.fields;
  const prefix = (f['archiveprefix'] ?? f['eprinttype'] ?? '').trim();
  if (f['eprint'] && (!prefix || ARXIV_PREFIXES.test(prefix))) {
    const id = parseArxivId(f['eprint'].trim())?.id;
    if (id) return id;
  }
  for (const name of ['arxivid', 'arxiv', 'url', 'doi', 'eprint']) {
    const value = f[name]?.trim();
    if (!value) continue;
    if (name === 'eprint' && prefix && !ARXIV_PREFIXES.test(prefix)) continue;
    const direct = parseArxivId(value)?.id ?? parseArxivId(value.replace(/^doi:\s*/i, ''))?.id;
    if (direct) return direct;
    if (name === 'url' || name === 'doi') {
      const inside = findArxivIds(value).find((m) => m.form === 'url' || m.form === 'doi');
      if (inside) return inside.id;
    }
  }
  for (const name of ['note', 'howpublished', 'journal', 'booktitle', 'publisher']) {
    const value = f[name];
    if (!value || !/arxiv/i.test(value)) continue;
    const found = findArxivIds(value).find((m) => m.form !== 'bare' || /arxiv/i.test(value));
    if (found) return found.id;
  }
  return undefined;
}

/** True when `key` is usable as a BibTeX/biber key (no spaces, commas, braces, quotes, '#', '%'). */
export function isValidBibKey(key: string): boolean {
  return /^[^\s,{}()"#%'=\\~]+$/.test(key);
}
