/** Work waiting for its next turn of the event loop, in the order it paused. */
const waiting: (() => void)[] = [];
let turnScheduled = false;

const nextTurn = (run: () => void): void =>
  void (typeof setImmediate === 'function' ? setImmediate(run) : setTimeout(run, 0));

/** Resumes the work that paused first; the rest waits for the following turns. */
function resumeOne(): void {
  const resume = waiting.shift();
  if (waiting.length) nextTurn(resumeOne);
  else turnScheduled = false;
  resume?.();
}

/**
 * Lets the event loop run (other requests, UI messages) before long work goes on in its next
 * slice. setImmediate where the runtime has it (Node, the extension host), else a timer (browsers).
 * Work that paused resumes one piece per turn of the event loop, in the order it paused: several
 * jobs in slices at once (a file being filed, the index restored, the tree laid out) would
 * otherwise all run their slices in the same turn, and the host would wait for all of them.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!turnScheduled) {
      turnScheduled = true;
      nextTurn(resumeOne);
    }
  });
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
 * When the slice running now ends, or when the last slice ended that used up its time: sliced
 * work that starts right after another's slice in the same turn (the caller of one job starting
 * the next, listeners of a change each starting theirs) shares what is left of that slice, and
 * pauses after its first step when nothing is left, instead of adding a slice of its own.
 */
let turnEnd = 0;
/** How soon after a spent slice new work still counts as the same turn. */
const SAME_TURN_MS = 1;

/**
 * Runs `steps` in slices of about `sliceMs`, calling `pause` between slices; undefined when
 * `stopped()` says so after a pause (the work was superseded or its owner disposed). The first
 * step always runs at once.
 */
export async function runStepsInSlices<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  sliceMs: number,
  stopped: () => boolean = () => false,
): Promise<{ value: T } | undefined> {
  const now = performance.now();
  let sliceEnd = now - turnEnd < SAME_TURN_MS ? Math.min(turnEnd, now + sliceMs) : (turnEnd = now + sliceMs);
  let step = steps.next();
  while (!step.done) {
    const t = performance.now();
    if (t >= sliceEnd) {
      turnEnd = t;
      await pause();
      if (stopped()) return undefined;
      sliceEnd = turnEnd = performance.now() + sliceMs;
    }
    step = steps.next();
  }
  const end = performance.now();
  if (end >= sliceEnd) turnEnd = end;
  return { value: step.value };
}

/** How long work in slices holds the extension host's thread before it pauses. */
export const HOST_SLICE_MS = 12;

/** Runs `steps` on the extension host in slices of HOST_SLICE_MS, pausing with `yieldToHost`. */
export function runInHostSlices<T>(steps: Steps<T>, stopped?: () => boolean): Promise<{ value: T } | undefined> {
  return runStepsInSlices(steps, yieldToHost, HOST_SLICE_MS, stopped);
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
