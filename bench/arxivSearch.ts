// The arXiv search's part of `npm run bench` (issue 15): what a search costs on this machine
// beyond arXiv's own answer time, against the replay server on 127.0.0.1 (never arxiv.org).
//   query     building the search_query from typed words (median of many mixed inputs),
//   page      one page of 100 real-shaped entries through ArxivSearch.page: request on loopback,
//             the size-capped body, the safe Atom reader, the papers (median of 15, each a miss),
//   parse     the same answer through readFeed alone (median of 15),
//   cached    the same page asked again (a cache hit: no request),
//   paging    `collect` of 250 results with the real 3 s limiter: three requests, the wall time
//             and the smallest gap between two requests as the server saw them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArxivClient } from '../src/core/arxiv/arxivApi';
import { readFeed } from '../src/core/arxiv/arxivFeed';
import { ArxivSearch } from '../src/core/arxiv/arxivSearch';
import { buildSearchQuery } from '../src/core/arxiv/searchQuery';
import { RateLimiter } from '../src/core/net/http';
import { startReplayServer } from '../test/support/replayServer';

export interface ArxivSearchBench {
  queryBuildMicros: number;
  pageEntries: number;
  pageKB: number;
  pageMs: number;
  parseMs: number;
  cachedMs: number;
  paging: { results: number; requests: number; wallMs: number; minGapMs: number };
}

const QUERIES = [
  'diffusion transformers',
  'au:vaswani ti:attention',
  '"large language models" ANDNOT cat:cs.CV',
  'ti:(graph OR hypergraph) neural networks',
  'cat:hep-th AND abs:"black hole" entropy',
  'state-of-the-art O’Neil del_maestro',
  '((( unbalanced AND OR',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const round = (ms: number, digits = 2): number => Number(ms.toFixed(digits));

/** A feed of `count` entries made from the recorded search answer's entries (ids renumbered). */
function feedOf(root: string, count: number, total: number, start: number): string {
  const recorded = fs.readFileSync(path.join(root, 'test', 'fixtures', 'arxiv', 'search-page1.xml'), 'utf8');
  const head = recorded
    .slice(0, recorded.indexOf('<entry>'))
    .replace(/(<opensearch:totalResults[^>]*>)\d+/, `$1${total}`);
  const entries = [...recorded.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `2301.${String(10000 + start + i).padStart(5, '0')}`;
    out.push(entries[i % entries.length]!.replace(/\d{4}\.\d{5}(v\d+)/g, `${id}$1`));
  }
  return `${head}${out.join('\n  ')}\n</feed>\n`;
}

export async function arxivSearchBench(root: string, log: (m: string) => void): Promise<ArxivSearchBench> {
  log('arXiv search (replay server on 127.0.0.1)');
  let sink = 0;
  const builds: number[] = [];
  for (let round = 0; round < 200; round++) {
    const t = performance.now();
    for (const q of QUERIES) sink += buildSearchQuery(q).length;
    builds.push(((performance.now() - t) * 1000) / QUERIES.length);
  }

  const server = await startReplayServer({
    lifetimeMs: 120_000,
    defaultAnswer: (r) => ({ body: feedOf(root, r.search?.maxResults ?? 10, 1234, r.search?.start ?? 0) }),
  });
  try {
    const client = new ArxivClient({ endpoint: server.endpoint, limiter: new RateLimiter(0) });
    const pages: number[] = [];
    const parses: number[] = [];
    const cached: number[] = [];
    const body = feedOf(root, 100, 1234, 0);
    for (let i = 0; i < 15; i++) {
      const search = new ArxivSearch(client);
      const words = `diffusion transformers ${i}`;
      let t = performance.now();
      const page = await search.page(words, { pageSize: 100 });
      pages.push(performance.now() - t);
      sink += page.papers.length;
      t = performance.now();
      sink += (await search.page(words, { pageSize: 100 })).papers.length;
      cached.push(performance.now() - t);
      t = performance.now();
      sink += readFeed(body, ['bench']).papers.length;
      parses.push(performance.now() - t);
    }

    // Paging as `paper-shelf find --limit 250` does it: arXiv's 3-second spacing, for real.
    const polite = new ArxivSearch(new ArxivClient({ endpoint: server.endpoint, limiter: new RateLimiter(3000) }));
    const before = server.requests.length;
    const t = performance.now();
    const found = await polite.collect('diffusion transformers', { limit: 250 });
    const wallMs = performance.now() - t;
    const seen = server.requests.slice(before).map((r) => r.at);
    const gaps = seen.slice(1).map((at, i) => at - seen[i]!);
    if (sink < 0) log('unreachable');
    return {
      queryBuildMicros: round(median(builds), 1),
      pageEntries: 100,
      pageKB: round(Buffer.byteLength(body) / 1024, 1),
      pageMs: round(median(pages)),
      parseMs: round(median(parses)),
      cachedMs: round(median(cached), 3),
      paging: {
        results: found.papers.length,
        requests: seen.length,
        wallMs: Math.round(wallMs),
        minGapMs: Math.min(...gaps),
      },
    };
  } finally {
    await server.close();
  }
}

export function arxivSearchLine(r: ArxivSearchBench): string {
  return (
    `arXiv search: query built in ${r.queryBuildMicros} µs; a page of ${r.pageEntries} entries (${r.pageKB} KB) ` +
    `${r.pageMs} ms on loopback (parse alone ${r.parseMs} ms), again from the cache ${r.cachedMs} ms; ` +
    `${r.paging.results} results in ${r.paging.requests} requests took ${r.paging.wallMs} ms ` +
    `(smallest gap between requests ${r.paging.minGapMs} ms)`
  );
}
