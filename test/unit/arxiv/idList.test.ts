import * as assert from 'node:assert/strict';
import { parseIdList } from '../../../src/core/arxiv/idList';

describe('idList: several ids or links at once', () => {
  it('splits on spaces, commas, semicolons and new lines, in any accepted form', () => {
    const { ids, invalid } = parseIdList(
      '2510.01152, arXiv:hep-th/9711200v2\nhttps://arxiv.org/abs/1706.03762;  arXiv: 1810.04805',
    );
    assert.deepEqual(
      ids.map((i) => [i.id, i.version]),
      [
        ['2510.01152', undefined],
        ['hep-th/9711200', 2],
        ['1706.03762', undefined],
        ['1810.04805', undefined],
      ],
    );
    assert.deepEqual(invalid, []);
  });

  it('keeps the first of duplicates and lists what is not an id', () => {
    const { ids, invalid } = parseIdList('1706.03762 1706.03762v3 banana 2510.1');
    assert.deepEqual(
      ids.map((i) => i.id),
      ['1706.03762'],
    );
    assert.deepEqual(invalid, ['banana', '2510.1']);
  });

  it('accepts ids wrapped in brackets or quotes and an empty input', () => {
    assert.deepEqual(
      parseIdList('(1706.03762) "2510.01152".').ids.map((i) => i.id),
      ['1706.03762', '2510.01152'],
    );
    assert.deepEqual(parseIdList('  \n '), { ids: [], invalid: [] });
  });
});
