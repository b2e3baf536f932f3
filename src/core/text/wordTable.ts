// A table of words found by a hash of their characters where they stand in a text, so a word is
// looked up without first being copied out of the text (no slice, no Map, no garbage). The
// search index numbers its words with it; the theme classifier remembers each word's token.

/** FNV-1a over one more character code, as the table's callers hash words while scanning them. */
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 16777619);
}

/** The FNV-1a starting value. */
export const HASH_START = -2128831035;

/** The hash of a whole word, the same as hashing its characters one by one while scanning. */
export function hashWord(word: string): number {
  let h = HASH_START;
  for (let c = 0; c < word.length; c++) h = hashStep(h, word.charCodeAt(c));
  return h;
}

/** Open addressing over 32-bit hashes, words numbered 0, 1, 2... in the order they were added. */
export class WordTable {
  private slots = new Int32Array(1 << 12); // word number + 1; 0 = empty
  private hashes = new Int32Array(1 << 11);
  readonly words: string[] = [];

  get size(): number {
    return this.words.length;
  }

  /** The number of the word `text[start, end)` whose hash is `h`, or -1 when it is not in the table. */
  find(text: string, start: number, end: number, h: number): number {
    const { slots, hashes, words } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slots[slot];
      if (e === 0) return -1;
      const w = e - 1;
      if (hashes[w] !== h) continue;
      const word = words[w];
      if (word.length !== length) continue;
      let k = 0;
      while (k < length && word.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === length) return w;
    }
  }

  /** Adds a word that `find` did not find (with its hash); returns its number. */
  add(word: string, h: number): number {
    const w = this.words.length;
    this.words.push(word);
    if (w >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[w] = h;
    if (this.words.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.slots, w);
    return w;
  }

  private place(slots: Int32Array, w: number): void {
    const mask = slots.length - 1;
    let slot = this.hashes[w] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = w + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let w = 0; w < this.words.length; w++) this.place(slots, w);
    this.slots = slots;
  }
}

/**
 * A copy of `text[start, end)` that does not keep `text` alive (a slice of a summary would hold
 * the whole summary in memory for as long as the word lives).
 */
export function copyOfRange(text: string, start: number, end: number): string {
  if (start === 0 && end === text.length) return text;
  let out = '';
  for (let k = start; k < end; k++) out += text[k];
  return out;
}
