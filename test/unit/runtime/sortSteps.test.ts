import * as assert from 'node:assert/strict';
import { runSteps, sortSteps } from '../../../src/core/runtime/yieldToHost';

describe('sortSteps', () => {
  it('sorts as Array.prototype.sort does, keeping equal items in order, at every size', () => {
    for (const n of [0, 1, 2, 1023, 1024, 1025, 3000, 5000]) {
      const items = Array.from({ length: n }, (_, i) => ({ k: (i * 7919) % 53, i }));
      const byK = (a: { k: number }, b: { k: number }) => a.k - b.k;
      const sorted = runSteps(sortSteps(items, byK));
      assert.deepEqual(sorted, [...items].sort(byK), `n = ${n}`);
      assert.equal(items[1]?.i ?? 1, 1, 'the input is not changed');
    }
  });

  it('pauses between runs and merges of a large input', () => {
    const items = Array.from({ length: 20000 }, (_, i) => String((i * 48271) % 20011));
    const steps = sortSteps(items, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    assert.ok(yields > 20000 / 1024, `yielded ${yields} times`);
    assert.deepEqual(step.value, [...items].sort());
  });
});
