// Laying one field group's postings out per word, resumably (a counting sort).
import { normsOf, type Postings } from './indexFormat';

/** Growable typed array of unsigned 32-bit values. */
export class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export type Triples = { terms: U32List; docs: U32List; tfs: U32List };

/**
 * Lays one group's (word, doc, tf) triples out per word (a counting sort), resumable in
 * chunks: the summary group holds 14 million triples at 100,000 papers, far too many for one
 * slice of the extension host's time.
 */
export class LayOut {
  private stage: 'count' | 'allocate' | 'fill' | 'finish' = 'count';
  private i = 0;
  private readonly offsets: Uint32Array;
  private cursor = new Uint32Array(0);
  private docs = new Uint32Array(0);
  private tfs = new Uint8Array(0);

  constructor(
    private readonly t: Triples,
    private readonly lengths: Uint16Array,
    private readonly g: number,
    private readonly rank: Uint32Array,
    private readonly nTerms: number,
  ) {
    this.offsets = new Uint32Array(nTerms + 1);
  }

  /** Works until `deadline` (performance.now() time); the postings once done. */
  run(deadline: number): Postings | undefined {
    const CHUNK = 1 << 16;
    const { t, rank, offsets } = this;
    const count = t.terms.length;
    const terms = t.terms.data;
    for (;;) {
      if (this.stage === 'count') {
        const stop = Math.min(count, this.i + CHUNK);
        for (let i = this.i; i < stop; i++) offsets[rank[terms[i]] + 1]++;
        this.i = stop;
        if (stop === count) this.stage = 'allocate';
      } else if (this.stage === 'allocate') {
        for (let i = 0; i < this.nTerms; i++) offsets[i + 1] += offsets[i];
        this.cursor = offsets.slice(0, this.nTerms);
        this.docs = new Uint32Array(count);
        this.tfs = new Uint8Array(count);
        this.i = 0;
        this.stage = 'fill';
      } else if (this.stage === 'fill') {
        const { cursor, docs, tfs } = this;
        const docsIn = t.docs.data;
        const tfsIn = t.tfs.data;
        const stop = Math.min(count, this.i + CHUNK);
        for (let i = this.i; i < stop; i++) {
          const at = cursor[rank[terms[i]]]++;
          docs[at] = docsIn[i];
          tfs[at] = tfsIn[i];
        }
        this.i = stop;
        if (stop === count) this.stage = 'finish';
      } else {
        // Free the triples as soon as they are laid out.
        t.terms = new U32List();
        t.docs = new U32List();
        t.tfs = new U32List();
        const { lengths, g } = this;
        return { offsets, docs: this.docs, tfs: this.tfs, norms: normsOf(lengths, g), lengths };
      }
      if (performance.now() >= deadline) return undefined;
    }
  }
}
