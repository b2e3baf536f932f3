import * as assert from 'node:assert/strict';
import { PackedTexts } from '../../../src/core/text/packedTexts';

describe('PackedTexts: many strings as one run of UTF-8 bytes', () => {
  const texts = [
    '',
    'plain ASCII',
    'Schrödinger’s équation',
    '',
    '数学の論文',
    'emoji 🧪 and a lone surrogate \ud800',
    'x',
  ];

  it('gives back each text as it was packed, empty ones and every script included', () => {
    const packed = PackedTexts.pack(texts);
    assert.equal(packed.size, texts.length);
    // The lone surrogate cannot be UTF-8: it reads back as U+FFFD, like any text decoder's output.
    assert.deepEqual(
      texts.map((_, i) => packed.get(i)),
      texts.map((t) => t.replace('\ud800', '\ufffd')),
    );
    assert.equal(packed.bytes.length, new TextEncoder().encode(texts.join('')).length, 'the buffer is cut to its text');
  });

  it('crosses to another thread as its two buffers, and is read the same there', () => {
    const packed = PackedTexts.pack(['first', 'second']);
    const [bytes, ends] = structuredClone([packed.bytes, packed.ends], { transfer: packed.buffers });
    assert.equal(packed.bytes.length, 0, 'the buffers moved, not copied');
    const there = PackedTexts.of(bytes, ends);
    assert.equal(there.get(1), 'second');
  });

  it('refuses ends outside the bytes, and places that are not texts', () => {
    assert.throws(() => PackedTexts.of(new Uint8Array(4), Uint32Array.of(2, 5)), /outside their bytes/);
    assert.throws(() => PackedTexts.of(new Uint8Array(4), Uint32Array.of(3, 2)), /outside their bytes/);
    const packed = PackedTexts.pack(['a']);
    assert.throws(() => packed.get(1), RangeError);
    assert.throws(() => packed.get(-1), RangeError);
    assert.throws(() => packed.get(0.5), RangeError);
  });
});
