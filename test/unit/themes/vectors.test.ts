import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCollection } from '../../../src/core/collection/collection';
import { CentreIndex } from '../../../src/core/themes/centreIndex';
import { FeatureIndex, buildVocabulary, categoryFeatures, cosine, paperTerms } from '../../../src/core/themes/vectors';
import { VocabularyCounter } from '../../../src/core/themes/vocabularyCounter';
import type { Paper } from '../../../src/core/model/types';
import { REPO_ROOT } from '../../support/paths';

const fixture = (name: string) =>
  parseCollection(readFileSync(path.join(REPO_ROOT, 'test/fixtures/themes', name), 'utf8'), name).papers;

describe('paper vectors', () => {
  const papers: Paper[] = [...fixture('testing.papers.txt'), ...fixture('physics.papers.txt')];
  // A title and summary outside ASCII take the other path through the tokenizer.
  papers.push({
    ...papers[0]!,
    id: '2501.00001',
    title: 'Équivalence des Tests Métamorphiques: Étude de Cas',
    summary:
      'Nous étudions le test métamorphique (metamorphic testing) et les relations métamorphiques — Straße, İstanbul.',
  });
  const index = new FeatureIndex(buildVocabulary(papers.map(paperTerms)));

  it('a paper read straight into its vector gets the vector of its terms, feature for feature', () => {
    for (const p of papers) {
      const direct = index.paperVector(p, []);
      const viaTerms = index.vector(paperTerms(p), []);
      assert.deepEqual([...direct.idx], [...viaTerms.idx], p.title);
      assert.deepEqual([...direct.val], [...viaTerms.val], p.title);
      if (direct.idx.length) assert.ok(Math.abs(cosine(direct, direct) - 1) < 1e-5);
    }
  });

  it('arXiv categories count with their archive (hep-lat and hep-ph are both hep), the primary twice', () => {
    assert.deepEqual(categoryFeatures(['hep-lat', 'hep-ph']), [
      ['c:hep-lat', 2],
      ['c:hep-ph', 1],
      ['a:hep', 1],
    ]);
    assert.deepEqual(categoryFeatures(['cs.SE', 'cs.LG', ' ']), [
      ['c:cs.se', 2],
      ['c:cs.lg', 1],
      ['a:cs', 1],
    ]);
    assert.deepEqual(categoryFeatures(['gr-qc']), [['c:gr-qc', 2]]);
  });

  it('two papers of one archive are more alike than the same two without their categories', () => {
    const a = papers.find((p) => p.title.startsWith('Observation of a New Boson'))!;
    const b = papers.find((p) => p.title.startsWith('Neutrino Oscillation'))!;
    const bare = (p: Paper) => index.paperVector({ ...p, categories: [] });
    assert.ok(cosine(index.paperVector(a), index.paperVector(b)) > cosine(bare(a), bare(b)));
  });

  it('the centre index gives every centre the cosine a paper has with it', () => {
    const vectors = papers.map((p) => index.paperVector(p));
    const centres = vectors.slice(0, 9);
    const centreIndex = new CentreIndex(centres, index.vocabulary.features.length);
    const scratch = new Float64Array(centres.length);
    for (const v of vectors) {
      centreIndex.scores(v, scratch);
      centres.forEach((c, i) => assert.equal(scratch[i], cosine(v, c)));
      const { best, sim } = centreIndex.nearest(v, scratch);
      assert.equal(sim, Math.max(...centres.map((c) => cosine(v, c))));
      assert.equal(
        best,
        centres.findIndex((c) => cosine(v, c) === sim),
      );
    }
    assert.equal(new CentreIndex([], 10).nearest(vectors[0]!, scratch).best, -1);
  });

  it('a compact centre index (features found by hash) scores every paper exactly as the row-backed one', () => {
    const vectors = papers.map((p) => index.paperVector(p));
    const dims = index.vocabulary.features.length;
    for (const centres of [vectors.slice(0, 1), vectors.slice(3, 20), vectors]) {
      const row = new CentreIndex(centres, dims);
      const compact = new CentreIndex(centres, dims, true);
      const a = new Float64Array(centres.length);
      const b = new Float64Array(centres.length);
      for (const v of vectors) assert.deepEqual(compact.scores(v, b), row.scores(v, a));
    }
    assert.equal(new CentreIndex([], 10, true).nearest(vectors[0]!, new Float64Array(1)).best, -1);
  });

  it('a paper the vocabulary counter read gets, from the stem ids it kept, the vector reading it again gives', () => {
    const counter = new VocabularyCounter();
    for (const p of papers) counter.add(p, []);
    const counted = new FeatureIndex(counter.vocabulary());
    papers.forEach((p, i) => {
      const again = counted.paperVector(p);
      const kept = counted.countedVector(counter, i, p);
      assert.deepEqual([...kept.idx], [...again.idx], p.title);
      assert.deepEqual([...kept.val], [...again.val], p.title);
    });
  });
});
