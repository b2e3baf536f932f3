// The search index's term dictionary: every indexed word in sorted order, a word's number
// being its rank. Sorted order makes the three lookups a query needs cheap without a tree
// of objects: an exact word is a binary search, the words a prefix begins are one contiguous
// range, and the words within an edit distance are found by walking the list as an implicit
// trie (each word reuses the edit-distance rows of the prefix it shares with the previous one,
// and a prefix already too far away skips every word that starts with it).
export class TermDictionary {
  /** Edit-distance rows by depth, reused across calls. */
  private rows: Int32Array[] = [];

  /** `terms` must be sorted by UTF-16 code units (the default string order) and unique. */
  constructor(readonly terms: readonly string[]) {}

  get size(): number {
    return this.terms.length;
  }

  /** Index of the first term >= `s`, searching from `from`. */
  lowerBound(s: string, from = 0): number {
    let lo = from;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The word's number, if indexed. */
  get(word: string): number | undefined {
    const i = this.lowerBound(word);
    return this.terms[i] === word ? i : undefined;
  }

  /** [start, end) of the terms beginning with `prefix` (the prefix itself included). */
  prefixRange(prefix: string): [number, number] {
    const start = this.lowerBound(prefix);
    return [start, this.lowerBound(prefix + '\uffff', start)];
  }

  /**
   * Terms within Levenshtein distance `max` of `word` (the word itself included, at 0) that
   * share its first `prefixLength` characters. People rarely mistype a word's first letter,
   * and fixing it confines the walk to one letter's slice of the dictionary (the same
   * trade-off as Lucene's fuzzy `prefixLength`).
   */
  fuzzy(word: string, max: number, prefixLength = 0): { termId: number; distance: number }[] {
    const n = word.length;
    const out: { termId: number; distance: number }[] = [];
    const row = (depth: number): Int32Array => {
      while (this.rows.length <= depth || this.rows[depth].length < n + 1) {
        if (this.rows.length <= depth) this.rows.push(new Int32Array(n + 1));
        else this.rows[depth] = new Int32Array(n + 1);
      }
      return this.rows[depth];
    };
    const first = row(0);
    for (let j = 0; j <= n; j++) first[j] = j;

    const terms = this.terms;
    let previous = '';
    let valid = 0; // rows 0..valid hold previous.slice(0, depth)
    const range = prefixLength > 0 ? this.prefixRange(word.slice(0, prefixLength)) : [0, terms.length];
    let i = range[0];
    const end = range[1];
    while (i < end) {
      const term = terms[i];
      let depth = 0;
      const limit = Math.min(valid, term.length);
      while (depth < limit && term.charCodeAt(depth) === previous.charCodeAt(depth)) depth++;
      let pruned = false;
      while (depth < term.length) {
        const c = term.charCodeAt(depth);
        const prev = row(depth);
        const cur = row(depth + 1);
        cur[0] = depth + 1;
        let min = cur[0];
        for (let j = 1; j <= n; j++) {
          const substitute = prev[j - 1] + (word.charCodeAt(j - 1) === c ? 0 : 1);
          const v = Math.min(prev[j] + 1, cur[j - 1] + 1, substitute);
          cur[j] = v;
          if (v < min) min = v;
        }
        depth++;
        if (min > max) {
          pruned = true;
          break;
        }
      }
      previous = term;
      valid = depth;
      if (pruned) {
        // No word starting with this prefix can come back within reach.
        i = this.lowerBound(term.slice(0, depth) + '\uffff', i + 1);
      } else {
        const distance = row(term.length)[n];
        if (distance <= max) out.push({ termId: i, distance });
        i++;
      }
    }
    return out;
  }
}
