// The benchmark's queries, drawn from the generated shelf itself (fixed seed), so every engine
// answers exactly the same ones:
//  - one: one word of a paper (any frequency, as people type them);
//  - three: three neighbouring content words of a paper's summary;
//  - prefix: as-you-type keystrokes of a two-word phrase from a title ('qu', 'qua', ... 'quantum circ');
//  - typo: a paper's three most distinctive title words with one of them misspelled by one
//    edit; a hit when that paper is among the first 10 results.
import { rng, type GeneratedPaper } from './generate';
import { STOP_WORDS } from '../src/core/search/tokens';

export interface QuerySet {
  one: string[];
  three: string[];
  prefix: string[];
  typo: { query: string; target: string }[];
}

const words = (text: string): string[] => text.match(/[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]/g) ?? [];
const content = (w: string): boolean => w.length >= 3 && !STOP_WORDS.has(w.toLowerCase());

/** Collects targets while the shelf is generated, then turns them into queries. */
export class QueryCollector {
  private readonly random: () => number;
  private readonly targets = new Map<number, GeneratedPaper>();
  private readonly wanted: Set<number>;
  private readonly df = new Map<string, number>();

  constructor(
    readonly papers: number,
    readonly perKind: number,
    seed = 7,
  ) {
    this.random = rng(seed);
    this.wanted = new Set();
    while (this.wanted.size < Math.min(papers, perKind * 3)) this.wanted.add(Math.floor(this.random() * papers));
  }

  /** Called for every generated paper, in order. */
  add(index: number, paper: GeneratedPaper): void {
    for (const w of new Set(words(paper.title.toLowerCase()))) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    for (const w of new Set(words(paper.summary.toLowerCase()))) this.df.set(w, (this.df.get(w) ?? 0) + 1);
    if (this.wanted.has(index)) this.targets.set(index, paper);
  }

  queries(): QuerySet {
    const r = this.random;
    const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
    const targets = [...this.targets.values()];
    const set: QuerySet = { one: [], three: [], prefix: [], typo: [] };
    for (let i = 0; set.one.length < this.perKind && i < targets.length * 4; i++) {
      const w = words(pick(targets).summary).filter(content);
      if (w.length) set.one.push(pick(w).toLowerCase());
    }
    for (let i = 0; set.three.length < this.perKind && i < targets.length * 4; i++) {
      const w = words(pick(targets).summary).filter(content);
      if (w.length < 3) continue;
      const at = Math.floor(r() * (w.length - 2));
      set.three.push(
        w
          .slice(at, at + 3)
          .join(' ')
          .toLowerCase(),
      );
    }
    for (let i = 0; set.prefix.length < this.perKind && i < targets.length * 4; i++) {
      const w = words(pick(targets).title).filter(content);
      if (w.length < 2) continue;
      const at = Math.floor(r() * (w.length - 1));
      const phrase = `${w[at]} ${w[at + 1]}`.toLowerCase();
      for (let n = 2; n <= phrase.length && set.prefix.length < this.perKind; n++) {
        if (phrase[n - 1] !== ' ') set.prefix.push(phrase.slice(0, n));
      }
    }
    for (const paper of targets) {
      if (set.typo.length >= this.perKind) break;
      const distinctive = [...new Set(words(paper.title.toLowerCase()).filter(content))]
        .sort((a, b) => (this.df.get(a) ?? 0) - (this.df.get(b) ?? 0))
        .slice(0, 3);
      const victim = distinctive
        .filter((w) => w.length >= 5 && /^[a-z]+$/.test(w))
        .sort((a, b) => b.length - a.length)[0];
      if (distinctive.length < 2 || !victim) continue;
      set.typo.push({ query: distinctive.map((w) => (w === victim ? misspell(w, r) : w)).join(' '), target: paper.id });
    }
    return set;
  }
}

/** One edit a typist makes: a dropped, doubled, swapped or wrong letter (never the first). */
export function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  const letter = 'etaoinshrdlu'[Math.floor(random() * 12)];
  const dropped = word.slice(0, at) + word.slice(at + 1);
  let out = dropped;
  if (kind === 1) out = word.slice(0, at) + word[at] + word.slice(at);
  else if (kind === 2) out = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  else if (kind === 3) out = word.slice(0, at) + letter + word.slice(at + 1);
  return out === word ? dropped : out;
}
