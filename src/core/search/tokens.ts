// The words search skips, and how it compares titles (its words are core/text/words' tokenize).
import { NON_ASCII, isWordCode, newIdEnd, tokenize } from '../text/words';
import { hashStep, HASH_START } from '../text/wordTable';

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

/** A title or query reduced to its words, for exact-title comparison. */
export function normalizeTitle(text: string): string {
  return tokenize(text).join(' ');
}

const lowerAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * A small number standing for `normalizeTitle(text)`: equal titles give equal keys (different ones
 * rarely do, so a hit is compared again). An ASCII title is read once, where it stands, with
 * `tokenize`'s rule (a new-scheme id is one word), and no string is made: a large shelf's index
 * keys every title this way when it is built or restored.
 */
export function titleKey(text: string): number {
  if (NON_ASCII.test(text)) return keyOfNormalized(normalizeTitle(text));
  const n = text.length;
  let h = HASH_START;
  let words = 0;
  let i = 0;
  while (i < n) {
    const c = lowerAscii(text.charCodeAt(i));
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    // The words joined by one space, as normalizeTitle joins them.
    if (words++ > 0) h = hashStep(h, 32);
    h = hashStep(h, c);
    let end = i + 1;
    const idEnd = c <= 57 ? newIdEnd(text, i) : -1; // a digit
    if (idEnd > 0) for (; end < idEnd; end++) h = hashStep(h, text.charCodeAt(end));
    else
      for (; end < n; end++) {
        const d = lowerAscii(text.charCodeAt(end));
        if (!isWordCode(d)) break;
        h = hashStep(h, d);
      }
    i = end;
  }
  return h & 0x3fffffff;
}

function keyOfNormalized(normal: string): number {
  let h = HASH_START;
  for (let k = 0; k < normal.length; k++) h = hashStep(h, normal.charCodeAt(k));
  return h & 0x3fffffff;
}
