import * as assert from 'node:assert/strict';
import { MAX_OVERLAY, OverlayMap } from '../../../src/core/model/overlayMap';

describe('OverlayMap: a map with a few values replaced, not copied', () => {
  const base = new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));

  it('reads as the map with the values replaced: lookups, size, order and every way to iterate', () => {
    const over = OverlayMap.over(
      base,
      new Map([
        ['k3', 30],
        ['k7', 70],
      ]),
    )!;
    const expected = new Map(base);
    expected.set('k3', 30).set('k7', 70);
    assert.equal(over.size, 10);
    assert.equal(over.get('k3'), 30);
    assert.equal(over.get('k4'), 4);
    assert.equal(over.get('nope'), undefined);
    assert.equal(over.has('k7') && !over.has('nope'), true);
    assert.deepEqual([...over], [...expected]);
    assert.deepEqual([...over.entries()], [...expected.entries()]);
    assert.deepEqual([...over.keys()], [...expected.keys()]);
    assert.deepEqual([...over.values()], [...expected.values()]);
    const seen: [string, number][] = [];
    over.forEach((v, k, map) => {
      assert.equal(map, over);
      seen.push([k, v]);
    });
    assert.deepEqual(seen, [...expected]);
    assert.equal(base.get('k3'), 3, 'the base map is left as it was');
  });

  it('a value replaced by undefined reads as undefined, not as the base value', () => {
    const withUndefined = new Map<string, number | undefined>([
      ['a', 1],
      ['b', 2],
    ]);
    const over = OverlayMap.over(withUndefined, new Map([['a', undefined]]))!;
    assert.equal(over.get('a'), undefined);
    assert.deepEqual(
      [...over],
      [
        ['a', undefined],
        ['b', 2],
      ],
    );
  });

  it('an overlay of an overlay keeps one top (the newest value wins) over the same base', () => {
    const once = OverlayMap.over(
      base,
      new Map([
        ['k1', 10],
        ['k2', 20],
      ]),
    )!;
    const twice = OverlayMap.over(
      once,
      new Map([
        ['k2', 200],
        ['k5', 50],
      ]),
    )!;
    assert.deepEqual([...twice.values()], [0, 10, 200, 3, 4, 50, 6, 7, 8, 9]);
    assert.equal(once.get('k2'), 20, 'the earlier overlay is unchanged');
    assert.equal(
      (twice as unknown as { base: unknown }).base,
      base,
      'the second overlay lies on the base map, not on the first overlay',
    );
  });

  it('says undefined when the replaced values would pass the limit, so the caller makes a flat map', () => {
    assert.equal(
      OverlayMap.over(
        base,
        new Map([
          ['k1', 1],
          ['k2', 2],
          ['k3', 3],
        ]),
        2,
      ),
      undefined,
    );
    const small = OverlayMap.over(base, new Map([['k1', 1]]), 2)!;
    assert.ok(OverlayMap.over(small, new Map([['k2', 2]]), 2));
    assert.equal(
      OverlayMap.over(
        small,
        new Map([
          ['k2', 2],
          ['k3', 3],
        ]),
        2,
      ),
      undefined,
    );
    assert.ok(MAX_OVERLAY >= 1000, 'an ordinary save of a few papers stays an overlay');
  });
});
