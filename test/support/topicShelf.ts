// A generated shelf with known topics: each topic has its own jargon, every paper also uses a
// large shared vocabulary of research prose, and one word in eight is borrowed from another
// topic. The topic is the paper's theme, so a test can ask whether the map keeps topics together.
import type { ShelfEntry } from '../../src/core/model/types';
import { makeEntry, makePaper } from './papers';
import { seededRandom } from '../../src/core/runtime/seededRandom';

const SYLLABLES = ['ka', 'lo', 'mi', 'tre', 'vos', 'quan', 'zel', 'phor', 'dru', 'sim', 'tal', 'ner', 'gov', 'bri'];

function word(random: () => number, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w;
}

export interface TopicShelfOptions {
  topics?: number;
  papers?: number;
  seed?: number;
  /** Start numbering ids here (to add papers to an existing generated shelf). */
  firstIndex?: number;
}

/** `papers` entries spread over `topics` themes named "Topic 1".."Topic N", months over two years. */
export function topicShelf(options: TopicShelfOptions = {}): ShelfEntry[] {
  const topics = options.topics ?? 6;
  const count = options.papers ?? 300;
  const vocabulary = seededRandom(options.seed ?? 7);
  const jargon = Array.from({ length: topics }, () => Array.from({ length: 40 }, () => word(vocabulary, 3)));
  const common = Array.from({ length: 300 }, () => word(vocabulary, 2));
  const random = seededRandom((options.seed ?? 7) * 31 + (options.firstIndex ?? 0));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const text = (topic: number, length: number) =>
    Array.from({ length }, () => {
      const r = random();
      if (r < 0.35) return pick(jargon[topic]);
      if (r < 0.42) return pick(jargon[(topic + 1 + Math.floor(random() * (topics - 1))) % topics]);
      return pick(common);
    }).join(' ');
  const first = options.firstIndex ?? 0;
  return Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const topic = i % topics;
    const month = `${2024 + Math.floor((i % 24) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    const id = `${month.slice(2, 4)}${month.slice(5, 7)}.${String(10000 + i).padStart(5, '0')}`;
    return makeEntry(makePaper({ id, title: text(topic, 8), summary: text(topic, 80) }), {
      theme: `Topic ${topic + 1}`,
      month,
    });
  });
}
