import * as assert from 'node:assert/strict';
import { runStepsInSlices, yieldToHost, type Steps } from '../../../src/core/runtime/yieldToHost';

/** Steps that each take about `ms` of busy time, logging under `name` as they run (and when each starts, in `starts`). */
function* busy(name: string, steps: number, ms: number, log: string[], starts: number[] = []): Steps<string> {
  for (let i = 0; i < steps; i++) {
    starts.push(performance.now());
    const end = performance.now() + ms;
    while (performance.now() < end);
    log.push(name);
    yield;
  }
  return name;
}

describe('yieldToHost and runStepsInSlices', () => {
  it('resumes paused work one piece per turn of the event loop, in the order it paused', async () => {
    const order: string[] = [];
    // A timer runs between turns (each piece is busy long enough for it to be due): what resumed
    // between two of its runs ran in one turn.
    const turns: string[][] = [];
    let current: string[] = [];
    const timer = setInterval(() => {
      if (current.length) turns.push(current);
      current = [];
    }, 1);
    await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        for (let i = 0; i < 3; i++) {
          await yieldToHost();
          const end = performance.now() + 2;
          while (performance.now() < end);
          order.push(name);
          current.push(name);
        }
      }),
    );
    clearInterval(timer);
    if (current.length) turns.push(current);
    assert.deepEqual(order, ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    for (const turn of turns) assert.equal(turn.length, 1, `one piece per turn: ${JSON.stringify(turns)}`);
  });

  it('gives the same result as running at once, and jobs in slices at once take turns', async () => {
    const log: string[] = [];
    const [a, b] = await Promise.all([
      runStepsInSlices(busy('a', 6, 3, log), yieldToHost, 5),
      runStepsInSlices(busy('b', 6, 3, log), yieldToHost, 5),
    ]);
    assert.deepEqual([a?.value, b?.value], ['a', 'b']);
    // Each slice is about two steps; the jobs alternate instead of running side by side in one turn.
    assert.notDeepEqual(log.join(''), 'aaaaaabbbbbb');
    assert.ok(/ab|ba/.test(log.join('')), log.join(''));
  });

  // The two tests below hold only when the machine lets the jobs run when they ask to: on a busy
  // machine the process may be held up between two steps for several milliseconds, which rightly
  // changes the slices. Each attempt checks from the steps' own times whether it ran unhindered,
  // and only those attempts are judged.
  /** Runs `attempt` (true: it ran unhindered and was judged) until three were judged, for at most 10 s; skipped if none was. */
  async function judgeUnhindered(test: Mocha.Context, attempt: () => Promise<boolean>): Promise<void> {
    let judged = 0;
    for (const started = Date.now(); Date.now() - started < 10_000 && judged < 3;) if (await attempt()) judged++;
    if (!judged) test.skip(); // the machine never let an attempt run unhindered
  }

  /** A second job of `steps` 1 ms steps in 20 ms slices: how many of its steps ran before its first pause, and when each began. */
  async function secondJob(log: string[], steps: number): Promise<{ before: number; starts: number[] }> {
    const starts: number[] = [];
    const from = log.length;
    let before = -1;
    await runStepsInSlices(
      busy('second', steps, 1, log, starts),
      () => ((before = before < 0 ? log.length - from : before), yieldToHost()),
      20,
    );
    return { before, starts };
  }

  it('work that starts right after another slice in the same turn shares that slice', async function () {
    this.timeout(30_000);
    await judgeUnhindered(this, async () => {
      const log: string[] = [];
      await yieldToHost();
      // 15 ms of a 20 ms slice, no pause needed; the next job starts in the same turn.
      let paused = 0;
      const called = performance.now();
      await runStepsInSlices(busy('first', 15, 1, log), () => (paused++, yieldToHost()), 20);
      const { before, starts } = await secondJob(log, 30);
      assert.equal(log.length, 45);
      // Held up: the first job overran its slice, or the second began after that slice's end.
      if (paused || starts[0]! >= called + 20) return false;
      assert.ok(before > 0 && before <= 10, `the second job ran ${before} steps before its first pause`);
      return true;
    });
  });

  it('work that starts right after a slice that used up its time pauses after its first step', async function () {
    this.timeout(30_000);
    await judgeUnhindered(this, async () => {
      const log: string[] = [];
      await yieldToHost();
      // The first job runs to its end past its 5 ms; the next, started in the same turn, gets none of its own.
      // One step that runs to the end: no pause point at all.
      let ended = 0;
      // eslint-disable-next-line require-yield
      function* longer(): Steps<string> {
        const end = performance.now() + 8;
        while (performance.now() < end);
        ended = performance.now();
        return 'first';
      }
      assert.deepEqual(await runStepsInSlices(longer(), yieldToHost, 5), { value: 'first' });
      const { before, starts } = await secondJob(log, 10);
      assert.equal(log.length, 10);
      // Held up between the two jobs for as long as the scheduler's "same turn" (1 ms).
      if (starts[0]! - ended >= 0.9) return false;
      assert.equal(before, 1, 'one step, then a pause');
      return true;
    });
  });

  it('stops after a pause when told to', async () => {
    let stop = false;
    const log: string[] = [];
    const done = runStepsInSlices(
      busy('x', 50, 1, log),
      () => ((stop = true), yieldToHost()),
      2,
      () => stop,
    );
    assert.equal(await done, undefined);
    assert.ok(log.length < 50);
  });
});
