// Many strings kept as one run of UTF-8 bytes, each decoded when it is asked for. A typed array's
// bytes live outside the JavaScript heap: long texts held this way (the summaries of a large
// shelf's papers, on the extension host) neither grow the heap nor lengthen its collections, and
// they cross to another thread as two transferred buffers, not as copied strings.

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export class PackedTexts {
  private constructor(
    /** Every text's UTF-8 bytes, one after another. */
    readonly bytes: Uint8Array,
    /** Where each text ends in `bytes` (text i starts where text i-1 ends). */
    readonly ends: Uint32Array,
  ) {}

  /** `texts` packed: one encoding pass into a buffer of the right size. */
  static pack(texts: readonly string[]): PackedTexts {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; the buffer is cut to what was written.
    let most = 0;
    for (const text of texts) most += text.length * 3;
    const bytes = new Uint8Array(most);
    const ends = new Uint32Array(texts.length);
    let at = 0;
    for (let i = 0; i < texts.length; i++) {
      at += ENCODER.encodeInto(texts[i]!, bytes.subarray(at)).written;
      ends[i] = at;
    }
    return new PackedTexts(bytes.slice(0, at), ends);
  }

  /** Texts packed elsewhere (the two buffers of `pack`, as they crossed); refuses ones that do not fit together. */
  static of(bytes: Uint8Array, ends: Uint32Array): PackedTexts {
    let last = 0;
    for (const end of ends) {
      if (end < last || end > bytes.length) throw new Error('packed texts that end outside their bytes');
      last = end;
    }
    return new PackedTexts(bytes, ends);
  }

  get size(): number {
    return this.ends.length;
  }

  /** Text `i`, decoded now (each call makes a new string: callers keep it only while they need it). */
  get(i: number): string {
    if (!Number.isInteger(i) || i < 0 || i >= this.ends.length)
      throw new RangeError(`no packed text ${i} of ${this.ends.length}`);
    return DECODER.decode(this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!));
  }

  /** The buffers to transfer to another thread (after which this side can no longer read them). */
  get buffers(): ArrayBuffer[] {
    return [this.bytes.buffer as ArrayBuffer, this.ends.buffer as ArrayBuffer];
  }
}
