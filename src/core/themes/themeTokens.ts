// The classifier's words: lower-cased, accent-folded, stemmed by a deliberately small stemmer.
import { WordTable, copyOfRange } from '../text/wordTable';
import { tokenize } from '../text/words';
/**
 * The classifier's tokens: the words of `text` (core/text/words' tokenize) as runs of ASCII
 * letters and digits, stemmed; the same normalisation for terms and text.
 */
export function stemmedWords(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) {
    if (ASCII_WORD.test(word)) out.push(cachedStem(word));
    else for (const part of word.match(ASCII_PARTS) ?? []) out.push(cachedStem(part));
  }
  return out;
}

const ASCII_WORD = /^[a-z0-9]+$/;
const ASCII_PARTS = /[a-z0-9]+/g;

/**
 * Words already read, each with its token (its stem when that is a term's token, else ''), found
 * by a hash of their characters where they stand in the text. Holds at most MAX_WORDS words,
 * then starts afresh.
 */
export class TokenCache {
  private table = new WordTable();
  private tokens: string[] = [];

  constructor(private readonly tokenOf: (word: string) => string) {}

  /** The token of the word `text[start, end)`, whose hash is `h`. */
  token(text: string, start: number, end: number, h: number): string {
    const found = this.table.find(text, start, end, h);
    if (found >= 0) return this.tokens[found];
    if (this.table.size >= MAX_WORDS) {
      this.table = new WordTable();
      this.tokens = [];
    }
    const word = copyOfRange(text, start, end);
    const token = this.tokenOf(word);
    this.tokens[this.table.add(word, h)] = token;
    return token;
  }
}

const MAX_WORDS = 100_000;

/** a-z -> 1..26, 0-9 -> 27..36, anything else (a word boundary) -> 0. */
export function keyCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 48 && c <= 57) return c - 21;
  return 0;
}

export const KEY_SPACE = 37 * 37 * 37;

/** A word's key: its first three characters (0-padded when shorter). */
function wordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < 3; i++) key = key * 37 + (i < word.length ? keyCode(word.charCodeAt(i)) : 0);
  return key;
}

/**
 * The keys of every word that `stem` can turn into `token`. `stem` only cuts endings, except
 * that '-ies' becomes '-y', so all but the stem's last character begin the word: a stem of four
 * or more characters shares the word's first three; a three-character stem ending in 'y' may
 * come from '..ies' (key '..i'); a two-character stem is the word itself or comes from a
 * four-character '..es' ('sses', 'ches', 'shes', 'axes'); shorter words are never stemmed.
 */
export function wordKeysStemmingTo(token: string): number[] {
  const keys = [wordKey(token)];
  if (token.length === 3 && token.endsWith('y')) keys.push(wordKey(`${token.slice(0, 2)}i`));
  if (token.length === 2) keys.push(wordKey(`${token}e`));
  return keys;
}

const STEMS = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

/** `stem`, remembered: a shelf's vocabulary repeats across thousands of summaries. */
function cachedStem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    if (STEMS.size >= MAX_CACHED_STEMS) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}

/**
 * A deliberately small stemmer: folds plurals and -ing/-ed/-e endings so that 'agents' meets
 * 'agent' and 'quantized' meets 'quantize', without the surprises of a full Porter stemmer.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|as)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
