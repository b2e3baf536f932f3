// assignKeys kept up to date while a few papers change. A paper's key depends only on the papers
// sharing its base key (the first in id order keeps the bare key, the others take suffixes),
// on the pinned keys and on which base keys exist. So when a few papers change, only the groups
// of their old and new base keys are assigned again, by the same rules, and the result equals a
// full assignKeys. Where another group could be involved (one base key is the start of another,
// so a suffixed key might meet a base key) or a pinned key changes, it says so and the caller
// assigns every key again.
import type { Paper } from '../model/types';
import { DEFAULT_KEY_PATTERN, assignKeySteps, cachedBaseKey, clashSuffix, compareIds } from './keys';
import { runSteps, type Steps } from '../runtime/yieldToHost';

/** A paper as it was before a change and as it is after (undefined: not on the shelf). */
export interface PaperChange {
  before?: Paper;
  after?: Paper;
}

export class KeyAssignment {
  private pattern = DEFAULT_KEY_PATTERN;
  private result = new Map<string, string>();
  /** Ids that kept their pinned key, and those keys. */
  private pinnedIds = new Set<string>();
  private pinnedKeys = new Set<string>();
  /** Base key -> ids of the unpinned papers with it, in id order (made with the keys, so an edit finds them ready). */
  private groups = new Map<string, string[]>();

  /** Every key, as assignKeys gives them; remembered for `update`. */
  assign(
    papers: readonly Paper[],
    pinned: ReadonlyMap<string, string>,
    pattern = DEFAULT_KEY_PATTERN,
  ): Map<string, string> {
    return runSteps(this.assignSteps(papers, pinned, pattern));
  }

  /**
   * `assign` as steps (a large shelf is keyed between host turns). What `update` builds on is
   * replaced only when every key is assigned, so steps left unfinished change nothing.
   */
  *assignSteps(
    papers: readonly Paper[],
    pinned: ReadonlyMap<string, string>,
    pattern = DEFAULT_KEY_PATTERN,
  ): Steps<Map<string, string>> {
    const result = yield* assignKeySteps(papers, pinned, pattern);
    const pinnedIds = new Set<string>();
    const pinnedKeys = new Set<string>();
    for (const [id, key] of pinned) {
      if (result.get(id) === key) {
        pinnedIds.add(id);
        pinnedKeys.add(key);
      }
    }
    const groups = yield* groupSteps(papers, pattern, pinnedIds);
    this.pattern = pattern;
    this.result = result;
    this.pinnedIds = pinnedIds;
    this.pinnedKeys = pinnedKeys;
    this.groups = groups;
    return result;
  }

  /**
   * The keys after `changes` (by id; no pinned key involved), updating only the groups they touch:
   * the ids whose key changed, was given or was taken away, with their new keys (undefined: gone).
   * Undefined when only a full `assign` can tell (the caller then assigns every key).
   */
  update(
    changes: ReadonlyMap<string, PaperChange>,
    pattern = DEFAULT_KEY_PATTERN,
  ): Map<string, string | undefined> | undefined {
    if (pattern !== this.pattern) return undefined;
    const groups = this.groups;
    const touched = new Set<string>();
    for (const [id, { before, after }] of changes) {
      if (this.pinnedIds.has(id) || before?.key || after?.key) return undefined;
      if (before) touched.add(cachedBaseKey(before, pattern));
      if (after) touched.add(cachedBaseKey(after, pattern));
    }
    // A base key that starts another (or starts with one) could meet its suffixed keys.
    for (const g of touched)
      for (const b of groups.keys()) if (b !== g && (b.startsWith(g) || g.startsWith(b))) return undefined;
    for (const [id, { before, after }] of changes) {
      if (before) remove(groups, cachedBaseKey(before, pattern), id);
      if (after) insert(groups, cachedBaseKey(after, pattern), id);
    }
    const out = new Map<string, string | undefined>();
    for (const [id, { after }] of changes) {
      if (!after && this.result.delete(id)) out.set(id, undefined);
    }
    for (const g of touched) {
      const members = groups.get(g) ?? [];
      let n = 0;
      members.forEach((id, i) => {
        let key = g;
        if (i > 0 || this.pinnedKeys.has(g)) {
          key = g + clashSuffix(n);
          while (this.pinnedKeys.has(key) || groups.has(key)) key = g + clashSuffix(++n);
          n++;
        }
        if (this.result.get(id) !== key) {
          this.result.set(id, key);
          out.set(id, key);
        }
      });
    }
    return out;
  }
}

/** Base key -> ids of the unpinned papers with it, in id order; yields every so many papers. */
function* groupSteps(
  papers: readonly Paper[],
  pattern: string,
  pinnedIds: ReadonlySet<string>,
): Steps<Map<string, string[]>> {
  const groups = new Map<string, string[]>();
  for (let i = 0; i < papers.length; i++) {
    if ((i & 4095) === 4095) yield;
    const paper = papers[i]!;
    if (pinnedIds.has(paper.id)) continue;
    const base = cachedBaseKey(paper, pattern);
    const list = groups.get(base);
    if (list) list.push(paper.id);
    else groups.set(base, [paper.id]);
  }
  yield;
  for (const list of groups.values()) if (list.length > 1) list.sort(compareIds);
  return groups;
}

function insert(groups: Map<string, string[]>, base: string, id: string): void {
  const list = groups.get(base);
  if (!list) return void groups.set(base, [id]);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== id) list.splice(lo, 0, id);
}

function remove(groups: Map<string, string[]>, base: string, id: string): void {
  const list = groups.get(base);
  const at = list?.indexOf(id) ?? -1;
  if (!list || at < 0) return;
  list.splice(at, 1);
  if (!list.length) groups.delete(base);
}
