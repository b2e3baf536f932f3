// Searching arXiv by words (the API's `search_query`), shared by the extension and the CLI.
//
// Every request goes through the ArxivClient's `get`, so a search gets what fetching by id gets:
// one request at a time, at least 3 s apart (the limiter is shared), back-off on 429/503, the
// timeout, cancellation, the size cap and the safe Atom reader. Pages answered in the last few
// minutes are kept, so paging back and forth (or the same words typed again) costs no request.
import type { ArxivClient } from './arxivApi';
import { ArxivError } from './arxivError';
import { readFeed } from './arxivFeed';
import type { Clock } from '../net/http';
import { type ArxivSort, SORT_BY, buildSearchQuery, encodeSearchQuery } from './searchQuery';
import type { Paper } from '../model/types';
import { collapseSpace } from '../text/spaces';

/** Most entries asked for in one request (arXiv allows 2000; pages this size stay small and quick). */
export const MAX_PAGE_SIZE = 100;
/** The API answers nothing beyond this many results of one query. */
export const MAX_SEARCH_RESULTS = 30_000;

export interface SearchPageOptions {
  /** 0-based position of the first result. Default 0. */
  start?: number;
  /** Results asked for. Default 20, at most MAX_PAGE_SIZE. */
  pageSize?: number;
  sort?: ArxivSort;
  signal?: AbortSignal;
}

export interface SearchPage {
  /** What the user typed, and the search_query it became. */
  words: string;
  query: string;
  sort: ArxivSort;
  /** 0-based position of this page's first result. */
  start: number;
  /** Matches arXiv counts in all (opensearch:totalResults). */
  total: number;
  /** In arXiv's order. */
  papers: Paper[];
  /** Where the next page starts, or undefined when this is the last one. */
  next?: number;
}

export interface SearchCollectOptions {
  limit: number;
  sort?: ArxivSort;
  signal?: AbortSignal;
  /** After each page: results so far, of the number that will be fetched. */
  onProgress?(done: number, expected: number): void;
}

export interface ArxivSearchOptions {
  /** How long an answered page is reused. Default 10 minutes. */
  cacheMs?: number;
  /** Pages kept at most. Default 40. */
  cacheSize?: number;
  clock?: Pick<Clock, 'now'>;
}

/** Searches through a client, or through whichever client a getter returns now (the setting may change). */
export class ArxivSearch {
  private readonly cache = new Map<string, { at: number; page: SearchPage }>();
  private readonly client: () => ArxivClient;
  private readonly cacheMs: number;
  private readonly cacheSize: number;
  private readonly clock: Pick<Clock, 'now'>;
  /** Requests sent (cache misses), for the curious and the tests. */
  requests = 0;

  constructor(client: ArxivClient | (() => ArxivClient), options: ArxivSearchOptions = {}) {
    this.client = typeof client === 'function' ? client : () => client;
    this.cacheMs = options.cacheMs ?? 10 * 60_000;
    this.cacheSize = Math.max(1, options.cacheSize ?? 40);
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  /**
   * One page of results. Throws ArxivError: 'refused' for words with nothing to search or a query
   * arXiv rejects, and the client's kinds (network, timeout, cancelled, ...) for the request.
   */
  async page(words: string, options: SearchPageOptions = {}): Promise<SearchPage> {
    const sort = options.sort ?? 'relevance';
    const start = Math.max(0, Math.floor(options.start ?? 0));
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? 20)));
    const query = buildSearchQuery(words);
    const subject = [`results for “${collapseSpace(words).slice(0, 80)}”`];
    if (!query)
      throw new ArxivError('refused', `Nothing to search for in “${words.trim()}”: type some words.`, subject);
    if (start >= MAX_SEARCH_RESULTS)
      throw new ArxivError('refused', `arXiv lists at most ${MAX_SEARCH_RESULTS} results of a search.`, subject);
    const client = this.client();
    const key = [client.endpoint, query, sort, start, size].join('\n');
    const cached = this.cache.get(key);
    if (cached && this.clock.now() - cached.at < this.cacheMs) {
      this.cache.delete(key);
      this.cache.set(key, cached); // most recently used last
      return { ...cached.page, words };
    }
    if (options.signal?.aborted) throw new ArxivError('cancelled', 'Cancelled.', subject);
    this.requests++;
    const url =
      `search_query=${encodeSearchQuery(query)}&start=${start}&max_results=${size}` +
      `&sortBy=${SORT_BY[sort]}&sortOrder=descending`;
    const { status, text } = await client.get(url, subject, options.signal);
    const answer = readFeed(text, subject, status);
    if (answer.errors.length) {
      throw new ArxivError(
        'refused',
        `arXiv refused the search “${words.trim()}”: ${answer.errors.map((e) => e.message).join('; ')}.`,
        subject,
        status,
      );
    }
    // Entries arrive in arXiv's order; a paper listed twice (it happens across versions) counts once.
    const papers = answer.papers.filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
    const total = Math.max(answer.total ?? 0, start + answer.papers.length);
    const end = start + answer.papers.length;
    const page: SearchPage = {
      words,
      query,
      sort,
      start,
      total,
      papers,
      // arXiv may answer a short page before the end: the next one starts after what came.
      next: answer.papers.length && end < total && end < MAX_SEARCH_RESULTS ? end : undefined,
    };
    this.remember(key, page);
    return page;
  }

  /**
   * Up to `limit` results, in arXiv's order, fetched page after page (each request in its turn,
   * 3 s apart). Stops early when arXiv has no more.
   */
  async collect(words: string, options: SearchCollectOptions): Promise<{ total: number; papers: Paper[] }> {
    const limit = Math.max(1, Math.floor(options.limit));
    const papers: Paper[] = [];
    const seen = new Set<string>();
    let start: number | undefined = 0;
    let total = 0;
    while (start !== undefined && papers.length < limit) {
      const page: SearchPage = await this.page(words, {
        start,
        pageSize: Math.min(MAX_PAGE_SIZE, limit - papers.length),
        sort: options.sort,
        signal: options.signal,
      });
      total = page.total;
      for (const paper of page.papers) {
        if (papers.length >= limit || seen.has(paper.id)) continue;
        seen.add(paper.id);
        papers.push(paper);
      }
      start = page.next;
      options.onProgress?.(papers.length, Math.min(limit, total));
    }
    return { total, papers };
  }

  private remember(key: string, page: SearchPage): void {
    const now = this.clock.now();
    for (const [k, v] of this.cache) if (now - v.at >= this.cacheMs) this.cache.delete(k);
    this.cache.set(key, { at: now, page });
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}
