// White space in shelf text (titles, names, collection fields, feed values): one rule everywhere.
const UNUSUAL_SPACE = /[^\S ]| {2}/;

/** White space runs as single spaces, trimmed; the common already-clean case skips the rewrite. */
export function collapseSpace(value: string): string {
  return UNUSUAL_SPACE.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim();
}
