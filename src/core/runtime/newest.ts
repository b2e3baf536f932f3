// Asynchronous work of which only the newest request counts: drawing a panel for the paper asked
// for last, applying the filter typed last. A request that a newer one superseded while it
// waited gives up, and whoever awaits it waits for the newest instead, so "it has ended" always
// means "what was asked for last is shown".

export class Newest {
  private generation = 0;
  private latest: Promise<void> = Promise.resolve();

  /**
   * Starts `job`, which checks `current()` after each of its waits and returns early when it is
   * false. Resolves when the newest job started so far (this one or a later one) has ended.
   */
  run(job: (current: () => boolean) => Promise<void>): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const running = job(current).then(() => (current() ? undefined : this.latest));
    this.latest = running;
    return running;
  }
}
