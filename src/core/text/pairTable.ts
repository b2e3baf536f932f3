// A map from pairs of small ids (two stems of a bigram) to a value, in typed arrays: looked up
// millions of times while papers are read, without a Map keyed by large numbers or any garbage.

/** Pairs of small non-negative ids (below 65,536) -> a value: open addressing, no allocation per look-up. */
export class PairTable {
  private keys = new Uint32Array(1024);
  private values = new Int32Array(1024);
  private size = 0;

  get(a: number, b: number): number {
    const key = ((a << 16) | b) >>> 0;
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key + 1, 0x9e3779b1) >>> 0 & mask; ; slot = (slot + 1) & mask) {
      const k = this.keys[slot];
      if (k === 0) return -1;
      if (k === key + 1) return this.values[slot];
    }
  }

  set(a: number, b: number, value: number): void {
    if (a >= 65535 || b >= 65535) throw new RangeError('PairTable ids must be below 65,536');
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    this.put(((a << 16) | b) >>> 0, value);
  }

  private put(key: number, value: number): void {
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key + 1, 0x9e3779b1) >>> 0 & mask; ; slot = (slot + 1) & mask) {
      const k = this.keys[slot];
      if (k === 0) {
        this.keys[slot] = key + 1;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (k === key + 1) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let s = 0; s < keys.length; s++) if (keys[s] !== 0) this.put(keys[s] - 1, values[s]);
  }
}
