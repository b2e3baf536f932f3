// Names for discovered themes, read from their own papers: the phrase (one to three words) that
// the theme's titles share and the rest of the shelf does not, written as it appears in them and
// title-cased with acronyms kept ('Metamorphic Testing', 'Flaky Tests', 'LLM Agents').
import { isNameWord } from './stopWords';
import { wordSpans, type WordSpan } from './vectors';

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
  const word = (s: WordSpan) => title.slice(s.start, s.end).toLowerCase();
  for (let i = 0; i < spans.length; i++) {
    if (!spans[i].stem || !isNameWord(word(spans[i]))) continue;
    for (let n = 1; n <= 3 && i + n <= spans.length; n++) {
      const last = spans[i + n - 1];
      // Words joined by spaces or hyphens only (a colon or comma ends a phrase).
      if (n > 1 && !/^[\s-]+$/.test(title.slice(spans[i + n - 2].end, last.start))) break;
      const middleJoiner = n === 3 && !spans[i + 1].stem && JOINERS.has(word(spans[i + 1]));
      if (n === 2 && !last.stem) continue;
      if (n === 3 && !spans[i + 1].stem && !middleJoiner) break;
      if (!last.stem || !isNameWord(word(last))) continue;
      const key = spans
        .slice(i, i + n)
        .map((s) => s.stem || word(s))
        .join(' ');
      if (!out.has(key)) out.set(key, title.slice(spans[i].start, last.end).replace(/\s+/g, ' '));
    }
  }
  return out;
}

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

/**
 * Phrases that name a group within its context (its parent theme or the shelf), best first:
 * common in the group's titles (coverage), rarer outside it (lift); longer phrases win over
 * the single words they contain when they cover nearly as much.
 */
export function rankNames(
  group: PhraseCounts,
  context: PhraseCounts,
  minDf = Math.min(2, group.size),
): NameCandidate[] {
  const out: Omit<NameCandidate, 'name'>[] = [];
  const outside = Math.max(1, context.size - group.size);
  for (const [key, df] of group.df) {
    if (df < minDf) continue;
    const coverage = df / group.size;
    const elsewhere = Math.max(0, (context.df.get(key) ?? df) - df) / outside;
    const lift = Math.log(1 + coverage / (elsewhere + 0.02));
    let words = 1;
    for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) words++;
    const score = coverage * lift * (words === 1 ? 1 : words === 2 ? 1.35 : 1.45);
    out.push({ key, score, coverage });
  }
  // Only the best few are ever read: only they are written out as names.
  return out
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map((c) => ({ ...c, name: titleCase(mostCommon(group.forms.get(c.key)!)) }));
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
