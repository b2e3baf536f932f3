import * as assert from 'node:assert/strict';
import { collapseSpace } from '../../../src/core/text/spaces';

describe('text: white space', () => {
  it('turns every run of white space into one space and trims', () => {
    assert.equal(collapseSpace('  a \t b\r\n\nc  '), 'a b c');
    assert.equal(collapseSpace('a\u00a0\u00a0b\u2003c\u2028d'), 'a b c d');
    assert.equal(collapseSpace('already clean'), 'already clean');
    assert.equal(collapseSpace(' one '), 'one');
    assert.equal(collapseSpace(' \n\t '), '');
  });

  it('agrees with the plain rewrite on any text', () => {
    const samples = ['x  y', 'x\ty', ' x', 'x ', 'x\u00a0y', 'x \u3000 y', '', 'a b c'];
    for (const s of samples) assert.equal(collapseSpace(s), s.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
  });
});
