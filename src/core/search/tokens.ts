// The words search skips, and how it compares titles (its words are core/text/words' tokenize).
import { tokenize } from '../text/words';

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
