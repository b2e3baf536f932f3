// Themes: a transparent weighted-term classifier. The taxonomy (theme names, codicons, and the
// terms that describe each theme) is data (seeds/themes.json, replaceable by the user), so a
// paper the shelf has never seen lands where its words point, and anyone can read why.
import type { Paper, Problem } from '../model/types';
import { HASH_START, WordTable, copyOfRange, hashStep } from '../text/wordTable';

export interface ThemeDefinition {
  name: string;
  /** Codicon id, without the $( ) wrapper. */
  icon: string;
  /** Terms (words or phrases) that describe the theme, with optional weights. */
  terms: Record<string, number> | string[];
  /** One line for people reading the taxonomy or the tree's tooltip. */
  description?: string;
}

export interface Taxonomy {
  themes: ThemeDefinition[];
  /** The catch-all theme's name. */
  fallback: string;
  fallbackIcon: string;
  /** How much more a term counts in the title than one mention in the summary (default 3). */
  titleWeight?: number;
  /** The least score a theme needs before a paper is assigned to it (default 3). */
  minScore?: number;
  /** How far the best theme must lead the runner-up; closer calls go to the fallback (default 0). */
  minMargin?: number;
}

export const DEFAULT_TITLE_WEIGHT = 3;
export const DEFAULT_MIN_SCORE = 3;
export const DEFAULT_MIN_MARGIN = 0;

/** Parses a taxonomy JSON text (the shipped seeds/themes.json or a user's replacement). */
export function parseTaxonomy(json: string, file = ''): { taxonomy?: Taxonomy; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (code: string, message: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ severity, code, message, location: { file, line: 1, column: 1 } });
  };
  let data: unknown;
  try {
    data = JSON.parse(stripBom(json));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const location = jsonErrorLocation(json, message, file);
    problems.push({
      severity: 'error',
      code: 'invalid-json',
      message: `The taxonomy is not valid JSON: ${message}`,
      location,
    });
    return { problems };
  }
  if (!isObject(data)) {
    problem('invalid-taxonomy', 'The taxonomy must be a JSON object with a "themes" array.');
    return { problems };
  }
  if (!Array.isArray(data.themes)) {
    problem('missing-themes', 'The taxonomy has no "themes" array.');
    return { problems };
  }

  const fallbackField = data.fallback;
  let fallback = 'Other';
  let fallbackIcon = 'question';
  if (typeof fallbackField === 'string' && fallbackField.trim()) fallback = fallbackField.trim();
  else if (isObject(fallbackField)) {
    if (typeof fallbackField.name === 'string' && fallbackField.name.trim()) fallback = fallbackField.name.trim();
    if (typeof fallbackField.icon === 'string' && fallbackField.icon.trim())
      fallbackIcon = cleanIcon(fallbackField.icon, fallbackIcon, 'fallback', problem);
  } else if (fallbackField !== undefined)
    problem('invalid-fallback', '"fallback" must be a theme name or { "name", "icon" }; using "Other".', 'warning');
  if (typeof data.fallbackIcon === 'string' && data.fallbackIcon.trim())
    fallbackIcon = cleanIcon(data.fallbackIcon, fallbackIcon, 'fallback', problem);

  const themes: ThemeDefinition[] = [];
  const seen = new Set<string>([fallback.toLowerCase()]);
  data.themes.forEach((raw, index) => {
    const where = `themes[${index}]`;
    if (!isObject(raw)) return problem('invalid-theme', `${where} is not an object; skipped.`, 'warning');
    const name = typeof raw.name === 'string' ? raw.name.replace(/\s+/g, ' ').trim() : '';
    if (!name) return problem('missing-name', `${where} has no "name"; skipped.`, 'warning');
    if (seen.has(name.toLowerCase()))
      return problem(
        'duplicate-theme',
        `Theme "${name}" appears twice (or is the fallback's name); the later one is skipped.`,
        'warning',
      );
    const terms = parseTerms(raw.terms);
    if (!terms)
      return problem(
        'invalid-terms',
        `Theme "${name}": "terms" must be a list of strings or an object of term -> weight; skipped.`,
        'warning',
      );
    for (const bad of terms.rejected)
      problem(
        'invalid-term',
        `Theme "${name}": term ${JSON.stringify(bad)} is ignored (weights are finite numbers).`,
        'warning',
      );
    if (!Object.keys(terms.accepted).length)
      problem('no-terms', `Theme "${name}" has no terms, so no paper will be assigned to it automatically.`, 'warning');
    seen.add(name.toLowerCase());
    themes.push({
      name,
      icon:
        typeof raw.icon === 'string' && raw.icon.trim()
          ? cleanIcon(raw.icon, 'symbol-misc', `Theme "${name}"`, problem)
          : 'symbol-misc',
      terms: terms.accepted,
      ...(typeof raw.description === 'string' && raw.description.trim() ? { description: raw.description.trim() } : {}),
    });
  });
  if (!themes.length) {
    problem('no-themes', 'The taxonomy defines no usable theme.');
    return { problems };
  }
  const taxonomy: Taxonomy = { themes, fallback, fallbackIcon };
  for (const field of ['titleWeight', 'minScore', 'minMargin'] as const) {
    const value = data[field];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) taxonomy[field] = value;
    else problem('invalid-number', `"${field}" must be a non-negative number; using the default.`, 'warning');
  }
  return { taxonomy, problems };
}

/** How one theme scored for a paper, with the terms that matched (for tooltips and tuning). */
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
        .map(([text, weight]) => ({ text, tokens: tokenize(text), weight, index: 0 }))
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
    return this.explain(paper).theme;
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
    const matched: (string[] | undefined)[] = [];
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
      if (term.weight > 0) (matched[theme] ??= []).push(term.text);
    }
    const out: ThemeScore[] = [];
    this.compiled.forEach((theme, t) => {
      if (themeScores[t] > 0) out.push({ theme: theme.name, score: round(themeScores[t]), matched: matched[t] ?? [] });
    });
    // Ties keep taxonomy order, so the result never depends on anything but the data.
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * `tokenize(text)` with every run of words that are not part of any term replaced by one ''
   * (which matches no term token), so phrases still only match adjacent words. Words are read in place: a word
   * whose first characters rule it out costs no string at all, and the others are looked up by a
   * hash of their characters in a table of words already seen.
   */
  private candidateTokens(text: string): string[] {
    const lower = (NON_ASCII.test(text) ? fold(text) : text).toLowerCase();
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

/** Lower-cased, stemmed word tokens; the same normalisation for terms and text. */
export function tokenize(text: string): string[] {
  // Accents are folded away; plain ASCII text (most of it) skips the Unicode normalisation.
  const folded = NON_ASCII.test(text) ? fold(text) : text;
  const words = folded.toLowerCase().match(/[a-z0-9]+/g);
  return words ? words.map(cachedStem) : [];
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Words already read, each with its token (its stem when that is a term's token, else ''), found
 * by a hash of their characters where they stand in the text. Holds at most MAX_WORDS words,
 * then starts afresh.
 */
class TokenCache {
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
function keyCode(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 48 && c <= 57) return c - 21;
  return 0;
}

const KEY_SPACE = 37 * 37 * 37;

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
function wordKeysStemmingTo(token: string): number[] {
  const keys = [wordKey(token)];
  if (token.length === 3 && token.endsWith('y')) keys.push(wordKey(`${token.slice(0, 2)}i`));
  if (token.length === 2) keys.push(wordKey(`${token}e`));
  return keys;
}

const NON_ASCII = /[^\x00-\x7f]/;
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

function parseTerms(raw: unknown): { accepted: Record<string, number>; rejected: string[] } | undefined {
  const accepted: Record<string, number> = {};
  const rejected: string[] = [];
  if (Array.isArray(raw)) {
    for (const t of raw) {
      if (typeof t === 'string' && t.trim()) accepted[t.trim()] = 1;
      else rejected.push(String(t));
    }
    return { accepted, rejected };
  }
  if (isObject(raw)) {
    for (const [t, w] of Object.entries(raw)) {
      if (t.trim() && typeof w === 'number' && Number.isFinite(w)) accepted[t.trim()] = w;
      else rejected.push(t);
    }
    return { accepted, rejected };
  }
  return undefined;
}

/**
 * A codicon id ('rocket', '$(rocket)', 'sync~spin'), else `otherwise` with a warning: the icon is
 * written into Markdown tooltips as `$(icon)`, so anything but an icon id would be markup.
 */
function cleanIcon(
  icon: string,
  otherwise: string,
  owner: string,
  problem: (code: string, message: string, severity?: Problem['severity']) => void,
): string {
  const id = icon.trim().replace(/^\$\((.*)\)$/, '$1');
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*(?:~[a-z]+)?$/.test(id)) return id;
  problem(
    'invalid-icon',
    `${owner}: ${JSON.stringify(icon.slice(0, 80))} is not a codicon id (e.g. "rocket"); using "${otherwise}".`,
    'warning',
  );
  return otherwise;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column of a JSON.parse error when the message names a position. */
function jsonErrorLocation(json: string, message: string, file: string): Problem['location'] {
  const m = /position (\d+)/.exec(message);
  if (!m) return { file, line: 1, column: 1 };
  const before = stripBom(json).slice(0, Number(m[1]));
  const lines = before.split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1].length + 1 };
}
