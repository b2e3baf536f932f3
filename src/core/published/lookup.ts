// Whether a paper has a published version: its DOI looked up on Crossref, the record accepted only
// when it is a publication whose title is the paper's. Every other outcome is a reason, in plain
// words, for keeping the preprint entry.
import { bibtexYear } from '../bibtex/bibtex';
import type { Paper } from '../model/types';
import { CrossrefError, type CrossrefClient } from './crossref';
import { first, isArxivDoi, normalizeDoi, publishedVersionOf, type PublishedVersion } from './crossrefWork';
import { titlesMatch } from './titleMatch';

export interface PublishedQuery {
  /** The paper's title (TeX-ish, as arXiv writes it). */
  title: string;
  /** A DOI as written anywhere (bare, doi:, https://doi.org/...); undefined when none is known. */
  doi?: string;
  /** The preprint's year, the last resort for a record without any date. */
  year: string;
}

/** What to look up for a shelf paper: its DOI (from arXiv, a collection's DOI: field or an import). */
export function queryOfPaper(paper: Paper): PublishedQuery {
  return { title: paper.title, doi: paper.doi, year: bibtexYear(paper) };
}

export type PublishedLookup =
  | { kind: 'published'; version: PublishedVersion }
  /** `offline`: the service could not be asked (network, timeout, refusal), not a verdict on the paper. */
  | { kind: 'preprint'; reason: string; offline?: boolean };

export interface LookupOptions {
  signal?: AbortSignal;
  /** Set when the service is known to be unreachable: only the cache is consulted. */
  offlineReason?: string;
}

export async function findPublishedVersion(
  query: PublishedQuery,
  client: CrossrefClient,
  { signal, offlineReason }: LookupOptions = {},
): Promise<PublishedLookup> {
  if (!query.doi?.trim()) return { kind: 'preprint', reason: 'no DOI of a published version is known' };
  const doi = normalizeDoi(query.doi);
  if (!doi) return { kind: 'preprint', reason: `"${query.doi.trim()}" is not a DOI` };
  if (isArxivDoi(doi)) return { kind: 'preprint', reason: `its DOI ${doi} is arXiv's own, which names the preprint` };
  let lookup;
  try {
    lookup = offlineReason ? await client.cached(doi) : await client.work(doi, signal);
    if (!lookup) return { kind: 'preprint', reason: `not looked up: ${offlineReason}`, offline: true };
  } catch (err) {
    if (err instanceof CrossrefError) {
      if (err.kind === 'cancelled') throw err;
      return { kind: 'preprint', reason: err.message, offline: err.kind !== 'malformed' };
    }
    throw err;
  }
  if (!lookup.found) return { kind: 'preprint', reason: `Crossref has no record of DOI ${doi} (not found)` };
  const record = lookup.record;
  const title = first(record.title) ?? '';
  if (!titlesMatch(query.title, title, first(record.subtitle)))
    return {
      kind: 'preprint',
      reason: title
        ? `Crossref's record of DOI ${doi} is titled "${title}", which is not this paper's title`
        : `Crossref's record of DOI ${doi} has no title to compare with this paper's`,
    };
  const mapped = publishedVersionOf(record, query.year);
  return 'version' in mapped
    ? { kind: 'published', version: mapped.version }
    : { kind: 'preprint', reason: mapped.reason };
}

/**
 * Several lookups, one after the other. After the first failure to reach Crossref the others are
 * not attempted (each would wait for its own timeout) and share that reason.
 */
export async function findPublishedVersions(
  queries: readonly PublishedQuery[],
  client: CrossrefClient,
  options: { signal?: AbortSignal; onProgress?(done: number, total: number): void } = {},
): Promise<PublishedLookup[]> {
  const results: PublishedLookup[] = [];
  let offline: string | undefined;
  for (const query of queries) {
    const result = await findPublishedVersion(query, client, { signal: options.signal, offlineReason: offline });
    if (result.kind === 'preprint' && result.offline) offline ??= result.reason;
    results.push(result);
    options.onProgress?.(results.length, queries.length);
  }
  return results;
}
