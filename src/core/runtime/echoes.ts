// Values this side sets on a copy that lives elsewhere (a quick pick's words, shown in the window)
// come back from there as changes, and sometimes late: after this side has set newer ones. Such a
// late echo is not a change the user made, and must not undo the newer value.

export class Echoes<T> {
  private pending: T[] = [];

  /** This side set `value` on the other copy. */
  sent(value: T): void {
    this.pending.push(value);
  }

  /**
   * A change arrived from the other copy. True when it is the echo of a value this side sent (the
   * latest or an older one); false when it was made there, which means no older echo is still
   * on its way.
   */
  received(value: T): boolean {
    const at = this.pending.indexOf(value);
    this.pending.splice(0, at >= 0 ? at + 1 : this.pending.length);
    return at >= 0;
  }
}
