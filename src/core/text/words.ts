// Words of free text, read one way everywhere: accents folded, lower-cased, letters and digits.
// Search indexes these words, the theme classifier stems them, cite keys keep their ASCII.

/** Anything outside 7-bit ASCII: text without it (most of it) skips the Unicode work. */
export const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII_TOKEN = /\d{4}\.\d{1,5}|[a-z0-9]+/g;
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
