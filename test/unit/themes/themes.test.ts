import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseCollection } from '../../../src/core/collection/collection';
import { ThemeClassifier } from '../../../src/core/themes/themes';
import { parseTaxonomy, type Taxonomy } from '../../../src/core/themes/taxonomy';
import { stem, stemmedWords } from '../../../src/core/themes/themeTokens';
import { buildShelf } from '../../../src/core/shelf/shelfFactory';
import type { Paper } from '../../../src/core/model/types';
import { REPO_ROOT } from '../../support/paths';

const root = REPO_ROOT;
const taxonomyText = readFileSync(path.join(root, 'seeds/themes.json'), 'utf8');
const seedsText = readFileSync(path.join(root, 'seeds/papers.txt'), 'utf8');

function shippedClassifier(): ThemeClassifier {
  const { taxonomy, problems } = parseTaxonomy(taxonomyText, 'seeds/themes.json');
  assert.deepEqual(problems, []);
  return new ThemeClassifier(taxonomy!);
}

function paper(title: string, summary: string, extra: Partial<Paper> = {}): Paper {
  return {
    id: '2601.00001',
    title,
    summary,
    pdfUrl: 'https://arxiv.org/pdf/2601.00001',
    authors: [],
    categories: [],
    tags: [],
    extra: {},
    source: { file: '', line: 1, column: 1 },
    ...extra,
  };
}

describe('themes: the shipped taxonomy on the 50 seeds', () => {
  const classifier = shippedClassifier();
  const { papers } = parseCollection(seedsText, 'seeds/papers.txt');
  const themeOf = new Map(papers.map((p) => [p.title, classifier.classify(p)]));
  /** The theme of the one seed whose title contains `fragment`. */
  const theme = (fragment: string): string => {
    const hits = [...themeOf.keys()].filter((t) => t.includes(fragment));
    assert.equal(hits.length, 1, `exactly one seed title contains ${JSON.stringify(fragment)}`);
    return themeOf.get(hits[0]!)!;
  };
  const sameTheme = (fragments: string[]): void => {
    const themes = fragments.map(theme);
    assert.equal(new Set(themes).size, 1, fragments.map((f, i) => `${f} -> ${themes[i]}`).join('\n'));
    assert.notEqual(themes[0], classifier.taxonomy.fallback);
  };

  it('reads all 50 seeds', () => assert.equal(papers.length, 50));

  it('puts the RL-with-verifiable-rewards training papers together', () => {
    sameTheme([
      'BroRL',
      'DeepSearch: Overcome the Bottleneck',
      'Knapsack RL',
      'Your GRPO Is Secretly DPO',
      'Nudging the Boundaries',
      'Thinking-Free Policy Initialization',
      'CurES',
      'On Predictability of Reinforcement Learning',
      'Action Abstractions with Scalable Mid-Training RL',
    ]);
  });

  it('puts the LLM-agent papers together', () => {
    sameTheme([
      'ACON: Optimizing Context Compression',
      'Theory of Mind into Socially Intelligent LLM Agents',
      'Flash-Searcher',
      'JoyAgent-JDGenie',
      'GEM: A Gym for Agentic LLMs',
      'CORRECT: COndensed',
      'Testing Practices in Open Source AI Agent',
    ]);
  });

  it('puts the video-generation papers together, with the other image generators', () => {
    sameTheme(['BindWeave', 'Code2Video', 'Aligning Visual Foundation Encoders', 'GeoRemover']);
  });

  it('puts quantization and KV-cache efficiency together', () => {
    sameTheme(['SINQ: Sinkhorn-Normalized Quantization', 'The Pitfalls of KV Cache Compression', 'GUI-KV']);
  });

  it('never puts speech synthesis beside SAT solving', () => {
    assert.notEqual(theme('BatonVoice'), theme('Boolean Satisfiability'));
    assert.notEqual(theme('BatonVoice'), classifier.taxonomy.fallback);
  });

  it('keeps reward models, safety, vision and training papers in their own themes', () => {
    sameTheme([
      'Rethinking Reward Models for Multi-Domain',
      'Making, not Taking, the Best of N',
      'Vision-Language Process Reward Models',
    ]);
    sameTheme([
      'LLM Watermark Evasion',
      'BiasFreeBench',
      'Eliciting Secret Knowledge',
      'Hyperdimensional Probe',
      "Why Can't Transformers Learn Multiplication",
    ]);
    sameTheme(['VLM-FO1', 'Catching the Details']);
    sameTheme(['Muon Outperforms Adam', 'MixtureVitae', 'Beyond Log Likelihood']);
    sameTheme(['BatonVoice', 'Video Object Segmentation-Aware Audio Generation']);
  });

  it('keeps every theme under a third of the shelf and the catch-all at 10% or less', () => {
    const counts = new Map<string, number>();
    for (const t of themeOf.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [name, count] of counts)
      assert.ok(count <= papers.length / 3, `${name} holds ${count} of ${papers.length}`);
    assert.ok((counts.get(classifier.taxonomy.fallback) ?? 0) <= papers.length * 0.1);
    assert.ok(counts.size >= 6, 'the shelf is split into a useful number of themes');
  });

  it('gives every theme a short, clear name and a codicon', () => {
    for (const t of classifier.taxonomy.themes) {
      assert.match(t.name, /^[A-Z][\w&\- ]+$/, t.name);
      assert.ok(t.name.split(' ').length <= 5, t.name);
      assert.match(t.icon, /^[a-z][a-z0-9-]*$/, t.icon);
    }
  });
});

describe('themes: papers the shelf has never seen', () => {
  const classifier = shippedClassifier();
  const cases: [string, string, string][] = [
    [
      'Image & Video Generation',
      'MotionFlow: Temporally Coherent Text-to-Video Diffusion with Learned Motion Priors',
      'We present a latent video diffusion model that generates long, temporally consistent clips from text prompts. A motion prior keeps frames coherent; FVD improves over prior text-to-video generators.',
    ],
    [
      'Efficient Inference & Compression',
      'Outlier-Aware 3-Bit Weight Quantization for Fast LLM Serving',
      'Post-training quantization of large language models to low bit widths suffers from activation outliers. We rotate weights before quantizing, reaching 3-bit precision with small perplexity loss and higher throughput.',
    ],
    [
      'Speech & Audio',
      'Zero-Shot Voice Cloning for Expressive Text-to-Speech',
      'We train a TTS model that clones an unseen speaker from three seconds of audio, with controllable prosody, and evaluate naturalness with listening tests.',
    ],
    [
      'LLM Agents',
      'WebPilot: Planning Tool Calls for Long-Horizon Browser Agents',
      'Autonomous web agents must plan many tool calls. We introduce a planner that lets an LLM agent navigate websites, recover from errors and finish long-horizon tasks.',
    ],
    [
      'RL for LLM Reasoning',
      'Scaling GRPO with Adaptive Rollout Budgets for Math Reasoning',
      'Reinforcement learning with verifiable rewards improves the mathematical reasoning of language models. We allocate rollouts adaptively per prompt, stabilising policy optimization.',
    ],
    [
      'Robotics & Control',
      'Dexterous Robot Manipulation from a Handful of Demonstrations',
      'We learn manipulation policies for a robotic hand with imitation learning and sim-to-real transfer, and test on real-world grasping.',
    ],
  ];
  for (const [expected, title, summary] of cases) {
    it(`files "${title}" under ${expected}`, () => assert.equal(classifier.classify(paper(title, summary)), expected));
  }

  it('sends a paper that matches no theme to the catch-all', () => {
    assert.equal(
      classifier.classify(
        paper(
          'A Social History of Medieval Bookbinding',
          'We trace guild records of bookbinders in fourteenth-century Flanders.',
        ),
      ),
      'Other',
    );
  });

  it('explains its choice with the matched terms', () => {
    const { theme, scores } = classifier.explain(
      paper('Fast KV Cache Eviction', 'We evict KV cache entries to cut memory.'),
    );
    assert.equal(theme, 'Efficient Inference & Compression');
    assert.equal(scores[0]!.theme, theme);
    assert.ok(scores[0]!.matched.includes('kv cache'));
  });

  it('gives in top() the theme and the two best scores explain() lists, ties in taxonomy order', () => {
    const { taxonomy } = parseTaxonomy(taxonomyText, 'seeds/themes.json');
    const termTexts = taxonomy!.themes.flatMap((t) =>
      Array.isArray(t.terms) ? t.terms : Object.keys(t.terms as Record<string, number>),
    );
    const same = (p: Paper) => {
      const { theme, scores } = classifier.explain(p);
      assert.deepEqual(classifier.top(p), {
        theme,
        best: scores[0]?.score ?? 0,
        second: scores[1]?.score ?? 0,
      });
    };
    for (const p of parseCollection(seedsText, 'seeds/papers.txt').papers) same(p);
    // Texts made of the taxonomy's own terms: many themes score, often equally.
    const text = fc.array(fc.constantFrom(...termTexts, 'the', 'model'), { maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (title, summary) => same(paper(title, summary))),
      { numRuns: 400 },
    );
    // Two themes with the same score: the one the taxonomy lists first is the best.
    const tiedTaxonomy = parseTaxonomy(
      JSON.stringify({
        themes: [
          { name: 'First', icon: 'beaker', terms: { alpha: 3 } },
          { name: 'Second', icon: 'beaker', terms: { beta: 3 } },
        ],
        fallback: 'Other',
        minMargin: 0,
      }),
    ).taxonomy!;
    const tied = new ThemeClassifier(tiedTaxonomy);
    const both = paper('alpha beta', 'alpha beta');
    const listed = tied.explain(both).scores;
    assert.equal(listed[0]!.theme, 'First');
    assert.equal(listed[0]!.score, listed[1]!.score);
    assert.deepEqual(tied.top(both), { theme: 'First', best: listed[0]!.score, second: listed[1]!.score });
  });
});

describe('themes: explicit choices win', () => {
  it('keeps a `Theme:` field from the collection file over the automatic assignment', () => {
    const text =
      'Title: Outlier-Aware Weight Quantization\nPDF: https://arxiv.org/pdf/2601.00002\nTheme: My Reading Group\nSummary: Quantization of LLM weights to 3 bits.\n---\n';
    const { shelf } = buildShelf({
      taxonomy: { file: 'themes.json', text: taxonomyText },
      collections: [{ file: 'mine.txt', text }],
    });
    assert.equal(shelf.get('2601.00002')?.theme, 'My Reading Group');
  });

  it('keeps a theme the user moved a paper to', () => {
    const { shelf } = buildShelf({
      taxonomy: { file: 'themes.json', text: taxonomyText },
      seeds: { file: 'seeds/papers.txt', text: seedsText },
      choices: { themeOverrides: { '2510.00231': 'Speech & Audio' }, starred: [], hidden: [], pinnedKeys: {} },
    });
    assert.equal(shelf.get('2510.00231')?.theme, 'Speech & Audio');
    assert.equal(shelf.get('2509.22944')?.theme, 'Efficient Inference & Compression');
  });
});

describe('themes: parseTaxonomy', () => {
  it('accepts term lists and weighted terms, and a string fallback', () => {
    const { taxonomy, problems } = parseTaxonomy(
      JSON.stringify({
        fallback: 'Misc',
        themes: [
          { name: 'A', icon: '$(beaker)', terms: ['alpha', 'beta gamma'] },
          { name: 'B', terms: { delta: 2 } },
        ],
      }),
    );
    assert.deepEqual(problems, []);
    assert.equal(taxonomy!.fallback, 'Misc');
    assert.equal(taxonomy!.themes[0]!.icon, 'beaker');
    assert.equal(taxonomy!.themes[1]!.icon, 'symbol-misc');
    assert.deepEqual(taxonomy!.themes[0]!.terms, { alpha: 1, 'beta gamma': 1 });
  });

  it('reports invalid JSON with its position and gives no taxonomy', () => {
    const { taxonomy, problems } = parseTaxonomy('{\n  "themes": [\n    {"name": "A",}\n  ]\n}', 'mine.json');
    assert.equal(taxonomy, undefined);
    assert.equal(problems[0]!.code, 'invalid-json');
    assert.equal(problems[0]!.location.file, 'mine.json');
    assert.equal(problems[0]!.location.line, 3);
  });

  it('skips broken themes with a warning and keeps the good ones', () => {
    const { taxonomy, problems } = parseTaxonomy(
      JSON.stringify({
        themes: [
          { name: 'A', terms: ['x'] },
          { name: 'a', terms: ['y'] },
          { terms: ['z'] },
          'junk',
          { name: 'B', terms: 'nope' },
          { name: 'C', terms: { w: 'heavy' } },
        ],
      }),
    );
    assert.deepEqual(
      taxonomy!.themes.map((t) => t.name),
      ['A', 'C'],
    );
    assert.deepEqual(
      problems.map((p) => p.code).sort(),
      ['duplicate-theme', 'invalid-term', 'invalid-terms', 'invalid-theme', 'missing-name', 'no-terms'].sort(),
    );
    assert.ok(problems.every((p) => p.severity === 'warning'));
  });

  it('refuses a taxonomy without themes', () => {
    assert.equal(parseTaxonomy('{"themes": []}').taxonomy, undefined);
    assert.equal(parseTaxonomy('[]').problems[0]!.code, 'invalid-taxonomy');
    assert.equal(parseTaxonomy('{}').problems[0]!.code, 'missing-themes');
  });

  it('uses a user taxonomy for classification, with its own fallback', () => {
    const taxonomy: Taxonomy = {
      themes: [{ name: 'Birds', icon: 'feedback', terms: { bird: 3, wing: 1 } }],
      fallback: 'Unsorted',
      fallbackIcon: 'inbox',
      minScore: 2,
    };
    const c = new ThemeClassifier(taxonomy);
    assert.equal(c.classify(paper('Wings of Birds', 'How birds fly.')), 'Birds');
    assert.equal(c.classify(paper('Fish', 'Gills.')), 'Unsorted');
    assert.equal(c.iconOf('Unsorted'), 'inbox');
    assert.equal(c.canonicalName('birds'), 'Birds');
  });
});

describe('themes: normalisation', () => {
  it('folds plurals and verb endings the same way for terms and text', () => {
    assert.equal(stem('agents'), stem('agent'));
    assert.equal(stem('quantized'), stem('quantize'));
    assert.equal(stem('quantizing'), stem('quantize'));
    assert.equal(stem('biases'), stem('bias'));
    assert.equal(stem('llms'), 'llm');
    assert.deepEqual(stemmedWords('KV-Cache, Text-to-Video!'), ['kv', 'cach', 'text', 'to', 'video']);
  });
});

describe('themes: reading only the words that can matter', () => {
  // The classifier skips words that cannot stem to any term's token (judged by their first
  // characters) and caches the others by their characters. Whatever it skips, a term must match
  // exactly where its tokens occur, in order, in `stemmedWords(text)`.
  const letters = fc.constantFrom(...'abcehisxy0123456789'.split(''));
  const root = fc.array(letters, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
  const ending = fc.constantFrom('', 's', 'es', 'ies', 'ing', 'ed', 'e', 'ches', 'sses', 'y', 'ings');
  const word = fc.oneof(
    fc.tuple(root, ending, fc.boolean()).map(([r, e, upper]) => (upper ? `${r}${e}`.toUpperCase() : `${r}${e}`)),
    // The endings that shorten a word most: four letters to a two-letter stem, '-ies' to '-y'.
    fc.constantFrom('ches', 'shes', 'sses', 'axes', 'ch', 'ax', 'flies', 'fly', 'ties', 'ty'),
  );
  const separator = fc.constantFrom(' ', ', ', '-', '. ', ' (', '\n', ' é ');

  it('matches exactly the terms whose tokens occur in the text, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, separator), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 8 }),
        (parts, picks) => {
          const text = parts.map(([w, s]) => w + s).join('');
          const tokens = stemmedWords(text);
          // Terms built from stems of the text's own words (so most of them match), plus
          // their spellings as written (so the taxonomy side is stemmed too).
          const terms: Record<string, number> = {};
          for (const [at, length] of picks) {
            const start = at % parts.length;
            const phrase = parts
              .slice(start, start + length)
              .map(([w]) => w)
              .join(' ');
            if (stemmedWords(phrase).length) terms[phrase] = 1;
          }
          fc.pre(Object.keys(terms).length > 0);
          const classifier = new ThemeClassifier({
            themes: [{ name: 'T', icon: 'beaker', terms }],
            fallback: 'Other',
            fallbackIcon: 'question',
            minScore: 0,
          });
          const matched = new Set(classifier.scores({ title: '', summary: text })[0]?.matched ?? []);
          for (const term of Object.keys(terms)) {
            const phrase = stemmedWords(term);
            const occurs = tokens.some((_, i) => phrase.every((p, j) => tokens[i + j] === p));
            assert.equal(matched.has(term), occurs, `${JSON.stringify(term)} in ${JSON.stringify(text)}`);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
