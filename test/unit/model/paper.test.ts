import * as assert from 'node:assert/strict';
import { hasLentSummary, lendSummaries, mergePapers, monthOf } from '../../../src/core/model/paper';
import { PackedTexts } from '../../../src/core/text/packedTexts';
import type { Paper } from '../../../src/core/model/types';
import { makePaper } from '../../support/papers';

function paper(over: Partial<Paper> & { id: string }): Paper {
  return makePaper(over);
}

describe('mergePapers and monthOf', () => {
  it('later wins where it states a value; lists and extras are combined', () => {
    const earlier = paper({
      id: '2510.01152',
      title: 'Old',
      summary: 'Kept',
      tags: ['a', 'b'],
      categories: ['cs.CL'],
      extra: { X: '1', Y: '1' },
      doi: '10.1/x',
    });
    const later = paper({
      id: '2510.01152',
      title: 'New',
      summary: '',
      tags: ['b', 'c'],
      extra: { Y: '2' },
      version: 3,
      pdfUrl: 'https://arxiv.org/pdf/2510.01152v3',
    });
    const m = mergePapers(earlier, later);
    assert.equal(m.title, 'New');
    assert.equal(m.summary, 'Kept');
    assert.deepEqual(m.tags, ['a', 'b', 'c']);
    assert.deepEqual(m.categories, ['cs.CL']);
    assert.deepEqual(m.extra, { X: '1', Y: '2' });
    assert.equal(m.doi, '10.1/x');
    assert.equal(m.version, 3);
    assert.equal(m.pdfUrl, 'https://arxiv.org/pdf/2510.01152v3');
  });

  it('monthOf reads the id, else the published date', () => {
    assert.equal(monthOf(paper({ id: '2510.01152' })), '2025-10');
    assert.equal(monthOf(paper({ id: 'math/0309136' })), '2003-09');
    assert.equal(monthOf(paper({ id: 'not-an-id', published: '2019-05-02' })), '2019-05');
    assert.equal(monthOf(paper({ id: 'not-an-id' })), '');
  });
});

describe('lendSummaries: summaries read from packed bytes', () => {
  function lent(): Paper[] {
    const papers = [
      paper({ id: '2510.00001', summary: 'First summary, with “quotes”.' }),
      paper({ id: '2510.00002', summary: '' }),
      paper({ id: '2510.00003', summary: 'Third.\n\nA second paragraph.' }),
    ];
    const packed = PackedTexts.pack(papers.map((p) => p.summary));
    const bare = papers.map(({ summary: _summary, ...rest }) => rest as Paper);
    lendSummaries(bare, packed);
    return bare;
  }

  it('reads as the summary was, and the paper looks like any other to a reader', () => {
    const papers = lent();
    assert.deepEqual(
      papers.map((p) => p.summary),
      ['First summary, with “quotes”.', '', 'Third.\n\nA second paragraph.'],
    );
    assert.ok(papers.every(hasLentSummary));
    assert.deepEqual(papers[0], paper({ id: '2510.00001', summary: 'First summary, with “quotes”.' }));
    assert.equal(JSON.parse(JSON.stringify(papers[2])).summary, 'Third.\n\nA second paragraph.');
    assert.ok(Object.keys(papers[0]!).includes('summary'));
  });

  it('copies are plain papers with the text: a spread, a merge, a clone to another thread', () => {
    const [first, , third] = lent();
    const spread = { ...first! };
    assert.equal(hasLentSummary(spread), false);
    assert.equal(Object.getOwnPropertyDescriptor(spread, 'summary')?.value, 'First summary, with “quotes”.');
    assert.equal(Object.getOwnPropertySymbols(spread).length, 0, 'the packed slots stay behind');
    assert.equal(mergePapers(third!, paper({ id: '2510.00003', title: 'Later' })).summary, third!.summary);
    assert.equal(structuredClone(third!).summary, 'Third.\n\nA second paragraph.');
  });

  it('a summary set later is the paper’s own; a count that does not match is refused', () => {
    const [first] = lent();
    first!.summary = 'Rewritten.';
    assert.equal(first!.summary, 'Rewritten.');
    assert.equal(hasLentSummary(first!), false);
    assert.throws(
      () => lendSummaries([paper({ id: '2510.00009' })], PackedTexts.pack(['a', 'b'])),
      /2 summaries came for 1 papers/,
    );
  });
});
