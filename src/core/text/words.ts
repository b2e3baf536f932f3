// Words of free text, read one way everywhere: accents folded, lower-cased, letters and digits.
// Search indexes these words, the theme classifier stems them, cite keys keep their ASCII.

/** Anything outside 7-bit ASCII: text without it (most of it) skips the Unicode work. */
export const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII_TOKEN = /\d{4}\.\d{1,5}|[a-z0-9]+/g;

/** An ASCII digit's code. */
export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** The code of a character of an ASCII word as `tokenize` reads it (lower case or a digit). */
export const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || isDigitCode(c);

/**
 * Where the new-scheme id that starts at `i` ends ('2510.01152': four digits, a dot and up to five
 * digits, which `tokenize` keeps as one word), or -1 when none starts there. For scanners that read
 * ASCII words in place, as `tokenize` would split them.
 */
export function newIdEnd(text: string, i: number): number {
  const n = text.length;
  if (!(
    i + 5 < n &&
    isDigitCode(text.charCodeAt(i)) &&
    isDigitCode(text.charCodeAt(i + 1)) &&
    isDigitCode(text.charCodeAt(i + 2)) &&
    isDigitCode(text.charCodeAt(i + 3)) &&
    text.charCodeAt(i + 4) === 46 /* . */ &&
    isDigitCode(text.charCodeAt(i + 5))
  ))
    return -1;
  let end = i + 6;
  while (end < n && end < i + 10 && isDigitCode(text.charCodeAt(end))) end++;
  return end;
}
const UNICODE_TOKEN = /\d{4}\.\d{1,5}|[\p{L}\p{N}]+/gu;

/**
 * `text` with accents folded away: compatibility decomposition (NFKD: 'é' -> 'e' + mark,
 * 'ﬁ' -> 'fi', '²' -> '2'), then every combining mark dropped. ASCII text comes back as it is.
 */
export function foldAccents(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARKS, '') : text;
}

/**
 * Lower-cased words and numbers of `text`, accents folded ('Schrödinger' -> 'schrodinger');
 * a new-scheme arXiv id ('2510.01152') stays one token.
 */
export function tokenize(text: string): string[] {
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  return foldAccents(text).toLowerCase().match(UNICODE_TOKEN) ?? [];
}
