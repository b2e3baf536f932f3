// Names and distinctive terms for a discovered theme tree. What a theme is called, in order of
// precedence: the name the user gave most of its papers (a `Theme:` field, a move, a rename);
// the name of the theme it recognisably was before (most papers shared); the shipped taxonomy's
// theme when it files most of them there; else the phrase its titles share (naming.ts).
import type { Paper } from '../model/types';
import type { Steps } from '../runtime/yieldToHost';
import type { ModelTheme } from './themeModel';
import { countPhrases, titlePhrases, type NameCandidate, type PhraseCounts, type TitlePhrases } from './naming';
import { PhraseIndex } from './phraseIndex';
import type { SparseVector, Vocabulary } from './vectors';
import { wordSpans } from './stemReader';

export interface LentName {
  name: string;
  icon?: string;
  description?: string;
}

export interface NamingInput {
  papers: readonly Paper[];
  vectors: readonly SparseVector[];
  vocabulary: Vocabulary;
  /** The tree, parents before children; names are placeholders. */
  themes: ModelTheme[];
  /** Each paper's leaf (index into themes) or -1 for the catch-all; renumbered in place when themes are pruned. */
  leaves: Int32Array;
  /** The taxonomy's theme for a paper, when it is sure. */
  lend?: (paper: Paper) => LentName | undefined;
  userThemes?: ReadonlyMap<string, string>;
  previous?: ReadonlyMap<string, readonly string[]>;
}

const USER_SHARE = 0.5;
const PREVIOUS_JACCARD = 0.5;
const LEND_SHARE = 0.6;
const TERMS = 6;
/** Papers of a theme whose summaries are read for how its words are written... */
const FORM_SAMPLE = 40;
/** ...and how many of its centre's heaviest words are looked up in them at first. */
const FORM_FEATURES = 24;

/** The named tree: empty themes dropped, an only child folded into its parent. */
export function* nameThemes(input: NamingInput): Steps<ModelTheme[]> {
  const { papers, leaves } = input;
  const themes = prune(input.themes, leaves);
  const members: number[][] = themes.map(() => []);
  leaves.forEach((leaf, i) => {
    for (let t = leaf; t >= 0; t = themes[t].parent) members[t].push(i);
  });
  // Every title is read and each theme's titles counted in steps: on a large shelf these are
  // millions of phrases, and a host must not wait for them in one piece.
  const phrases: TitlePhrases[] = [];
  const index = new PhraseIndex();
  for (let i = 0; i < papers.length; i++) {
    phrases.push(titlePhrases(papers[i].title));
    index.add(phrases[i]);
    if ((i & 127) === 127) yield;
  }
  yield;
  const rankings = yield* index.rank(
    members,
    themes.map((t) => t.parent),
    papers.map((_, i) => i),
  );
  yield;
  const previousSizes = new Map<string, number>();
  for (const path of input.previous?.values() ?? [])
    for (const name of path) previousSizes.set(name, (previousSizes.get(name) ?? 0) + 1);

  const taken = new Set<string>();
  const out: ModelTheme[] = themes.map((t) => ({ ...t }));
  // Parents before children; within a level the larger theme picks first.
  const order = themes
    .map((_, t) => t)
    .sort((a, b) => depth(themes, a) - depth(themes, b) || members[b].length - members[a].length || a - b);
  let work = 0;
  for (const t of order) {
    // A broad theme's phrases are many: a step names a few themes, or one large one.
    work += 100 + members[t].length;
    if (work >= 2000) {
      work = 0;
      yield;
    }
    const ids = members[t].map((i) => papers[i].id);
    const ranked = rankings[t];
    const ancestors = ancestorNames(out, t);
    const free = (name: string) => !taken.has(name.toLowerCase()) && !ancestors.includes(name.toLowerCase());
    const theme = out[t];
    theme.size = ids.length;
    const user = majority(ids, (id) => input.userThemes?.get(id), USER_SHARE);
    const before = user ? undefined : recognised(ids, input.previous, previousSizes, ancestors);
    const lent = user || before ? undefined : lentName(members[t], papers, input.lend);
    if (user && free(user)) {
      theme.name = user;
      theme.origin = 'user';
    } else if (before && free(before)) {
      theme.name = before;
    } else if (lent && free(lent.name)) {
      theme.name = lent.name;
      theme.origin = 'taxonomy';
      if (lent.icon) theme.icon = lent.icon;
      if (lent.description) theme.description = lent.description;
    } else {
      theme.name = phraseName(ranked, free, ancestors, input, members[t], () => countPhrases(phrases, members[t]));
    }
    taken.add(theme.name.toLowerCase());
    theme.terms = distinctiveTerms(ranked, theme, members[t], input);
  }
  return out;
}

function depth(themes: readonly ModelTheme[], t: number): number {
  let d = 0;
  for (let p = themes[t].parent; p >= 0; p = themes[p].parent) d++;
  return d;
}

function ancestorNames(themes: readonly ModelTheme[], t: number): string[] {
  const out: string[] = [];
  for (let p = themes[t].parent; p >= 0; p = themes[p].parent) out.push(themes[p].name.toLowerCase());
  return out;
}

/** Drops themes no paper ended in and folds an only child into its parent; renumbers `leaves`. */
function prune(themes: ModelTheme[], leaves: Int32Array): ModelTheme[] {
  const used = new Uint8Array(themes.length);
  for (const leaf of leaves) for (let t = leaf; t >= 0; t = themes[t].parent) used[t] = 1;
  const childCount = new Int32Array(themes.length);
  themes.forEach((t, i) => used[i] && t.parent >= 0 && childCount[t.parent]++);
  // A used theme whose parent has only it folds into the parent: its papers become the parent's.
  const target = new Int32Array(themes.length);
  for (let i = 0; i < themes.length; i++) {
    const p = themes[i].parent;
    target[i] = p >= 0 && childCount[p] === 1 ? target[p] : i;
  }
  const keep: number[] = [];
  for (let i = 0; i < themes.length; i++) if (used[i] && target[i] === i) keep.push(i);
  const renumber = new Int32Array(themes.length).fill(-1);
  keep.forEach((old, i) => (renumber[old] = i));
  const parentOf = (i: number): number => {
    let p = themes[i].parent;
    while (p >= 0 && target[p] !== p) p = themes[p].parent;
    return p >= 0 ? renumber[target[p]] : -1;
  };
  const out = keep.map((old) => ({ ...themes[old], parent: parentOf(old) }));
  for (let i = 0; i < leaves.length; i++) if (leaves[i] >= 0) leaves[i] = renumber[target[leaves[i]]];
  return out;
}

/** The value most of `ids` have (at least `share` of them), if any. */
function majority(
  ids: readonly string[],
  valueOf: (id: string) => string | undefined,
  share: number,
): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const v = valueOf(id);
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, c] of counts)
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) [best, bestCount] = [v, c];
  return best !== undefined && bestCount >= share * ids.length ? best : undefined;
}

/** The earlier theme that shares most papers with this one, when it is recognisably the same (Jaccard ≥ 0.5). */
function recognised(
  ids: readonly string[],
  previous: ReadonlyMap<string, readonly string[]> | undefined,
  sizes: ReadonlyMap<string, number>,
  ancestors: readonly string[],
): string | undefined {
  if (!previous) return undefined;
  const overlap = new Map<string, number>();
  for (const id of ids) for (const name of previous.get(id) ?? []) overlap.set(name, (overlap.get(name) ?? 0) + 1);
  let best: string | undefined;
  let bestJaccard = 0;
  for (const [name, shared] of overlap) {
    if (ancestors.includes(name.toLowerCase())) continue;
    const jaccard = shared / (ids.length + (sizes.get(name) ?? 0) - shared);
    if (jaccard > bestJaccard || (jaccard === bestJaccard && best !== undefined && name < best))
      [best, bestJaccard] = [name, jaccard];
  }
  return bestJaccard >= PREVIOUS_JACCARD ? best : undefined;
}

function lentName(
  members: readonly number[],
  papers: readonly Paper[],
  lend: NamingInput['lend'],
): LentName | undefined {
  if (!lend || members.length < 2) return undefined;
  const byName = new Map<string, { lent: LentName; count: number }>();
  for (const m of members) {
    const lent = lend(papers[m]);
    if (!lent) continue;
    const entry = byName.get(lent.name);
    if (entry) entry.count++;
    else byName.set(lent.name, { lent, count: 1 });
  }
  let best: { lent: LentName; count: number } | undefined;
  for (const e of byName.values())
    if (!best || e.count > best.count || (e.count === best.count && e.lent.name < best.lent.name)) best = e;
  return best && best.count >= 2 && best.count >= LEND_SHARE * members.length ? best.lent : undefined;
}

/** The best free phrase; failing that the best phrase with the next one ('A and B'), or the centre's heaviest word as written. */
function phraseName(
  ranked: readonly NameCandidate[],
  free: (name: string) => boolean,
  ancestors: readonly string[],
  input: NamingInput,
  members: readonly number[],
  countAll: () => PhraseCounts,
): string {
  const fits = ranked.filter((c) => !ancestors.some((a) => a === c.name.toLowerCase()));
  const first = fits.find((c) => free(c.name));
  if (first && first.coverage >= 0.1) return longer(first, fits, free).name;
  for (let i = 0; i < fits.length; i++)
    for (let j = i + 1; j < Math.min(fits.length, 6); j++) {
      const pair = `${fits[i].name} and ${fits[j].name}`;
      if (free(pair)) return pair;
    }
  if (first) return first.name;
  // No title phrase is shared: the most common one of the group's titles as written.
  let best = '';
  let bestDf = 0;
  const counts = countAll();
  for (const [key, df] of counts.df) {
    const form = [...counts.forms.get(key)!.keys()][0];
    if (df > bestDf && free(form)) [best, bestDf] = [form, df];
  }
  if (best) return best;
  const title = input.papers[members[0]]?.title ?? '';
  return free(title) ? title : `${title} (${members.length})`;
}

/** A phrase of several words that contains a single-word name and covers at least half as much ('Metamorphic Testing' over 'Metamorphic'). */
function longer(best: NameCandidate, fits: readonly NameCandidate[], free: (name: string) => boolean): NameCandidate {
  if (best.key.includes(' ')) return best;
  const within = fits.filter(
    (c) =>
      c.key !== best.key && c.key.split(' ').includes(best.key) && c.coverage >= 0.5 * best.coverage && free(c.name),
  );
  return within.sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0] ?? best;
}

/** What sets the theme apart, as its papers write it: the next-best phrases and a shared arXiv category. */
function distinctiveTerms(
  ranked: readonly NameCandidate[],
  theme: ModelTheme,
  members: readonly number[],
  input: NamingInput,
): string[] {
  const { papers } = input;
  const terms: string[] = [];
  const lowerName = theme.name.toLowerCase();
  const shared = members.length >= 2 ? ranked.filter((c) => c.coverage * members.length >= 2) : ranked;
  // A term whose words all appear in the name or in a term already listed adds nothing.
  const wordsOf = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const seen = [new Set(wordsOf(lowerName))];
  for (const c of shared) {
    if (terms.length >= TERMS) break;
    const words = wordsOf(c.name);
    if (seen.some((s) => words.every((w) => s.has(w)))) continue;
    terms.push(c.name);
    seen.push(new Set(words));
  }
  // Then the heaviest words of the theme's centre, as its summaries write them: the first few
  // looked up, all of them only when those are not enough.
  if (terms.length < TERMS) {
    const { idx, val } = theme.centre;
    const order = [...idx.keys()]
      .sort((a, b) => val[b] - val[a] || a - b)
      .map((k) => input.vocabulary.features[idx[k]])
      .filter((feature) => !feature.includes(':'));
    const sample = members.slice(0, FORM_SAMPLE);
    for (let from = 0, to = FORM_FEATURES; from < order.length && terms.length < TERMS; from = to, to = order.length) {
      const wanted = order.slice(from, to);
      const forms = writtenForms(sample, papers, new Set(wanted));
      for (const feature of wanted) {
        if (terms.length >= TERMS) break;
        const form = forms.get(feature);
        if (!form) continue;
        const words = wordsOf(form);
        if (seen.some((s) => words.every((w) => s.has(w)))) continue;
        terms.push(form);
        seen.push(new Set(words));
      }
    }
  }
  const categories = new Map<string, number>();
  for (const m of members) {
    const primary = papers[m].categories[0];
    if (primary) categories.set(primary, (categories.get(primary) ?? 0) + 1);
  }
  const [top] = [...categories].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (top && top[1] >= 0.5 * members.length) terms.push(top[0]);
  return terms;
}

/** Stem features ('mutant', 'equival mutant') of `wanted` -> the words as most often written in these papers. */
function writtenForms(
  members: readonly number[],
  papers: readonly Paper[],
  wanted: ReadonlySet<string>,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const add = (key: string, form: string) => {
    let f = counts.get(key);
    if (!f) counts.set(key, (f = new Map()));
    f.set(form, (f.get(form) ?? 0) + 1);
  };
  // A bigram is looked up only after a word that begins a wanted one.
  const firsts = new Set<string>();
  for (const key of wanted) if (key.includes(' ')) firsts.add(key.slice(0, key.indexOf(' ')));
  for (const m of members) {
    for (const text of [papers[m].title, papers[m].summary]) {
      const spans = wordSpans(text);
      for (let i = 0; i < spans.length; i++) {
        const s = spans[i];
        if (!s.stem) continue;
        if (wanted.has(s.stem)) add(s.stem, keepCase(text.slice(s.start, s.end)));
        const next = spans[i + 1];
        if (!next?.stem || !firsts.has(s.stem)) continue;
        const key = `${s.stem} ${next.stem}`;
        if (wanted.has(key) && /^[\s-]+$/.test(text.slice(s.end, next.start)))
          add(key, keepCase(text.slice(s.start, next.end)));
      }
    }
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    let best = '';
    let bestCount = 0;
    for (const [form, c] of forms) if (c > bestCount || (c === bestCount && form < best)) [best, bestCount] = [form, c];
    out.set(key, best);
  }
  return out;
}

/** Lower case, except words the authors capitalised inside (acronyms, 'iOS'). */
function keepCase(text: string): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (/\p{Lu}/u.test(w.slice(1)) ? w : w.toLowerCase()));
}
