/**
 * Lets the event loop run (other requests, UI messages) before long work goes on in its next
 * slice. setImmediate where the runtime has it (Node, the extension host), else a timer (browsers).
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/** Work written as a generator that yields wherever it may be paused, and returns its result. */
export type Steps<T> = Generator<void, T>;

/** Runs `steps` to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs `steps` in slices of about `sliceMs`, calling `pause` between slices; undefined when
 * `stopped()` says so after a pause (the work was superseded or its owner disposed).
 */
export async function runStepsInSlices<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  sliceMs: number,
  stopped: () => boolean = () => false,
): Promise<{ value: T } | undefined> {
  let sliceEnd = performance.now() + sliceMs;
  let step = steps.next();
  while (!step.done) {
    if (performance.now() >= sliceEnd) {
      await pause();
      if (stopped()) return undefined;
      sliceEnd = performance.now() + sliceMs;
    }
    step = steps.next();
  }
  return { value: step.value };
}

/** Items sorted per slice: one run sorts in well under a millisecond. */
const SORT_RUN = 1024;

/**
 * A sorted copy of `items`, as `[...items].sort(compare)` gives it (stable), as steps: runs are
 * sorted, then merged pairwise, yielding every so many items (sorting 100,000 ids at once is
 * some 0.1 s of one thread).
 */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
  let from: T[] = [];
  for (let i = 0; i < items.length; i += SORT_RUN) {
    const run = items.slice(i, i + SORT_RUN).sort(compare);
    for (const item of run) from.push(item);
    yield;
  }
  let to: T[] = new Array<T>(from.length);
  for (let width = SORT_RUN; width < from.length; width *= 2) {
    let k = 0;
    for (let lo = 0; lo < from.length; lo += 2 * width) {
      const mid = Math.min(lo + width, from.length);
      const hi = Math.min(lo + 2 * width, from.length);
      let i = lo;
      let j = mid;
      while (i < mid || j < hi) {
        // Ties take the left run first, so equal items keep their order.
        to[k++] = j >= hi || (i < mid && compare(from[i]!, from[j]!) <= 0) ? from[i++]! : from[j++]!;
        if ((k & (SORT_RUN - 1)) === 0) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
