// Work written as steps (core/runtime/yieldToHost's Steps) run to the end here, counting the
// places it offered to pause: the tests of sliced paths check both the result and the pauses.
import type { Steps } from '../../src/core/runtime/yieldToHost';

export function runCounting<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0;
  let step = steps.next();
  while (!step.done) {
    pauses++;
    step = steps.next();
  }
  return { value: step.value, pauses };
}
