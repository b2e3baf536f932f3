// Words as stems, the one way theme discovery, naming and placement read a text: a word's stem
// (accents folded, function words, lone letters and bare numbers as ''), a text's words with
// their places, and the reader that turns a text into stem ids without copying its words out.
import { stem } from './themeTokens';
import { NON_ASCII, foldAccents } from '../text/words';
import { STOP_WORDS } from './stopWords';
import { HASH_START, WordTable, copyOfRange, hashStep } from '../text/wordTable';

/** A title word's place in the text (for names read back from titles). */
export interface WordSpan {
  /** Lower-case, accent-folded stem; '' for a function word (which breaks phrases). */
  stem: string;
  /** The word in lower case, as written. */
  lower: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const STEM_CACHE = new Map<string, string>();

/** The stem of a lower-case word, or '' for a function word, a lone letter or a bare number. */
export function wordStem(word: string): string {
  let s = STEM_CACHE.get(word);
  if (s === undefined) {
    const folded = NON_ASCII.test(word) ? foldAccents(word) : word;
    s = STOP_WORDS.has(folded) || folded.length < 2 || /^\d+$/.test(folded) ? '' : stem(folded);
    if (STEM_CACHE.size > 200_000) STEM_CACHE.clear();
    STEM_CACHE.set(word, s);
  }
  return s;
}

/** Every word of a text with its stem and place (function words with stem ''); ASCII text is scanned without a regular expression. */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  if (NON_ASCII.test(text)) {
    for (const m of text.matchAll(WORD)) {
      const lower = m[0].toLowerCase();
      out.push({ stem: wordStem(lower), lower, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = c | 32;
    if ((letter >= 97 && letter <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const lower = text.slice(start, i).toLowerCase();
      out.push({ stem: wordStem(lower), lower, start, end: i });
      start = -1;
    }
  }
  return out;
}

/** The stems of a text's words in order, '' standing for each function word. */
export function stemsOf(text: string): string[] {
  const words = text.toLowerCase().match(WORD);
  if (!words) return [];
  const out = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) out[i] = wordStem(words[i]);
  return out;
}

/**
 * Reads a text's words as ids: ASCII text word by word in place (no copies, each word's id
 * remembered), other text as `stemsOf` reads it. `idOf` numbers a stem ('' for a function word).
 */
export class WordReader {
  private words = new WordTable();
  private wordIds: number[] = [];
  /** The ids of the text last read (the first `read` returned of them). */
  ids = new Int32Array(256);

  constructor(private readonly idOf: (stem: string) => number) {}

  /** Reads `text` into `ids`; returns how many words it has. */
  read(text: string): number {
    let ids = this.ids;
    let n = 0;
    if (NON_ASCII.test(text)) {
      const words = text.toLowerCase().match(WORD) ?? [];
      if (words.length > ids.length) ids = this.ids = new Int32Array(words.length);
      for (const word of words) ids[n++] = this.idOf(wordStem(word));
      return n;
    }
    let start = -1;
    let h = HASH_START;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      const lower = c | 32;
      if ((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = HASH_START;
        }
        h = hashStep(h, c);
      } else if (start >= 0) {
        let w = this.words.find(text, start, i, h);
        if (w < 0) {
          if (this.words.size >= MAX_WORDS) {
            this.words = new WordTable();
            this.wordIds = [];
          }
          w = this.words.add(copyOfRange(text, start, i), h);
          this.wordIds[w] = this.idOf(wordStem(text.slice(start, i).toLowerCase()));
        }
        if (n === ids.length) {
          const grown = new Int32Array(2 * n);
          grown.set(ids);
          ids = this.ids = grown;
        }
        ids[n++] = this.wordIds[w]!;
        start = -1;
      }
    }
    return n;
  }
}

const MAX_WORDS = 200_000;
