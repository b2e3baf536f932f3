// Generates shelves of any size that read like the shipped collection: titles and summaries
// come from a word-level Markov chain over the 50 seed papers (so "large language models" and
// "reinforcement learning" recur as they do on arXiv), with about one word in ten replaced by a
// word of a long Zipf-distributed tail of made-up terms (model names, jargon), which gives the
// vocabulary the size and skew of a real library. Deterministic for a given seed.
import * as fs from 'node:fs';
import { seededRandom } from '../src/core/runtime/seededRandom';

/** The benchmark's generator: the core's seeded Mulberry32, so a seed gives the same shelf. */
export const rng = seededRandom;

interface Chain {
  starts: string[];
  next: Map<string, string[]>;
}

function chainOf(texts: string[]): Chain {
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  for (const text of texts) {
    const words = text.split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    starts.push(words[0]);
    for (let i = 0; i + 1 < words.length; i++) {
      let list = next.get(words[i]);
      if (!list) next.set(words[i], (list = []));
      list.push(words[i + 1]);
    }
  }
  return { starts, next };
}

export interface SeedText {
  titles: string[];
  summaries: string[];
}

/** Titles and summaries of the seeds file (a small reader: the generator must not depend on the parser it measures). */
export function readSeedText(file: string): SeedText {
  const titles: string[] = [];
  const summaries: string[] = [];
  for (const block of fs.readFileSync(file, 'utf8').split(/^---\s*$/m)) {
    let field = '';
    const fields: Record<string, string> = {};
    for (const line of block.split(/\r?\n/)) {
      const m = /^(Title|PDF|Summary):\s?(.*)$/.exec(line);
      if (m) fields[(field = m[1])] = m[2];
      else if (field && line.trim()) fields[field] += ' ' + line.trim();
    }
    if (fields.Title) titles.push(fields.Title.replace(/\s+/g, ' ').trim());
    if (fields.Summary) summaries.push(fields.Summary.replace(/\s+/g, ' ').trim());
  }
  return { titles, summaries };
}

const SYLLABLES =
  'ka,lo,mi,ra,ne,to,su,vi,da,pe,zo,ri,ban,tor,flux,gen,mer,quan,sel,tra,vox,lin,dex,nor,syn,cal,mo,ber,fi,gra'.split(
    ',',
  );

/** The Zipf tail: `count` made-up words, most of them plausible jargon ('quantorix', 'BanVox-7'). */
function tailWords(count: number, random: () => number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    const r = random();
    if (r < 0.15) w = w[0].toUpperCase() + w.slice(1) + '-' + (1 + Math.floor(random() * 9));
    else if (r < 0.3) w = w.toUpperCase().slice(0, 3 + Math.floor(random() * 3));
    else if (r < 0.4) w = w[0].toUpperCase() + w.slice(1);
    out.add(w);
  }
  return [...out];
}

export interface GeneratedPaper {
  id: string;
  title: string;
  summary: string;
}

export interface Generator {
  paper(index: number): GeneratedPaper;
}

export function generator(seeds: SeedText, seed = 20251001, tailSize = 60_000): Generator {
  const random = rng(seed);
  const titleChain = chainOf(seeds.titles);
  const summaryChain = chainOf(seeds.summaries);
  const tail = tailWords(tailSize, random);
  // Zipf(s = 1.05) over the tail: a few made-up words are everywhere, most are rare.
  const cdf = new Float64Array(tail.length);
  let total = 0;
  for (let i = 0; i < tail.length; i++) cdf[i] = total += 1 / Math.pow(i + 1, 1.05);
  const zipf = () => {
    const x = random() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return tail[lo];
  };

  const walk = (chain: Chain, min: number, max: number, tailShare: number): string => {
    const length = min + Math.floor(random() * (max - min + 1));
    const words: string[] = [];
    let word = chain.starts[Math.floor(random() * chain.starts.length)];
    while (words.length < length) {
      words.push(random() < tailShare ? zipf() : word);
      const options = chain.next.get(word);
      word = options?.length
        ? options[Math.floor(random() * options.length)]
        : chain.starts[Math.floor(random() * chain.starts.length)];
    }
    return words.join(' ');
  };

  return {
    paper(index: number): GeneratedPaper {
      // New-scheme ids, unique per index: 9,000 papers a month from January 2020.
      const m = Math.floor(index / 9000);
      const id = `${20 + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}.${10000 + (index % 9000)}`;
      const acronym = random() < 0.4 ? `${zipf().replace(/-\d$/, '')}: ` : '';
      const title = (acronym + walk(titleChain, 7, 13, 0.08)).replace(/[.,;:]+$/, '');
      const summary = walk(summaryChain, 150, 250, 0.1);
      return { id, title: title[0].toUpperCase() + title.slice(1), summary };
    },
  };
}

/** `count` papers in the collection format (titles wrapped like arXiv's listings). */
export function collectionText(gen: Generator, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = gen.paper(i);
    parts.push(`Title: ${wrap(p.title, 72)}\nPDF: https://arxiv.org/pdf/${p.id}\nSummary: ${p.summary}\n---\n`);
  }
  return parts.join('');
}

function wrap(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.lastIndexOf(' ', width);
  return cut <= 0 ? text : `${text.slice(0, cut)}\n  ${wrap(text.slice(cut + 1), width)}`;
}
