// Generated shelves with known topics and subtopics, for the theme-discovery tests: each topic has its own
// words (a few of them in every title), papers share a common academic vocabulary, and some
// carry arXiv categories. Deterministic for a given seed.
import type { Paper } from '../../src/core/model/types';
import { rng } from '../../bench/generate';

const SYLLABLES = 'ka lo mi ra ne to su vi da pe zo ri ban tor flux gen mer quan sel tra vox lin dex nor syn cal'.split(
  ' ',
);
const COMMON =
  'we study the problem of estimation with new bounds and show that our method improves over prior work on several benchmarks in theory and practice results analysis'.split(
    ' ',
  );

export interface SubtopicShelf {
  papers: Paper[];
  /** Each paper's topic, by id. */
  topicOf: Map<string, number>;
}

/** `count` papers over `topics` topics (each with `subtopics` subtopics of their own words). */
export function subtopicShelf(count: number, topics: number, subtopics = 1, seed = 7): SubtopicShelf {
  const random = rng(seed);
  const word = () => {
    let w = '';
    const n = 2 + Math.floor(random() * 2);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return w;
  };
  const vocab = Array.from({ length: topics }, () => ({
    words: Array.from({ length: 12 }, word),
    sub: Array.from({ length: subtopics }, () => Array.from({ length: 8 }, word)),
  }));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const papers: Paper[] = [];
  const topicOf = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const t = Math.floor(random() * topics);
    const s = Math.floor(random() * subtopics);
    const { words, sub } = vocab[t]!;
    const own = () => (random() < 0.5 ? pick(words) : pick(sub[s]!));
    const title = `${own()} ${own()} of ${pick(words)} ${pick(sub[s]!)}`;
    const summary = Array.from({ length: 60 }, () => (random() < 0.45 ? own() : pick(COMMON))).join(' ') + '.';
    const id = `${2001 + Math.floor(i / 90000)}.${String(10000 + (i % 90000)).padStart(5, '0')}`;
    papers.push({
      id,
      title: title[0]!.toUpperCase() + title.slice(1),
      summary,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
      authors: [],
      categories: random() < 0.5 ? [`topic.t${t}`] : [],
      tags: [],
      extra: {},
      source: { file: 'generated', line: 1, column: 1 },
    });
    topicOf.set(id, t);
  }
  return { papers, topicOf };
}
