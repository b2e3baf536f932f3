// Finds citation keys in one line of LaTeX, Pandoc Markdown or BibTeX, so a hover (or a
// completion) can tell which key sits under the cursor. Pure: no editor types, offsets into the
// given text.

/** latex: \cite{key}; pandoc: [@key] or @key; bibtex: the key of a .bib entry, @misc{key, */
export type CiteStyle = 'latex' | 'pandoc' | 'bibtex';

export interface CiteKeyMatch {
  key: string;
  /** Offsets into the scanned text: text.slice(start, end) === key. */
  start: number;
  end: number;
  style: CiteStyle;
}

/**
 * Any LaTeX citation command: \cite, \citep, \citet*, \parencite, \autocite, \textcite,
 * \footcite, \citeauthor, \nocite, \Cite, and the biblatex multi-cite forms (\cites, \parencites).
 */
const LATEX_CITE = /\\(?:[A-Za-z]*[Cc]ite[A-Za-z]*|nocite)\*?/g;

/** Pandoc: '@' then a letter, digit or '_', then word characters and internal punctuation. */
const PANDOC_KEY = /@(?:\{([^{}\n]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu;

/** A BibTeX entry's head: '@type{key,' (or with parentheses); @string/@preamble/@comment have no key. */
const BIB_ENTRY = /@([A-Za-z]+)\s*[{(]\s*([^\s,{}()"#%'=\\]+)\s*,/g;

/** Every citation key in `text`, left to right. */
export function findCiteKeys(text: string): CiteKeyMatch[] {
  const out = [...latexKeys(text), ...pandocKeys(text), ...bibEntryKeys(text)];
  return out.sort((a, b) => a.start - b.start);
}

/** The key whose range covers `offset` (its end included, so a cursor right after a key counts). */
export function findCiteKeyAt(text: string, offset: number): CiteKeyMatch | undefined {
  return findCiteKeys(text).find((m) => m.start <= offset && offset <= m.end);
}

function latexKeys(text: string): CiteKeyMatch[] {
  const out: CiteKeyMatch[] = [];
  LATEX_CITE.lastIndex = 0;
  for (let m = LATEX_CITE.exec(text); m; m = LATEX_CITE.exec(text)) {
    const multi = /cites\*?$/.test(m[0]);
    let i = m.index + m[0].length;
    let sawKeys = false;
    // Optional arguments ([pre][post], biblatex (multi-pre)) and one key group; multi-cite
    // commands take several key groups in a row.
    while (i < text.length) {
      const j = skipSpaces(text, i);
      const c = text[j];
      if (c === '[' || c === '(') {
        const close = text.indexOf(c === '[' ? ']' : ')', j + 1);
        if (close < 0) break;
        i = close + 1;
      } else if (c === '{') {
        if (sawKeys && !multi) break;
        const close = text.indexOf('}', j + 1);
        const stop = close < 0 ? text.length : close;
        out.push(...splitKeys(text, j + 1, stop));
        sawKeys = true;
        i = stop + 1;
        if (close < 0) break;
      } else {
        break;
      }
    }
    LATEX_CITE.lastIndex = Math.max(LATEX_CITE.lastIndex, Math.min(i, text.length));
  }
  return out;
}

/** Comma-separated keys between `from` and `to`, trimmed, with their own offsets. */
function splitKeys(text: string, from: number, to: number): CiteKeyMatch[] {
  const out: CiteKeyMatch[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === ',') {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(text[s]!)) s++;
      while (e > s && /\s/.test(text[e - 1]!)) e--;
      if (e > s) out.push({ key: text.slice(s, e), start: s, end: e, style: 'latex' });
      start = i + 1;
    }
  }
  return out;
}

function bibEntryKeys(text: string): CiteKeyMatch[] {
  const out: CiteKeyMatch[] = [];
  BIB_ENTRY.lastIndex = 0;
  for (let m = BIB_ENTRY.exec(text); m; m = BIB_ENTRY.exec(text)) {
    if (/^(string|preamble|comment)$/i.test(m[1]!)) continue;
    const key = m[2]!;
    const start = text.indexOf(key, m.index + 1 + m[1]!.length);
    out.push({ key, start, end: start + key.length, style: 'bibtex' });
  }
  return out;
}

function pandocKeys(text: string): CiteKeyMatch[] {
  const out: CiteKeyMatch[] = [];
  PANDOC_KEY.lastIndex = 0;
  for (let m = PANDOC_KEY.exec(text); m; m = PANDOC_KEY.exec(text)) {
    // An '@' inside a word is an e-mail address or a handle, not a citation.
    const before = m.index > 0 ? text[m.index - 1]! : '';
    if (/[\p{L}\p{N}_@.\\]/u.test(before)) continue;
    // '@misc{' starts a BibTeX entry, not a citation.
    // ('@smith2020 (p. 3)' is still a citation.)
    if (m[2] !== undefined && /^(\s*\{|\()/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16)))
      continue;
    const braced = m[1] !== undefined;
    const key = braced ? m[1]!.trim() : m[2]!;
    if (!key) continue;
    const start = braced ? text.indexOf(key, m.index + 2) : m.index + 1;
    out.push({ key, start, end: start + key.length, style: 'pandoc' });
  }
  return out;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}
