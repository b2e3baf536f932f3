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
import { monthOf } from '../model/paper';
import { NON_ASCII, foldAccents } from '../text/words';
import type { Paper } from '../model/types';
import { MAX_CITE_KEY_LENGTH, shapeCiteKey } from './keyRules';
import { runSteps, sortSteps, type Steps } from '../runtime/yieldToHost';

export const DEFAULT_KEY_PATTERN = '[auth][year][title2]';

/** Base keys stop here, so a clash suffix (up to four letters) keeps a key within MAX_CITE_KEY_LENGTH. */
const BASE_KEY_LENGTH = MAX_CITE_KEY_LENGTH - 4;

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
const LITERAL_SAFE = /[A-Za-z0-9_:.-]/;

/** Letters that NFD does not decompose into ASCII + accents. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  ŋ: 'ng',
  Ŋ: 'NG',
};

/** Folds accents and special letters to ASCII; other non-ASCII characters are dropped. */
function foldToAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text; // the common case costs one scan
  return foldAccents(text).replace(/[^\x00-\x7f]/g, (c) => FOLD[c] ?? '');
}

/** ASCII letters and digits of a word, accents folded, everything else dropped. */
export function asciiWord(word: string): string {
  // TeX macros in titles ("\mname") go; accent commands ("\'e") leave their letter.
  const plain = word.includes('\\') ? word.replace(/\\[a-zA-Z]+\s*|\\./g, '') : word;
  return foldToAscii(plain).replace(/[^A-Za-z0-9]/g, '');
}

/** Title words as they count for keys: hyphenated compounds joined, stop words skipped; at most `limit`. */
export function significantTitleWords(title: string, limit = Infinity): string[] {
  const out: string[] = [];
  // Math ($...$) is not a word; neither are bare numbers.
  const text = title.includes('$') ? title.replace(/\$[^$]*\$/g, ' ') : title;
  for (const raw of text.split(/[\s/]+/)) {
    if (out.length >= limit) break;
    const word = asciiWord(raw).toLowerCase();
    if (!word || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    out.push(word);
  }
  return out;
}

type PatternPart = { literal: string } | { token: string };

/** Patterns parsed once: the shelf keys every paper with the same one. */
const compiledPatterns = new Map<string, { parts: PatternPart[]; titleWords: number; usesAuth: boolean }>();

function compilePattern(pattern: string) {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const parts: PatternPart[] = [];
  for (let i = 0; i < pattern.length;) {
    if (pattern[i] === '[') {
      const close = pattern.indexOf(']', i);
      if (close > i) {
        parts.push({ token: pattern.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    const c = pattern[i]!;
    if (LITERAL_SAFE.test(c)) parts.push({ literal: c });
    i++;
  }
  const usesAuth = parts.some((p) => 'token' in p && /^[aA]uth$/.test(p.token));
  const counts = parts
    .map((p) => ('token' in p ? /^[tT]itle(\d?)$/.exec(p.token) : null))
    .filter((m): m is RegExpExecArray => !!m);
  const titleWords = Math.max(0, ...counts.map((m) => (m[1] ? Number(m[1]) : 1))) + (usesAuth ? 1 : 0);
  compiled = { parts, titleWords, usesAuth };
  if (compiledPatterns.size > 32) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
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

/** Base keys by paper object: papers are immutable, and the shelf re-keys on every change. */
const baseKeyCache = new WeakMap<Paper, { pattern: string; key: string }>();

/** A paper's base key, remembered for the next assignKeys (the shelf computes them ahead, in slices). */
export function cachedBaseKey(paper: Paper, pattern: string = DEFAULT_KEY_PATTERN): string {
  const hit = baseKeyCache.get(paper);
  if (hit && hit.pattern === pattern) return hit.key;
  const key = baseKey(paper, pattern);
  baseKeyCache.set(paper, { pattern, key });
  return key;
}

/** The key a paper would get before clash resolution. */
export function baseKey(paper: Paper, pattern: string = DEFAULT_KEY_PATTERN): string {
  const { parts, titleWords: wordsNeeded, usesAuth } = compilePattern(pattern);
  const words = wordsNeeded ? significantTitleWords(paper.title, wordsNeeded) : [];
  let surname = '';
  if (usesAuth) for (const author of paper.authors) if ((surname = surnameOf(author))) break;
  // Without authors, [auth] borrows the first title word and the title tokens skip it.
  const borrowed = usesAuth && !surname ? (words[0] ?? '') : '';
  const titleWords = (n: number): string[] => words.slice(0, n).slice(borrowed ? 1 : 0);
  let year: string | undefined;
  const yearToken = () => (year ??= yearOf(paper));
  const idToken = paper.id.replace(/[/.]/g, '_');

  let key = '';
  for (const part of parts) key += 'literal' in part ? part.literal : expandToken(part.token);

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
        return yearToken();
      case 'yy':
        return yearToken().slice(2);
      case 'id':
        return idToken;
      default:
        return ''; // unknown tokens are reported by validateKeyPattern, never copied into keys
    }
  }

  // Safe for every citation syntax (single punctuation between letters, see keyRules), short
  // enough to leave room for a clash suffix, starting with a letter (older Pandoc reads "@2025x"
  // as text) and never empty.
  key = shapeCiteKey(key, BASE_KEY_LENGTH);
  if (!/[A-Za-z]/.test(key)) return shapeCiteKey(`arxiv${idToken}`, BASE_KEY_LENGTH);
  if (!/^[A-Za-z]/.test(key)) key = shapeCiteKey(`arxiv${key}`, BASE_KEY_LENGTH);
  return key;
}

/** Problems with a pattern (unknown tokens, unclosed brackets), as messages; empty when fine. */
export function validateKeyPattern(pattern: string): string[] {
  const problems: string[] = [];
  const re = /\[([^\]]*)(\]|$)/g;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (!m[2]) problems.push(`Unclosed "[" in the cite key pattern "${pattern}".`);
    else if (!/^(auth|Auth|year|yy|title\d?|Title\d?|id)$/.test(m[1]!)) {
      problems.push(
        `Unknown token [${m[1]}] in the cite key pattern; known: ${KEY_PATTERN_TOKENS.map((t) => `[${t}]`).join(' ')}.`,
      );
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
export function compareIds(a: string, b: string): number {
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
  return runSteps(assignKeySteps(papers, pinned, pattern));
}

/** Papers keyed between two pauses of assignKeySteps (a base key not yet computed costs microseconds). */
const KEYS_PER_STEP = 256;

/** assignKeys as steps, so a large shelf is keyed between host turns; the same keys. */
export function* assignKeySteps(
  papers: readonly Paper[],
  pinned: ReadonlyMap<string, string> = new Map(),
  pattern: string = DEFAULT_KEY_PATTERN,
): Steps<Map<string, string>> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const unpinned: { id: string; base: string }[] = [];
  // Bases of all unpinned papers stay reserved: a suffixed key never takes one.
  const bases = new Set<string>();

  const sorted = yield* sortSteps(papers, (x, y) => compareIds(x.id, y.id));
  for (const paper of sorted) {
    const key = pinned.get(paper.id);
    if (key && !taken.has(key)) {
      result.set(paper.id, key);
      taken.add(key);
    }
  }
  yield;
  for (let i = 0; i < sorted.length; i++) {
    if ((i + 1) % KEYS_PER_STEP === 0) yield;
    const paper = sorted[i]!;
    if (result.has(paper.id)) continue;
    const base = cachedBaseKey(paper, pattern);
    unpinned.push({ id: paper.id, base });
    bases.add(base);
  }
  // First pass: the first paper of each base key takes it when free.
  const rest: { id: string; base: string }[] = [];
  for (let i = 0; i < unpinned.length; i++) {
    if ((i + 1) % (4 * KEYS_PER_STEP) === 0) yield;
    const p = unpinned[i]!;
    if (!taken.has(p.base)) {
      result.set(p.id, p.base);
      taken.add(p.base);
    } else rest.push(p);
  }
  // Second pass: the others get the first free suffix.
  // Where each base's suffix search resumes, so a large group costs linear time, not quadratic.
  const nextSuffix = new Map<string, number>();
  for (let i = 0; i < rest.length; i++) {
    if ((i + 1) % (4 * KEYS_PER_STEP) === 0) yield;
    const p = rest[i]!;
    let n = nextSuffix.get(p.base) ?? 0;
    let key = p.base + clashSuffix(n);
    while (taken.has(key) || bases.has(key)) key = p.base + clashSuffix(++n);
    nextSuffix.set(p.base, n + 1);
    result.set(p.id, key);
    taken.add(key);
  }
  return result;
}
