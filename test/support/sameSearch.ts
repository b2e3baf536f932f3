// The check of every incremental index test: a patched index answers as one built from scratch.
import * as assert from 'node:assert/strict';
import { ShelfSearch } from '../../src/core/search/search';
import type { ShelfEntry } from '../../src/core/model/types';

/** `incremental` gives what a build of `entries` gives: size, every query's results and scores (ties too), and related(). */
export function assertSameSearch(
  incremental: ShelfSearch,
  entries: readonly ShelfEntry[],
  queries: readonly string[],
  { limit = 15, related = 5 } = {},
): void {
  const full = new ShelfSearch();
  full.setEntries(entries);
  assert.equal(incremental.size, full.size);
  for (const q of queries) assert.deepEqual(incremental.search(q, { limit }), full.search(q, { limit }), q);
  for (const e of entries.slice(0, related))
    assert.deepEqual(incremental.related(e.paper.id), full.related(e.paper.id));
}
