// Names for discovered themes, read from their own papers: the phrase (one to three words) that
// the theme's titles share and the rest of the shelf does not, written as it appears in them and
// title-cased with acronyms kept ('Metamorphic Testing', 'Flaky Tests', 'LLM Agents').
import { isNameWord } from './stopWords';
import { wordSpans } from './stemReader';

/** The phrases of one title: stem key -> the phrase as written. */
export type TitlePhrases = Map<string, string>;

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'vs',
  'via',
]);
const JOINERS = new Set(['of', 'for', 'in', 'and']);

/** Every phrase of one to three words in a title that may name a theme, keyed by stems. */
export function titlePhrases(title: string): TitlePhrases {
  const spans = wordSpans(title);
  const out: TitlePhrases = new Map();
  // Each word read once: as written in lower case, whether it may begin or end a name, and
  // whether only spaces or hyphens join it to the next (a colon or comma ends a phrase).
  const count = spans.length;
  const words = new Array<string>(count);
  const nameWord = new Uint8Array(count);
  const joined = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    words[i] = spans[i].lower;
    nameWord[i] = spans[i].stem && isNameWord(words[i]) ? 1 : 0;
    if (i + 1 < count) joined[i] = JOIN.test(title.slice(spans[i].end, spans[i + 1].start)) ? 1 : 0;
  }
  for (let i = 0; i < count; i++) {
    if (!nameWord[i]) continue;
    let key = spans[i].stem;
    for (let n = 1; n <= 3 && i + n <= count; n++) {
      const last = i + n - 1;
      if (n > 1) {
        if (!joined[last - 1]) break;
        key += ` ${spans[last].stem || words[last]}`;
      }
      if (n === 2 && !spans[last].stem) continue;
      if (n === 3 && !spans[i + 1].stem && !JOINERS.has(words[i + 1])) break;
      if (!nameWord[last]) continue;
      if (!out.has(key)) out.set(key, title.slice(spans[i].start, spans[last].end).replace(/\s+/g, ' '));
    }
  }
  return out;
}

const JOIN = /^[\s-]+$/;

/** Title case that keeps what the authors capitalised on purpose (acronyms, 'iOS', 'GRPO', 'LLMs'). */
export function titleCase(phrase: string): string {
  let first = true;
  return phrase.replace(/[\p{L}\p{N}]+/gu, (w) => {
    const isFirst = first;
    first = false;
    if (/\p{Lu}/u.test(w.slice(1)) || /^\p{Lu}{2,}/u.test(w)) return w;
    const lower = w.toLowerCase();
    if (!isFirst && SMALL_WORDS.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}

export interface PhraseCounts {
  /** Titles (of the group) containing each phrase key. */
  df: Map<string, number>;
  /** How each phrase key is written, with counts. */
  forms: Map<string, Map<string, number>>;
  size: number;
}

/** Counts the phrases of a group's titles. */
export function countPhrases(phrases: readonly TitlePhrases[], members: Iterable<number>): PhraseCounts {
  const df = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  let size = 0;
  for (const m of members) {
    size++;
    for (const [key, form] of phrases[m]) {
      df.set(key, (df.get(key) ?? 0) + 1);
      let f = forms.get(key);
      if (!f) forms.set(key, (f = new Map()));
      f.set(form, (f.get(form) ?? 0) + 1);
    }
  }
  return { df, forms, size };
}

export interface NameCandidate {
  key: string;
  /** As it will read in the tree. */
  name: string;
  score: number;
  /** Share of the group's titles that contain it. */
  coverage: number;
}

/** A group's title phrases: keys with how many of its titles have them, and how many of its context's. */
export interface PhraseGroup {
  size: number;
  keys: readonly string[];
  df: ArrayLike<number>;
  contextDf: ArrayLike<number>;
  /** How the i-th key is written in the group's titles, with counts. */
  formsOf(i: number): Map<string, number>;
}

/**
 * Phrases that name a group within its context (its parent theme or the shelf, of `contextSize`
 * titles), best first: common in the group's titles (coverage), rarer outside it (lift); longer
 * phrases win over the single words they contain when they cover nearly as much.
 */
export function rankPhrases(group: PhraseGroup, contextSize: number, minDf = Math.min(2, group.size)): NameCandidate[] {
  const out: (Omit<NameCandidate, 'name'> & { i: number })[] = [];
  const outside = Math.max(1, contextSize - group.size);
  for (let i = 0; i < group.keys.length; i++) {
    const key = group.keys[i];
    const df = group.df[i];
    if (df < minDf) continue;
    const coverage = df / group.size;
    const elsewhere = Math.max(0, group.contextDf[i] - df) / outside;
    const lift = Math.log(1 + coverage / (elsewhere + 0.02));
    let words = 1;
    for (let c = 0; c < key.length; c++) if (key.charCodeAt(c) === 32) words++;
    const score = coverage * lift * (words === 1 ? 1 : words === 2 ? 1.35 : 1.45);
    out.push({ key, score, coverage, i });
  }
  // Only the best few are ever read: only they are written out as names.
  return out
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(({ key, score, coverage, i }) => ({ key, score, coverage, name: titleCase(mostCommon(group.formsOf(i))) }));
}

/** The most name candidates a group offers (a name is chosen among the first free ones). */
const MAX_CANDIDATES = 80;

function mostCommon(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) {
    // Ties go to the form with capitals (how a title means it), then the shorter, then alphabetical.
    const better =
      count > bestCount ||
      (count === bestCount && capitals(form) > capitals(best)) ||
      (count === bestCount && capitals(form) === capitals(best) && form < best);
    if (better) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

function capitals(s: string): number {
  return (s.match(/\p{Lu}/gu) ?? []).length;
}
