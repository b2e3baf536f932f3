/**
 * Polls `probe` every 50 ms until it returns a truthy value, and returns that value; fails with
 * `what` in the message after `ms`. For conditions the host reaches asynchronously (a file
 * watcher firing, a tree refreshing), never a fixed sleep.
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
