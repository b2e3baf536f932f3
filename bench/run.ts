// `npm run bench`: the shelf against Fuse.js, a naive substring filter and minisearch with the
// options a developer reaches for first, side by side on generated shelves of 1,000, 10,000
// and 100,000 papers and on the shipped 50; plus the bundle sizes (desktop and web), the document-link pass,
// hover latency, and activation / first results in the real extension host.
//
//   npm run bench                 full run, a table on stdout
//   npm run bench -- --json       the same as one JSON object (npm prints its own banner
//                                 first; `npm run --silent bench -- --json` for pure JSON)
//   npm run bench -- --quick      a reduced run: 1,000 papers against every engine, 10,000 for the
//                                 shelf and the naive filter, fewer queries, no extension host
//   npm run bench -- --no-host    skip the real-extension-host measurements
//   npm run bench -- --sizes=1000,10000
//   npm run bench -- --map-only   only the map: time to a drawn map (bench/map.ts) at the sizes
//   npm run bench -- --arxiv-only only the arXiv search (bench/arxivSearch.ts): query building,
//                                 a 100-entry page on loopback, a cache hit, polite paging
// Every run also writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { collectionText, generator, readSeedText } from './generate';
import { QueryCollector } from './queries';
import type { EngineName, EngineResult } from './engine';
import { parseCollection } from '../src/core/collection/collection';
import { mapBench, mapTable, type MapBenchResult } from './map';
import { arxivSearchBench, arxivSearchLine } from './arxivSearch';

const ROOT = path.join(__dirname, '..', '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const noHost = args.includes('--no-host') || quick;
const mapOnly = args.includes('--map-only');
const arxivOnly = args.includes('--arxiv-only');
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const SIZES = sizesArg
  ? sizesArg.slice('--sizes='.length).split(',').map(Number)
  : quick
    ? [1000, 10_000]
    : [1000, 10_000, 100_000];
const GENERATOR_VERSION = 1;
const DATA = path.join(os.tmpdir(), 'paper-shelf-bench');

/** Queries per kind: all engines get the same first N; the shelf (fast) gets them all. */
const QUERIES_PER_KIND = quick ? 40 : 100;
function slowLimit(size: number): number {
  if (quick) return size >= 10_000 ? 0 : 30;
  return size >= 100_000 ? 8 : size >= 10_000 ? 30 : 60;
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function prepare(size: number): { file: string; queries: string } {
  fs.mkdirSync(DATA, { recursive: true });
  const base = path.join(DATA, `shelf-${size}-v${GENERATOR_VERSION}-q${QUERIES_PER_KIND}`);
  const file = `${base}.txt`;
  const queries = `${base}.queries.json`;
  if (fs.existsSync(file) && fs.existsSync(queries)) return { file, queries };
  log(`generating ${size.toLocaleString('en')} papers`);
  const gen = generator(readSeedText(path.join(ROOT, 'seeds', 'papers.txt')));
  const collector = new QueryCollector(size, QUERIES_PER_KIND);
  const recording = {
    paper(i: number) {
      const p = gen.paper(i);
      collector.add(i, p);
      return p;
    },
  };
  fs.writeFileSync(file, collectionText(recording, size));
  fs.writeFileSync(queries, JSON.stringify(collector.queries()));
  return { file, queries };
}

function prepareSeeds(): { file: string; queries: string } {
  fs.mkdirSync(DATA, { recursive: true });
  const file = path.join(ROOT, 'seeds', 'papers.txt');
  const queries = path.join(DATA, `seeds-q${QUERIES_PER_KIND}.queries.json`);
  const papers = parseCollection(fs.readFileSync(file, 'utf8'), file).papers;
  const collector = new QueryCollector(papers.length, Math.min(QUERIES_PER_KIND, 40));
  papers.forEach((p, i) => collector.add(i, { id: p.id, title: p.title, summary: p.summary }));
  fs.writeFileSync(queries, JSON.stringify(collector.queries()));
  return { file, queries };
}

function runEngine(
  engine: EngineName,
  file: string,
  queries: string,
  limit: number,
  sharedLimit = 0,
): EngineResult | { error: string } {
  const started = Date.now();
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      path.join(__dirname, 'engine.js'),
      engine,
      file,
      queries,
      DATA,
      String(limit),
      String(sharedLimit),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (child.status !== 0) {
    const error = (child.stderr || `exit ${child.status ?? child.signal}`).trim().split('\n').slice(-3).join(' ');
    log(`  ${engine}: FAILED after ${seconds} s: ${error}`);
    return { error };
  }
  const result = JSON.parse(child.stdout) as EngineResult;
  log(
    `  ${engine}: ${seconds} s (cold ${result.coldLoadMs} ms, p95 ${result.queryP95Ms} ms, typo hits ${result.typoHitRate})`,
  );
  return result;
}

/** Theme discovery on each generated shelf, in its own process. */
function themeDiscovery(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const size of SIZES) {
    const { file } = prepare(size);
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=8192', path.join(__dirname, 'themes.js'), file, String(size)],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    try {
      out[String(size)] = JSON.parse(child.stdout);
      log(`themes at ${size.toLocaleString('en')}: ${child.stdout.trim()}`);
    } catch {
      out[String(size)] = { error: (child.stderr || `exit ${child.status}`).trim().split('\n').slice(-3).join(' ') };
      log(`themes at ${size}: FAILED ${JSON.stringify(out[String(size)])}`);
    }
  }
  return out;
}

function linkPass(): { linkPass10kLinesMs?: number; linkPass?: unknown } {
  const script = path.join(__dirname, 'linkPass.js');
  if (!fs.existsSync(script)) return {};
  const child = spawnSync(process.execPath, [script, '--json'], { encoding: 'utf8' });
  try {
    const out = JSON.parse(child.stdout) as { results: { name: string; medianMs: number; p95Ms: number }[] };
    return { linkPass10kLinesMs: out.results[0]?.medianMs, linkPass: out.results };
  } catch {
    log(`link pass failed: ${child.stderr.trim().split('\n').slice(-2).join(' ')}`);
    return {};
  }
}

/**
 * The desktop bundles in dist/ (the shared core, the extension, the CLI) and, apart, the web
 * build dist/web/extension.js (the core inlined), minified and gzipped: what a browser downloads.
 */
function bundle(): {
  bundleKB?: number;
  bundle?: Record<string, number>;
  webBundleKB?: number;
  webBundleGzipKB?: number;
} {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    log(`production build failed: ${build.stderr.trim().split('\n').slice(-3).join(' ')}`);
    return {};
  }
  const dist = path.join(ROOT, 'dist');
  const files: Record<string, number> = {};
  let total = 0;
  for (const name of fs.readdirSync(dist)) {
    const full = path.join(dist, name);
    if (!fs.statSync(full).isFile() || name.endsWith('.map')) continue;
    const kb = fs.statSync(full).size / 1024;
    files[name] = Number(kb.toFixed(1));
    total += kb;
  }
  const web = path.join(dist, 'web', 'extension.js');
  const webBytes = fs.existsSync(web) ? fs.readFileSync(web) : undefined;
  return {
    bundleKB: Number(total.toFixed(1)),
    bundle: files,
    ...(webBytes
      ? {
          webBundleKB: Number((webBytes.length / 1024).toFixed(1)),
          webBundleGzipKB: Number((zlib.gzipSync(webBytes, { level: 9 }).length / 1024).toFixed(1)),
        }
      : {}),
  };
}

/** Activation and first results in VS Code's real extension host (the integration launcher). */
function host(): { activationMs?: number; firstResultsMs?: number; host?: unknown } {
  const launcher = path.join(ROOT, 'scripts', 'run-integration.mjs');
  if (!fs.existsSync(launcher)) return {};
  log('measuring activation in the real extension host (code-server)');
  // The launcher builds and compiles the tests first: the in-host measurement is a test of the
  // integration suite, compiled from the sources being measured (a fresh clone has none compiled).
  const child = spawnSync(process.execPath, [launcher], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      PAPER_SHELF_TEST_GREP: 'Performance in the extension host',
      // Every size is also loaded in the real host, through the workspace loader.
      PAPER_SHELF_BENCH_FILES: SIZES.map((size) => `${size}=${prepare(size).file}`).join(','),
      PAPER_SHELF_TEST_TIMEOUT: '1800',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = (child.stdout ?? '').split('\n').find((l) => l.includes('[paper-shelf-bench]'));
  if (!line) {
    log(
      `host measurement failed (exit ${child.status}): ${(child.stderr || child.stdout || '').trim().split('\n').slice(-3).join(' ')}`,
    );
    return {};
  }
  const measured = JSON.parse(line.slice(line.indexOf('{'))) as { activationMs: number; firstResultsMs: number };
  log(`host: ${JSON.stringify(measured)}`);
  return { activationMs: measured.activationMs, firstResultsMs: measured.firstResultsMs, host: measured };
}

function machine(): Record<string, string | number> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return {
    cpu,
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    // Other work on the machine inflates every wall-clock number: say how busy it was.
    loadAverageAtStart: os.loadavg()[0].toFixed(1),
  };
}

function table(results: Record<string, Record<string, EngineResult | { error: string }>>): string {
  const rows: string[] = [
    '| papers | engine | cold load ms (CPU) | warm load ms | heap MB (x text) | p50 ms | p95 ms, worst kind (CPU) | one / three / prefix / typo p95 ms | typo hits |',
    '|---:|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const [size, engines] of Object.entries(results)) {
    for (const [name, r] of Object.entries(engines)) {
      if ('error' in r) {
        rows.push(`| ${size} | ${name} | failed: ${r.error.slice(0, 60)} | | | | | | |`);
        continue;
      }
      const q = r.queries;
      if (r.shared) {
        rows.push(
          `| ${Number(size).toLocaleString('en')} | ${name}, first ${r.shared.queries} of each kind | | | | | ${r.shared.queryP95Ms} (${r.shared.queryCpuP95Ms}) | | ${r.shared.typoHitRate} |`,
        );
      }
      rows.push(
        `| ${Number(size).toLocaleString('en')} | ${name} | ${r.coldLoadMs.toLocaleString('en')}${r.coldLoadCpuMs !== undefined ? ` (${r.coldLoadCpuMs.toLocaleString('en')})` : ''} | ${r.warmLoadMs?.toLocaleString('en') ?? ''} | ${r.heapMB} (${r.heapToTextRatio}x) | ${r.queryP50Ms} | ${r.queryP95Ms} (${r.queryCpuP95Ms}) | ${q.one.p95Ms} / ${q.three.p95Ms} / ${q.prefix.p95Ms} / ${q.typo.p95Ms} | ${r.typoHitRate} (${r.typoQueries}) |`,
      );
    }
  }
  return rows.join('\n');
}

/**
 * Issue 19's keys next to the engine's own, per size: coldLoadMs and warmLoadMs (the engine's,
 * in one process), incrementalEditMs (the engine's: one changed paper saved until the index
 * answers), and from the real extension host where it ran: hostColdLoadMs (until searchable with
 * the themes settled), hostIncrementalEditMs (from the save, the watcher's delay included),
 * hostHeapMB (the host's heap after the load less before it, both after a full collection where the
 * host allows one; beside it hostPackedSummariesMB, the summaries' bytes the host holds outside its
 * heap, and hostProcessRssMB, the whole process's resident memory added, the worker's included) and
 * hostWorstWaitMs (the host event
 * loop's worst wait during the cold load).
 */
function addLargeShelfKeys(
  sizes: Record<string, Record<string, EngineResult | { error: string }>>,
  host: Record<string, unknown> | undefined,
): void {
  for (const [size, engines] of Object.entries(sizes)) {
    const shelf = engines.shelf as (EngineResult & Record<string, unknown>) | undefined;
    if (!shelf || 'error' in shelf) continue;
    const inHost = host?.[size] as Record<string, number> | undefined;
    if (!inHost) continue;
    shelf.hostColdLoadMs = inHost.settledAfterMs;
    shelf.hostIncrementalEditMs = inHost.incrementalEditMs;
    shelf.hostHeapMB = inHost.heapUsedMB - inHost.heapBeforeMB;
    // Not the heap, said next to it: the summaries' bytes the host thread holds outside its heap,
    // and the whole process's resident memory the load added (the collection worker's included).
    if (inHost.packedSummariesMB !== undefined) shelf.hostPackedSummariesMB = inHost.packedSummariesMB;
    if (inHost.rssMB !== undefined) shelf.hostProcessRssMB = inHost.rssMB - inHost.rssBeforeMB;
    shelf.hostWorstWaitMs = inHost.worstEventLoopLagMs;
  }
}

/** Only the map's measurements, written to bench/results/map-latest.json. */
async function mapMain(): Promise<void> {
  const started = Date.now();
  const map = await mapBench(
    SIZES.map((size) => ({ size, file: prepare(size).file })),
    ROOT,
    log,
  );
  const out = { machine: machine(), map, totalSeconds: Math.round((Date.now() - started) / 1000) };
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'map-latest.json'), JSON.stringify(out, null, 2) + '\n');
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else console.log(`${mapTable(map)}\n\n(${out.totalSeconds} s; written to bench/results/map-latest.json)`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const sizes: Record<string, Record<string, EngineResult | { error: string }>> = {};
  const seeds = prepareSeeds();
  log('the shipped 50');
  const seedsResult = runEngine('shelf', seeds.file, seeds.queries, Infinity);
  for (const size of SIZES) {
    const { file, queries } = prepare(size);
    log(`${size.toLocaleString('en')} papers`);
    const limit = slowLimit(size);
    const engines: Record<string, EngineResult | { error: string }> = {};
    // All queries for the shelf; `shared` in its result covers the same first `limit` queries
    // of each kind that the slower engines answer, so the rates compare.
    engines.shelf = runEngine('shelf', file, queries, Infinity, limit);
    engines.naive = runEngine('naive', file, queries, limit || 10);
    if (limit > 0) {
      engines.minisearchDefaults = runEngine('minisearchDefaults', file, queries, limit);
      engines.fuse = runEngine('fuse', file, queries, limit);
    }
    sizes[String(size)] = engines;
  }
  const out = {
    machine: machine(),
    quick,
    sizes,
    seeds: seedsResult,
    themes: themeDiscovery(),
    ...bundle(),
    ...linkPass(),
    hoverMs: (() => {
      const big = sizes[String(Math.max(...SIZES))]?.shelf;
      return big && !('error' in big) ? big.hover?.p95Ms : undefined;
    })(),
    ...(noHost ? {} : host()),
    map: await mapBench(
      SIZES.filter((size) => size <= 10_000 || !quick).map((size) => ({ size, file: prepare(size).file })),
      ROOT,
      log,
    ),
    arxivSearch: await arxivSearchBench(ROOT, log),
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  addLargeShelfKeys(sizes, 'host' in out ? (out.host as Record<string, unknown>) : undefined);
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench', 'results', quick ? 'latest-quick.json' : 'latest.json'),
    JSON.stringify(out, null, 2) + '\n',
  );
  if (json) {
    process.stdout.write(JSON.stringify(out) + '\n');
    return;
  }
  const m = out.machine;
  console.log(`Paper Shelf benchmark (${quick ? 'quick' : 'full'}), ${m.date}`);
  console.log(`${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}\n`);
  console.log(table({ ...sizes, 50: { shelf: seedsResult } }));
  console.log(
    `\nbundle: ${out.bundleKB ?? '?'} KB (${Object.entries(out.bundle ?? {})
      .map(([f, kb]) => `${f} ${kb} KB`)
      .join(', ')})`,
  );
  console.log(
    `web bundle (dist/web/extension.js, core inlined): ${out.webBundleKB ?? '?'} KB, ${out.webBundleGzipKB ?? '?'} KB gzipped`,
  );
  console.log(`link pass over 10,000 lines: ${out.linkPass10kLinesMs ?? '?'} ms median`);
  for (const [size, t] of Object.entries(out.themes)) {
    const r = t as Record<string, number>;
    console.log(
      `themes at ${Number(size).toLocaleString('en')}: discovery ${r.discoverMs} ms (CPU ${r.discoverCpuMs} ms, longest slice ${r.longestSliceMs} ms), ${r.themes} themes (${r.topThemes} at the top, depth ${r.depth}, largest leaf ${r.largestLeaf}), one new paper p95 ${r.assignP95Ms} ms`,
    );
  }
  console.log(
    `hover (find id, look up, build markdown) at ${Math.max(...SIZES).toLocaleString('en')} papers: p95 ${out.hoverMs ?? '?'} ms`,
  );
  if (!noHost)
    console.log(
      `activation: ${'activationMs' in out ? out.activationMs : '?'} ms; first results: ${'firstResultsMs' in out ? out.firstResultsMs : '?'} ms`,
    );
  for (const [size, engines] of Object.entries(sizes)) {
    const s = engines.shelf;
    if (s && !('error' in s) && s.breakdown) {
      const k = s as EngineResult & Record<string, unknown>;
      console.log(
        `${Number(size).toLocaleString('en')}: cold ${s.coldLoadMs} ms, warm ${s.warmLoadMs} ms, incremental edit ${s.incrementalEditMs} ms (${JSON.stringify(s.incrementalEdit)}); in the host: cold ${k.hostColdLoadMs ?? '-'} ms, edit ${k.hostIncrementalEditMs ?? '-'} ms, heap ${k.hostHeapMB ?? '-'} MB (summaries outside it ${k.hostPackedSummariesMB ?? '-'} MB), worst wait ${k.hostWorstWaitMs ?? '-'} ms`,
      );
      console.log(
        `${Number(size).toLocaleString('en')}: ${Object.entries(s.breakdown)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}; longest build slice ${s.longestSliceMs} ms (CPU ${s.longestSliceCpuMs} ms); cache ${s.cacheMB} MB`,
      );
    }
  }
  console.log(arxivSearchLine(out.arxivSearch));
  console.log(`\n${mapTable(out.map as MapBenchResult[])}`);
  console.log(`\n(${out.totalSeconds} s; written to bench/results/${quick ? 'latest-quick.json' : 'latest.json'})`);
}

async function arxivMain(): Promise<void> {
  const result = await arxivSearchBench(ROOT, log);
  fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const out = { machine: machine(), arxivSearch: result };
  fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'arxiv-latest.json'), JSON.stringify(out, null, 2) + '\n');
  if (json) process.stdout.write(JSON.stringify(out) + '\n');
  else console.log(`${arxivSearchLine(result)}\n\n(written to bench/results/arxiv-latest.json)`);
}

void (arxivOnly ? arxivMain() : mapOnly ? mapMain() : main());
