// Cite keys: readable, unique on the shelf, stable, and shaped by a small pattern language.
//
// Pattern tokens (anything else outside brackets is copied when it is a key-safe character):
//   [auth]    first author's surname, lower-case ASCII ("García Márquez" -> garciamarquez);
//             without authors: the first significant title word, which [titleN] then skips
//   [Auth]    the same, capitalised (Garciamarquez)
//   [year]    four-digit year of first submission (from the id, else `published`)
//   [yy]      its last two digits
//   [title]   first significant title word; [titleN] the first N (1-9) significant words
//   [Title]   / [TitleN] the same words, each capitalised (camel case)
//   [id]      the arXiv id with '/' and '.' turned into '_' (2510_01152, hep-th_9901001)
// "Significant" skips stop words (a, the, of, are, ...); hyphenated words count as one
// (Pay-Per-Search -> paypersearch); accents are folded, other scripts dropped.
// A paper with no usable text at all falls back to "arxiv" + [id].
import { monthOf } from './shelf';
import type { Paper } from './types';

export const DEFAULT_KEY_PATTERN = '[auth][year][title2]';

/** The tokens a pattern may use, for messages and settings validation. */
export const KEY_PATTERN_TOKENS = ['auth', 'Auth', 'year', 'yy', 'title', 'Title', 'titleN', 'TitleN', 'id'] as const;

const STOP_WORDS = new Set(
  (
    'a an the and or but nor of for on in into onto to from by with without via at as is are was were be been ' +
    'being do does did can could should would will shall may might must this that these those its it their our ' +
    'we you your his her than then when where which who whom whose what how why towards toward over under ' +
    'about above across after against along among around before behind below beneath beside between beyond ' +
    'during except inside near off out outside per since through throughout till until up upon within not no ' +
    'vs versus using use'
  ).split(' '),
);

/** Characters copied from a pattern's literal text; the rest is dropped so keys stay valid everywhere. */
const LITERAL_SAFE = /[A-Za-z0-9_:.\-]/;

/** Letters that NFD does not decompose into ASCII + accents. */
const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D',
  ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ŋ: 'ng', Ŋ: 'NG',
};

/** ASCII letters and digits of a word, accents folded, everything else dropped. */
export function asciiWord(word: string): string {
  return word
    .replace(/\\[a-zA-Z]+\s*|\\./g, '') // TeX macros in titles ("\mname") and accents ("\'e" -> 'e' stays)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, (c) => FOLD[c] ?? '')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** Title words as they count for keys: hyphenated compounds joined, stop words skipped. */
export function significantTitleWords(title: string): string[] {
  const out: string[] = [];
  // Math ($...$) is not a word; neither are bare numbers.
  for (const raw of title.replace(/\$[^$]*\$/g, ' ').split(/[\s/]+/)) {
    const word = asciiWord(raw).toLowerCase();
    if (!word || /^\d+$/.test(word) || STOP_WORDS.has(word)) continue;
    out.push(word);
  }
  return out;
}

const NAME_SUFFIX = /^(jr|sr|ii|iii|iv|v|junior|senior)\.?$/i;

/** A surname from 'First Last', 'Last, First' or 'First von Last', folded to lower-case ASCII. */
export function surnameOf(author: string): string {
  const name = author.trim();
  if (!name) return '';
  let parts: string[];
  if (name.includes(',')) {
    // BibTeX 'von Last, Jr, First' or 'Last, First': the surname is before the first comma.
    parts = name.split(',')[0]!.trim().split(/\s+/);
    while (parts.length > 1 && /^\p{Ll}/u.test(parts[0]!)) parts.shift(); // von-part
  } else {
    parts = name.split(/\s+/);
    while (parts.length > 1 && NAME_SUFFIX.test(parts[parts.length - 1]!)) parts.pop();
    parts = parts.slice(-1);
  }
  return parts.map(asciiWord).join('').toLowerCase();
}

function capitalise(word: string): string {
  return word ? word[0]!.toUpperCase() + word.slice(1) : word;
}

function yearOf(paper: Paper): string {
  const month = monthOf(paper);
  return /^\d{4}/.test(month) ? month.slice(0, 4) : '';
}

/** The key a paper would get before clash resolution. */
export function baseKey(paper: Paper, pattern: string = DEFAULT_KEY_PATTERN): string {
  const words = significantTitleWords(paper.title);
  const surname = paper.authors.map(surnameOf).find((s) => s.length > 0) ?? '';
  // Without authors, [auth] borrows the first title word and the title tokens skip it.
  const usesAuth = /\[auth\]/i.test(pattern);
  const borrowed = usesAuth && !surname ? words[0] ?? '' : '';
  const titleWords = (n: number): string[] => words.slice(0, n).slice(borrowed ? 1 : 0);
  const year = yearOf(paper);
  const idToken = paper.id.replace(/[/.]/g, '_');

  let key = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern[i] === '[') {
      const close = pattern.indexOf(']', i);
      if (close > i) {
        key += expandToken(pattern.slice(i + 1, close));
        i = close + 1;
        continue;
      }
    }
    const c = pattern[i]!;
    if (LITERAL_SAFE.test(c)) key += c;
    i++;
  }

  function expandToken(token: string): string {
    const title = /^(title|Title)(\d?)$/.exec(token);
    if (title) {
      const picked = titleWords(title[2] ? Number(title[2]) : 1);
      return title[1] === 'Title' ? picked.map(capitalise).join('') : picked.join('');
    }
    switch (token) {
      case 'auth':
        return surname || borrowed;
      case 'Auth':
        return capitalise(surname || borrowed);
      case 'year':
        return year;
      case 'yy':
        return year.slice(2);
      case 'id':
        return idToken;
      default:
        return ''; // unknown tokens are reported by validateKeyPattern, never copied into keys
    }
  }

  // A key must start with a letter for pandoc (@2025x is not a citation) and must not be empty.
  if (!/[A-Za-z]/.test(key)) return `arxiv${idToken}`;
  if (!/^[A-Za-z]/.test(key)) key = `arxiv${key}`;
  return key;
}

/** Problems with a pattern (unknown tokens, unclosed brackets), as messages; empty when fine. */
export function validateKeyPattern(pattern: string): string[] {
  const problems: string[] = [];
  const re = /\[([^\]]*)(\]|$)/g;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (!m[2]) problems.push(`Unclosed "[" in the cite key pattern "${pattern}".`);
    else if (!/^(auth|Auth|year|yy|title\d?|Title\d?|id)$/.test(m[1]!)) {
      problems.push(`Unknown token [${m[1]}] in the cite key pattern; known: ${KEY_PATTERN_TOKENS.map((t) => `[${t}]`).join(' ')}.`);
    }
    if (!m[2]) break;
  }
  return problems;
}

/** 'a', 'b', ..., 'z', 'aa', 'ab', ...: the n-th clash suffix (n >= 0). */
export function clashSuffix(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** Plain code-unit order: the same on every machine; for new-scheme ids, older papers first. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Unique keys for all papers (id -> key): pinned keys kept, clashes suffixed a, b, ... deterministically.
 * Within a group of papers sharing a base key, the paper with the smallest id (the oldest, for
 * new-style ids) keeps the bare key and the others get suffixes in id order, so the result does not
 * depend on the order papers arrive in. A suffixed key never takes a key another paper has as base.
 */
export function assignKeys(
  papers: readonly Paper[],
  pinned: ReadonlyMap<string, string> = new Map(),
  pattern: string = DEFAULT_KEY_PATTERN,
): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const unpinned: { id: string; base: string }[] = [];

  const sorted = [...papers].sort((x, y) => compareIds(x.id, y.id));
  for (const paper of sorted) {
    const key = pinned.get(paper.id);
    if (key && !taken.has(key)) {
      result.set(paper.id, key);
      taken.add(key);
    }
  }
  for (const paper of sorted) {
    if (result.has(paper.id)) continue;
    unpinned.push({ id: paper.id, base: baseKey(paper, pattern) });
  }
  // First pass: the first paper of each base key takes it when free.
  const rest: { id: string; base: string }[] = [];
  for (const p of unpinned) {
    if (!taken.has(p.base)) {
      result.set(p.id, p.base);
      taken.add(p.base);
    } else rest.push(p);
  }
  // Second pass: the others get the first free suffix; bases of all papers stay reserved.
  const bases = new Set(unpinned.map((p) => p.base));
  for (const p of rest) {
    let n = 0;
    let key = p.base + clashSuffix(n);
    while (taken.has(key) || bases.has(key)) key = p.base + clashSuffix(++n);
    result.set(p.id, key);
    taken.add(key);
  }
  return result;
}
