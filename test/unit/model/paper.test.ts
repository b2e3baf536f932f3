import * as assert from 'node:assert/strict';
import { mergePapers, monthOf } from '../../../src/core/model/paper';
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
