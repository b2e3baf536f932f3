// Picking the best few: a bounded heap of (doc, rank) pairs and a plain top-k by key.
/** The number of set bits of `x` (how many query words a paper contains). */
export function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

export function topBy<T>(items: T[], k: number, key: (t: T) => number): T[] {
  if (items.length <= k) return items;
  return items.sort((a, b) => key(b) - key(a)).slice(0, k);
}

/** A bounded min-heap keeping the k best (doc, rank) pairs; ties go to the lower `tie` (the doc number unless given). */
export class TopK {
  private readonly docs: number[] = [];
  private readonly ranks: number[] = [];
  private readonly ties: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const a = this.ranks[i];
    const b = this.ranks[j];
    return a < b || (a === b && this.ties[i] > this.ties[j]);
  }

  offer(doc: number, rank: number, tie = doc): void {
    const { docs, ranks, ties } = this;
    if (docs.length < this.k) {
      docs.push(doc);
      ranks.push(rank);
      ties.push(tie);
      let i = docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (rank < ranks[0] || (rank === ranks[0] && tie > ties[0])) return;
    docs[0] = doc;
    ranks[0] = rank;
    ties[0] = tie;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < docs.length && this.worse(l, m)) m = l;
      if (r < docs.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.ranks[i], this.ranks[j]] = [this.ranks[j], this.ranks[i]];
    [this.ties[i], this.ties[j]] = [this.ties[j], this.ties[i]];
  }

  sorted(): { doc: number; rank: number }[] {
    return this.docs
      .map((doc, i) => ({ doc, rank: this.ranks[i], tie: this.ties[i] }))
      .sort((a, b) => b.rank - a.rank || a.tie - b.tie)
      .map(({ doc, rank }) => ({ doc, rank }));
  }
}
