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
