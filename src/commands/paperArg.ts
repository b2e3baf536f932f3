import type { ShelfService } from '../shelf/shelfService';
import type { ShelfEntry } from '../core/model/types';

/**
 * What a paper command may be invoked with: an id or key string (hovers, the panel, other
 * extensions), a tree node carrying `paperId`, or nothing (the palette: the caller then asks).
 */
export type PaperArg = string | { paperId: string } | undefined;

/** The shelf entries a command was invoked on; tree multi-selection arrives as the second argument. */
export function entriesFromArgs(service: ShelfService, arg: unknown, selection?: unknown): ShelfEntry[] {
  const args = Array.isArray(selection) && selection.length ? selection : arg === undefined ? [] : [arg];
  const out: ShelfEntry[] = [];
  for (const a of args) {
    const ref =
      typeof a === 'string'
        ? a
        : a && typeof a === 'object' && 'paperId' in a
          ? String((a as { paperId: unknown }).paperId)
          : undefined;
    const entry = ref === undefined ? undefined : service.shelf.lookup(ref);
    if (entry && !out.includes(entry)) out.push(entry);
  }
  return out;
}
