// Themes: a transparent weighted-term classifier. The taxonomy (theme names, codicons, and the
// terms that describe each theme) is data (seeds/themes.json, replaceable by the user), so a
// paper the shelf has never seen lands where its words point, and anyone can read why.
import type { Paper } from '../model/types';
import { HASH_START, hashStep } from '../text/wordTable';
import {
  DEFAULT_MIN_MARGIN,
  DEFAULT_MIN_SCORE,
  DEFAULT_TITLE_WEIGHT,
  type Taxonomy,
  type ThemeDefinition,
} from './taxonomy';
import { foldAccents } from '../text/words';
import { KEY_SPACE, TokenCache, keyCode, stem, stemmedWords, wordKeysStemmingTo } from './themeTokens';

export interface ThemeScore {
  theme: string;
  score: number;
  matched: string[];
}

interface CompiledTerm {
  text: string;
  tokens: string[];
  weight: number;
  /** Position in the classifier's count arrays. */
  index: number;
}

interface CompiledTheme {
  name: string;
  terms: CompiledTerm[];
}

export class ThemeClassifier {
  private readonly compiled: CompiledTheme[];
  private readonly names: Map<string, string>;
  /** Every term by its first token, so a text is read once however large the taxonomy. */
  private readonly byFirstToken = new Map<string, CompiledTerm[]>();
  // Scratch counts per term, reused by every call (classifying is synchronous).
  private readonly titleCounts: Uint32Array;
  private readonly summaryCounts: Uint32Array;
  private readonly themeScores: Float64Array;
  private readonly touched: number[] = [];
  /** Terms by index, with the index of their theme. */
  private readonly terms: { term: CompiledTerm; theme: number }[] = [];
  /**
   * The words worth stemming, by their first three characters (see `wordKey`): a word whose key
   * is not marked here cannot stem to any term's token, so reading a summary stems only the few
   * words that might matter and skips the rest without making a string of them.
   */
  private readonly candidateKeys = new Uint8Array(KEY_SPACE);
  private readonly seen: TokenCache;

  constructor(readonly taxonomy: Taxonomy) {
    this.compiled = taxonomy.themes.map((theme) => ({
      name: theme.name,
      terms: termEntries(theme.terms)
        .map(([text, weight]) => ({ text, tokens: stemmedWords(text), weight, index: 0 }))
        .filter((t) => t.tokens.length > 0 && t.weight !== 0),
    }));
    let index = 0;
    for (const theme of this.compiled) for (const term of theme.terms) term.index = index++;
    this.titleCounts = new Uint32Array(index);
    this.summaryCounts = new Uint32Array(index);
    this.themeScores = new Float64Array(this.compiled.length);
    this.compiled.forEach((theme, t) => theme.terms.forEach((term) => this.terms.push({ term, theme: t })));
    this.names = new Map([...taxonomy.themes.map((t) => t.name), taxonomy.fallback].map((n) => [n.toLowerCase(), n]));
    for (const theme of this.compiled) {
      for (const term of theme.terms) {
        const list = this.byFirstToken.get(term.tokens[0]);
        if (list) list.push(term);
        else this.byFirstToken.set(term.tokens[0], [term]);
        for (const token of term.tokens) for (const key of wordKeysStemmingTo(token)) this.candidateKeys[key] = 1;
      }
    }
    const vocabulary = new Set(this.compiled.flatMap((theme) => theme.terms.flatMap((term) => term.tokens)));
    this.seen = new TokenCache((word) => {
      const token = stem(word);
      return vocabulary.has(token) ? token : '';
    });
  }

  /** The theme a paper belongs in, from its title and summary. */
  classify(paper: Paper): string {
    return this.top(paper).theme;
  }

  /** The chosen theme and every theme's score, best first (themes scoring nothing left out). */
  explain(paper: Pick<Paper, 'title' | 'summary'>): { theme: string; scores: ThemeScore[] } {
    const scores = this.scores(paper);
    const [best, second] = scores;
    const minScore = this.taxonomy.minScore ?? DEFAULT_MIN_SCORE;
    const minMargin = this.taxonomy.minMargin ?? DEFAULT_MIN_MARGIN;
    const confident = best !== undefined && best.score >= minScore && best.score - (second?.score ?? 0) >= minMargin;
    return { theme: confident ? best.theme : this.taxonomy.fallback, scores };
  }

  scores(paper: Pick<Paper, 'title' | 'summary'>): ThemeScore[] {
    const matched: (string[] | undefined)[] = [];
    const themeScores = this.accumulate(paper, matched);
    const out: ThemeScore[] = [];
    this.compiled.forEach((theme, t) => {
      if (themeScores[t] > 0) out.push({ theme: theme.name, score: round(themeScores[t]), matched: matched[t] ?? [] });
    });
    // Ties keep taxonomy order, so the result never depends on anything but the data.
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * The best and the second-best score of `explain(paper).scores` and the chosen theme, without
   * the list: discovery asks this of every paper of a shelf.
   */
  top(paper: Pick<Paper, 'title' | 'summary'>): { theme: string; best: number; second: number } {
    const themeScores = this.accumulate(paper);
    let best = 0;
    let second = 0;
    let bestTheme = -1;
    for (let t = 0; t < themeScores.length; t++) {
      if (!(themeScores[t] > 0)) continue;
      const score = round(themeScores[t]);
      // Ties keep taxonomy order: an equal score later is the second.
      if (bestTheme < 0 || score > best) {
        if (bestTheme >= 0) second = best;
        best = score;
        bestTheme = t;
      } else if (score > second) second = score;
    }
    const minScore = this.taxonomy.minScore ?? DEFAULT_MIN_SCORE;
    const minMargin = this.taxonomy.minMargin ?? DEFAULT_MIN_MARGIN;
    const confident = bestTheme >= 0 && best >= minScore && best - second >= minMargin;
    return { theme: confident ? this.compiled[bestTheme]!.name : this.taxonomy.fallback, best, second };
  }

  /** Each theme's score for the paper (in the scratch row, valid until the next call); `matched` collects the terms that counted. */
  private accumulate(paper: Pick<Paper, 'title' | 'summary'>, matched?: (string[] | undefined)[]): Float64Array {
    const titleWeight = this.taxonomy.titleWeight ?? DEFAULT_TITLE_WEIGHT;
    const touched = this.touched;
    touched.length = 0;
    const inTitles = this.countTerms(this.candidateTokens(paper.title), this.titleCounts);
    const inSummaries = this.countTerms(this.candidateTokens(paper.summary), this.summaryCounts);
    // Only the terms that occur are visited, in taxonomy order (so sums and lists come out
    // exactly as a walk over every theme's terms would give them).
    touched.sort((a, b) => a - b);
    const themeScores = this.themeScores;
    themeScores.fill(0);
    let previous = -1;
    for (const index of touched) {
      if (index === previous) continue;
      previous = index;
      const { term, theme } = this.terms[index];
      const inTitle = inTitles[index];
      const inSummary = inSummaries[index];
      // A term counts once in the title (titles are short and deliberate) and with diminishing
      // returns in the summary, so one word repeated ten times cannot carry a paper alone.
      themeScores[theme] += term.weight * ((inTitle ? titleWeight : 0) + saturate(inSummary));
      if (matched && term.weight > 0) (matched[theme] ??= []).push(term.text);
    }
    return themeScores;
  }

  /**
   * `stemmedWords(text)` with every run of words that are not part of any term replaced by one ''
   * (which matches no term token), so phrases still only match adjacent words. Words are read in place: a word
   * whose first characters rule it out costs no string at all, and the others are looked up by a
   * hash of their characters in a table of words already seen.
   */
  private candidateTokens(text: string): string[] {
    const lower = foldAccents(text).toLowerCase();
    const keys = this.candidateKeys;
    const out: string[] = [];
    const n = lower.length;
    let i = 0;
    while (i < n) {
      const c = keyCode(lower.charCodeAt(i));
      if (c === 0) {
        i++;
        continue;
      }
      // The key from the first three characters; the hash only for a word worth looking up.
      let end = i + 1;
      let key = c * 1369;
      let d = end < n ? keyCode(lower.charCodeAt(end)) : 0;
      if (d !== 0) {
        key += d * 37;
        end++;
        d = end < n ? keyCode(lower.charCodeAt(end)) : 0;
        if (d !== 0) {
          key += d;
          end++;
        }
      }
      if (keys[key] !== 1) {
        while (end < n && keyCode(lower.charCodeAt(end)) !== 0) end++;
        // A run of words that are in no term stands as one '': it only keeps phrases apart.
        if (out.length === 0 || out[out.length - 1] !== '') out.push('');
        i = end;
        continue;
      }
      let h = HASH_START;
      for (let k = i; k < end; k++) h = hashStep(h, keyCode(lower.charCodeAt(k)));
      for (; end < n; end++) {
        const e = keyCode(lower.charCodeAt(end));
        if (e === 0) break;
        h = hashStep(h, e);
      }
      out.push(this.seen.token(lower, i, end, h));
      i = end;
    }
    return out;
  }

  /** How often each term occurs in `tokens` (every start position counts, as a phrase search would). */
  private countTerms(tokens: readonly string[], counts: Uint32Array): Uint32Array {
    counts.fill(0);
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstToken.get(tokens[i]);
      if (!candidates) continue;
      for (const term of candidates) {
        if (!phraseAt(tokens, i, term.tokens)) continue;
        if (counts[term.index]++ === 0) this.touched.push(term.index);
      }
    }
    return counts;
  }

  /** The taxonomy's spelling of a theme name given in any case, or undefined when unknown. */
  canonicalName(name: string): string | undefined {
    return this.names.get(name.trim().toLowerCase());
  }

  /** Theme names in taxonomy order, the fallback last. */
  themeNames(): string[] {
    return [...this.taxonomy.themes.map((t) => t.name), this.taxonomy.fallback];
  }

  definition(name: string): ThemeDefinition | undefined {
    return this.taxonomy.themes.find((t) => t.name === name);
  }

  iconOf(name: string): string {
    return this.taxonomy.themes.find((t) => t.name === name)?.icon ?? this.taxonomy.fallbackIcon;
  }
}

function phraseAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let j = 1; j < phrase.length; j++) if (tokens[at + j] !== phrase[j]) return false;
  return true;
}

function saturate(n: number): number {
  return n === 0 ? 0 : 1 + Math.log2(n);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function termEntries(terms: ThemeDefinition['terms']): [string, number][] {
  return Array.isArray(terms) ? terms.map((t) => [t, 1]) : Object.entries(terms);
}
