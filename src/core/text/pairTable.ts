// A map from pairs of non-negative ids (the two stems of a bigram) to a value, in typed arrays:
// looked up millions of times while papers are read, without a Map keyed by large numbers (each
// a heap number) or any garbage per look-up.

export class PairTable {
  private first = new Int32Array(1024).fill(-1);
  private second = new Int32Array(1024);
  private values = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value of the pair (a, b), or -1 when it has none. */
  get(a: number, b: number): number {
    const mask = this.first.length - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const x = this.first[slot];
      if (x === -1) return -1;
      if (x === a && this.second[slot] === b) return this.values[slot];
    }
  }

  /** Sets the value of the pair (a, b); a value is a non-negative number. */
  set(a: number, b: number, value: number): void {
    if (2 * (this.count + 1) > this.first.length) this.grow();
    this.put(a, b, value);
  }

  private put(a: number, b: number, value: number): void {
    const mask = this.first.length - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const x = this.first[slot];
      if (x === -1) {
        this.first[slot] = a;
        this.second[slot] = b;
        this.values[slot] = value;
        this.count++;
        return;
      }
      if (x === a && this.second[slot] === b) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { first, second, values } = this;
    this.first = new Int32Array(first.length * 2).fill(-1);
    this.second = new Int32Array(first.length * 2);
    this.values = new Int32Array(first.length * 2);
    this.count = 0;
    for (let s = 0; s < first.length; s++) if (first[s] !== -1) this.put(first[s], second[s], values[s]);
  }
}

function slotOf(a: number, b: number, mask: number): number {
  return ((Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 16) & mask;
}
