import * as assert from 'node:assert/strict';
import { MAX_QUERY_TERMS, buildSearchQuery, encodeSearchQuery } from '../../../src/core/arxiv/searchQuery';

describe('searchQuery: what the user types becomes arXiv search_query', () => {
  it('plain words: every word must match, in any field', () => {
    assert.equal(buildSearchQuery('diffusion transformers'), 'all:diffusion AND all:transformers');
    assert.equal(buildSearchQuery('  attention\t is \n all  '), 'all:attention AND all:is AND all:all');
    assert.equal(buildSearchQuery('Schrödinger'), 'all:Schrödinger');
    assert.equal(buildSearchQuery('state-of-the-art del_maestro'), 'all:state-of-the-art AND all:del_maestro');
  });

  it('field prefixes pass through (any case, a space after the colon allowed) and join with AND', () => {
    assert.equal(buildSearchQuery('ti:attention au:vaswani'), 'ti:attention AND au:vaswani');
    assert.equal(buildSearchQuery('TI:attention AU: vaswani'), 'ti:attention AND au:vaswani');
    assert.equal(buildSearchQuery('abs:transformer cat:cs.CL'), 'abs:transformer AND cat:cs.CL');
    assert.equal(
      buildSearchQuery('co:figures jr:nature rn:report all:x'),
      'co:figures AND jr:nature AND rn:report AND all:x',
    );
    // Not a field arXiv knows: the text is searched as words.
    assert.equal(buildSearchQuery('arXiv:2510.01152'), 'all:arXiv AND all:2510.01152');
    assert.equal(buildSearchQuery('foo:bar'), 'all:foo AND all:bar');
  });

  it('quoted phrases stay phrases, with or without a field; curly quotes and an unclosed quote too', () => {
    assert.equal(buildSearchQuery('"attention is all you need"'), 'all:"attention is all you need"');
    assert.equal(buildSearchQuery('ti:"diffusion models" au:xie'), 'ti:"diffusion models" AND au:xie');
    assert.equal(buildSearchQuery('“large language” models'), 'all:"large language" AND all:models');
    assert.equal(buildSearchQuery('ti:"graph neural'), 'ti:"graph neural"');
    assert.equal(buildSearchQuery('"single"'), 'all:single');
    assert.equal(buildSearchQuery('""'), '');
  });

  it('AND, OR, ANDNOT (and NOT) pass through; dangling or doubled operators are dropped', () => {
    assert.equal(buildSearchQuery('au:hinton OR au:lecun'), 'au:hinton OR au:lecun');
    assert.equal(buildSearchQuery('ti:transformer ANDNOT ti:vision'), 'ti:transformer ANDNOT ti:vision');
    assert.equal(buildSearchQuery('transformer NOT vision'), 'all:transformer ANDNOT all:vision');
    assert.equal(buildSearchQuery('a AND b'), 'all:a AND all:b');
    assert.equal(buildSearchQuery('AND a OR'), 'all:a');
    assert.equal(buildSearchQuery('a OR AND b'), 'all:a OR all:b');
    // Lower-case "and"/"or" are words, as a person means them.
    assert.equal(buildSearchQuery('rock and roll'), 'all:rock AND all:and AND all:roll');
    assert.equal(buildSearchQuery('AND OR ANDNOT'), '');
  });

  it('parentheses group; unbalanced ones are repaired', () => {
    assert.equal(buildSearchQuery('(au:hinton OR au:lecun) ti:deep'), '(au:hinton OR au:lecun) AND ti:deep');
    assert.equal(buildSearchQuery('(a OR b'), '(all:a OR all:b)');
    assert.equal(buildSearchQuery('a) b'), 'all:a AND all:b');
    assert.equal(buildSearchQuery('(single)'), 'all:single');
    assert.equal(buildSearchQuery('() a'), 'all:a');
  });

  it('characters the query parser would read are never sent; nothing searchable gives ""', () => {
    assert.equal(
      buildSearchQuery('C++ {x} [y] a^2 b~ c* d? e\\f !g'),
      'all:C AND all:x AND all:y AND all:a AND all:2 AND all:b AND all:c AND all:d AND all:e AND all:f AND all:g',
    );
    assert.equal(buildSearchQuery(''), '');
    assert.equal(buildSearchQuery('  ?!* '), '');
    assert.equal(buildSearchQuery('ti:'), 'all:ti');
  });

  it('at most MAX_QUERY_TERMS terms', () => {
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    assert.equal(buildSearchQuery(many).split(' AND ').length, MAX_QUERY_TERMS);
  });

  it('encodes spaces as +, and quotes, parentheses and colons by percent', () => {
    assert.equal(encodeSearchQuery('(ti:"a b" OR au:c) AND all:d'), '%28ti%3A%22a+b%22+OR+au%3Ac%29+AND+all%3Ad');
    assert.equal(encodeSearchQuery("all:O'Neil"), 'all%3AO%27Neil');
  });
});
