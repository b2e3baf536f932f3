import * as assert from 'node:assert/strict';
import { displayLine, firstInvisible, hasInvisible, neutraliseInvisible } from '../../../src/core/text/invisible';
import { messageExcerpt } from '../../../src/core/text/excerpt';
import { UNSEEN } from '../../support/hostileCorpus';

const EVERY = [
  0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061,
  0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xe0001, 0xe0041, 0xe007f,
].map((c) => String.fromCodePoint(c));

describe('text/invisible: bidirectional and invisible format characters', () => {
  it('finds and removes every one of them, and nothing else', () => {
    for (const c of EVERY) {
      assert.ok(hasInvisible(`a${c}b`), `U+${c.codePointAt(0)!.toString(16)}`);
      assert.equal(neutraliseInvisible(`a${c}b`), 'ab');
    }
    const ordinary = 'Grüße, 東京, عربى, עברית, नमस्ते, emoji 👍🏽, math α≤β, dash – and …';
    assert.equal(hasInvisible(ordinary), false);
    assert.equal(neutraliseInvisible(ordinary), ordinary);
    assert.equal(firstInvisible('x\u202ey'), 'U+202E');
    assert.equal(firstInvisible('plain'), undefined);
  });

  it('displayLine: one line, no control or unseen character', () => {
    assert.equal(displayLine(' Bidi \u202eemeht\u202c\n\u0007theme\t '), 'Bidi emeht theme');
    assert.ok(!UNSEEN.test(displayLine(EVERY.join('x'))));
  });

  it('messageExcerpt: short, with unseen and control characters written out', () => {
    assert.equal(messageExcerpt('nul\u0000key'), 'nul\\u0000key');
    assert.equal(messageExcerpt('\u202eyek'), '\\u202eyek');
    assert.equal(messageExcerpt('tag\u{e0041}'), 'tag\\u{e0041}');
    const long = messageExcerpt('x'.repeat(500), 40);
    assert.equal(Array.from(long).length, 40);
    assert.ok(long.endsWith('…'));
  });
});
