import * as assert from 'node:assert/strict';
import { Newest } from '../../../src/core/runtime/newest';

/** A promise and the function that resolves it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('Newest: only the request made last counts', () => {
  it('a superseded job gives up, and awaiting it waits for the newest to end', async () => {
    const newest = new Newest();
    const shown: string[] = [];
    const first = gate();
    const second = gate();
    const job = (name: string, g: { wait: Promise<void> }) => (current: () => boolean) =>
      g.wait.then(() => {
        if (current()) shown.push(name);
      });
    let firstEnded = false;
    const a = newest.run(job('a', first)).then(() => (firstEnded = true));
    const b = newest.run(job('b', second));
    first.open();
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(firstEnded, false, 'the first request ends only once the second has');
    assert.deepEqual(shown, [], 'the superseded job drew nothing');
    second.open();
    await Promise.all([a, b]);
    assert.deepEqual(shown, ['b']);
  });

  it('a job that ends before the next is asked for resolves by itself', async () => {
    const newest = new Newest();
    let ran = 0;
    await newest.run(async (current) => {
      if (current()) ran++;
    });
    await newest.run(async (current) => {
      if (current()) ran++;
    });
    assert.equal(ran, 2);
  });

  it('a chain of superseded jobs all wait for the last', async () => {
    const newest = new Newest();
    const gates = [gate(), gate(), gate()];
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      newest
        .run((current) =>
          g.wait.then(() => {
            if (current()) order.push(i);
          }),
        )
        .then(() => order.push(10 + i)),
    );
    gates[0]!.open();
    gates[1]!.open();
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(order, []);
    gates[2]!.open();
    await Promise.all(runs);
    assert.equal(order[0], 2, 'only the last drew');
    assert.deepEqual(order.slice(1).sort(), [10, 11, 12]);
  });
});
