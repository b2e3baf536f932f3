// arXiv's terms of use: one request at a time and at least three seconds between requests.
import { cancelled } from './arxivError';
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** One request at a time, and at least `intervalMs` from the end of one to the start of the next. */
export class RateLimiter {
  private tail: Promise<void> = Promise.resolve();
  private lastEnd = -Infinity;

  constructor(
    readonly intervalMs = 3000,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Runs `task` in its turn. A cancelled wait gives up its turn without running the task. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.tail.then(async () => {
      const wait = this.lastEnd + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      if (signal?.aborted) throw cancelled();
      try {
        return await task();
      } finally {
        this.lastEnd = this.clock.now();
      }
    });
    this.tail = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }
}
