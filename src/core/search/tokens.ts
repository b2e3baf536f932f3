// How the index splits text into words, and the arXiv id a query names.
/**
 * Words so common in English prose (and in abstracts) that they carry no meaning for search.
 * Deliberately short: "learning", "model" or "network" stay searchable, ranking handles them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can do does for from had has have how i if in into is it its ' +
    'of on or our over so such than that the their them then there these they this those to was we ' +
    'were what when where which while who whose why will with within without would you your also ' +
    'both each not only very via'
  ).split(' '),
);

const ASCII_TOKEN = /\d{4}\.\d{1,5}|[a-z0-9]+/g;
const UNICODE_TOKEN = /\d{4}\.\d{1,5}|[\p{L}\p{N}]+/gu;
export const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Lower-cased words and numbers of `text`; new-scheme arXiv ids ('2510.01152') stay one token.
 * Accents are folded so 'Schrödinger' is found by 'schrodinger'.
 */
export function tokenize(text: string): string[] {
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  const folded = text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
  return folded.match(UNICODE_TOKEN) ?? [];
}

/** A title or query reduced to its words, for exact-title comparison. */
export function normalizeTitle(text: string): string {
  return tokenize(text).join(' ');
}

const NEW_ID = /(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])/i;
const OLD_ID = /(?<![\w-])([a-z][a-z-]*)(?:\.[a-z]{2})?\/(\d{7})(?:v\d+)?(?!\d)/i;

/** The canonical arXiv id a query names (any form: bare, arXiv:, versioned, URL), if it names one. */
export function idInQuery(query: string): string | undefined {
  const n = NEW_ID.exec(query);
  if (n) return n[1];
  const o = OLD_ID.exec(query);
  return o ? `${o[1].toLowerCase()}/${o[2]}` : undefined;
}
