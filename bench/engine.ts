// One engine on one shelf, in a process of its own (so heap numbers are its own):
//   node --expose-gc out/bench/engine.js <engine> <collection file> <queries file> <cache dir>
// Prints one JSON object (EngineResult) on stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MiniSearch from 'minisearch';
import Fuse from 'fuse.js';
import { parseCollection } from '../src/core/collection/collection';
import { CollectionReader } from '../src/core/collection/collectionReader';
import { sameBytes } from '../src/collections/sameBytes';
import { readCollectionFile } from '../src/collections/readCollectionFile';
import { lengthOfRead } from '../src/core/collection/byteChange';
import { Shelf } from '../src/core/shelf/shelf';
import { readTaxonomy, shelfOptions } from '../src/core/shelf/shelfFactory';
import { ShelfSearch } from '../src/core/search/search';
import { EntryFingerprint, decodeIndex, encodeIndex } from '../src/core/search/indexCache';
import { findArxivIdAt } from '../src/core/arxiv/arxivId';
import { entryHover } from '../src/core/present/hoverContent';
import type { Paper } from '../src/core/model/types';
import type { QuerySet } from './queries';

export type EngineName = 'shelf' | 'minisearchDefaults' | 'fuse' | 'naive';

export interface KindStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The same percentiles in CPU time of this process (immune to other processes taking the core). */
  cpuP50Ms?: number;
  cpuP95Ms?: number;
}

export interface EngineResult {
  engine: EngineName;
  papers: number;
  collectionMB: number;
  /** Parse + shelf (themes, keys) + index for the shelf; index construction for the others. */
  coldLoadMs: number;
  breakdown?: Record<string, number>;
  warmLoadMs?: number;
  cacheMB?: number;
  heapMB: number;
  heapToTextRatio: number;
  queries: Record<string, KindStats>;
  queryP50Ms: number;
  queryP95Ms: number;
  /** Worst per-kind p95 in CPU time. */
  queryCpuP95Ms: number;
  /** CPU time of the cold load (what it costs on an idle core). */
  coldLoadCpuMs?: number;
  typoHitRate: number;
  typoQueries: number;
  /** Over the first N queries of each kind only: the ones every engine answered at this size. */
  shared?: { queries: number; queryP95Ms: number; queryCpuP95Ms: number; typoHitRate: number };
  hover?: { p50Ms: number; p95Ms: number; maxMs: number };
  /** Longest slice of classifying a new source (themes are computed between host turns). */
  longestClassifySliceMs?: number;
  /** Putting the prepared papers on the shelf (merging, cite keys, entries), in slices. */
  setSourceMs?: number;
  /** Its longest slice. */
  longestSetSourceSliceMs?: number;
  /** Saving one changed paper in the middle of the file until a query finds it (read, parse, shelf, index). */
  incrementalEditMs?: number;
  incrementalEdit?: Record<string, number | boolean>;
  /** Longest single slice of the sliced index build (what blocks the extension host at once). */
  longestSliceMs?: number;
  longestSliceCpuMs?: number;
}

type Searcher = (query: string) => string[];

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};
const heapMB = (): number => process.memoryUsage().heapUsed / 1e6;
/** CPU time of this process (all its threads: JIT and GC helpers included), ms. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function stats(times: number[], cpu?: number[]): KindStats {
  const out: KindStats = {
    count: times.length,
    p50Ms: round(percentile(times, 0.5), 3),
    p95Ms: round(percentile(times, 0.95), 3),
    maxMs: round(Math.max(0, ...times), 3),
  };
  if (cpu) {
    out.cpuP50Ms = round(percentile(cpu, 0.5), 3);
    out.cpuP95Ms = round(percentile(cpu, 0.95), 3);
  }
  return out;
}

interface QueryRun {
  kinds: Record<string, KindStats>;
  hitRate: number;
  typoCount: number;
  shared?: { queries: number; queryP95Ms: number; queryCpuP95Ms: number; typoHitRate: number };
}

function runQueries(search: Searcher, queries: QuerySet, limit: number, warmUp: number, sharedLimit = 0): QueryRun {
  // Warm-up: let the JIT compile every kind's path before timing (a user's first query after
  // start-up is the only cold one; the host's activation numbers cover that).
  for (const kind of ['one', 'three', 'prefix'] as const) for (const q of queries[kind].slice(0, warmUp)) search(q);
  for (const { query } of queries.typo.slice(0, warmUp)) search(query);
  const kinds: Record<string, KindStats> = {};
  const sharedP95: number[] = [];
  const sharedCpuP95: number[] = [];
  for (const kind of ['one', 'three', 'prefix'] as const) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (const q of queries[kind].slice(0, limit)) {
      const c = cpuMs();
      const t = performance.now();
      search(q);
      times.push(performance.now() - t);
      cpu.push(cpuMs() - c);
    }
    kinds[kind] = stats(times, cpu);
    if (sharedLimit) {
      sharedP95.push(percentile(times.slice(0, sharedLimit), 0.95));
      sharedCpuP95.push(percentile(cpu.slice(0, sharedLimit), 0.95));
    }
  }
  const typoTimes: number[] = [];
  const typoCpu: number[] = [];
  let hits = 0;
  const typos = queries.typo.slice(0, limit);
  const typoFound: boolean[] = [];
  for (const { query, target } of typos) {
    const c = cpuMs();
    const t = performance.now();
    const found = search(query);
    typoTimes.push(performance.now() - t);
    typoCpu.push(cpuMs() - c);
    typoFound.push(found.slice(0, 10).includes(target));
    if (typoFound[typoFound.length - 1]) hits++;
  }
  kinds.typo = stats(typoTimes, typoCpu);
  const run: QueryRun = { kinds, hitRate: typos.length ? round(hits / typos.length, 3) : 0, typoCount: typos.length };
  if (sharedLimit) {
    sharedP95.push(percentile(typoTimes.slice(0, sharedLimit), 0.95));
    sharedCpuP95.push(percentile(typoCpu.slice(0, sharedLimit), 0.95));
    const sharedHits = typos.slice(0, sharedLimit).filter((_, i) => typoFound[i]).length;
    run.shared = {
      queries: sharedLimit,
      queryP95Ms: round(Math.max(...sharedP95), 3),
      queryCpuP95Ms: round(Math.max(...sharedCpuP95), 3),
      typoHitRate: round(sharedHits / Math.min(sharedLimit, typos.length), 3),
    };
  }
  return run;
}

function summarize(
  engine: EngineName,
  papers: number,
  textBytes: number,
  coldLoadMs: number,
  heap: number,
  run: QueryRun,
): EngineResult {
  const kinds = Object.values(run.kinds);
  return {
    ...(run.shared ? { shared: run.shared } : {}),
    engine,
    papers,
    collectionMB: round(textBytes / 1e6, 1),
    coldLoadMs: round(coldLoadMs, 0),
    heapMB: round(heap, 1),
    heapToTextRatio: round(heap / (textBytes / 1e6), 2),
    queries: run.kinds,
    queryP50Ms: Math.max(...kinds.map((k) => k.p50Ms)),
    queryP95Ms: Math.max(...kinds.map((k) => k.p95Ms)),
    queryCpuP95Ms: Math.max(...kinds.map((k) => k.cpuP95Ms ?? 0)),
    typoHitRate: run.hitRate,
    typoQueries: run.typoCount,
  };
}

function readText(file: string): string {
  return new TextDecoder('utf-8').decode(fs.readFileSync(file));
}

const TAXONOMY = path.join(__dirname, '..', '..', 'seeds', 'themes.json');

async function measureShelf(
  file: string,
  queries: QuerySet,
  cacheDir: string,
  limit: number,
  sharedLimit: number,
): Promise<EngineResult> {
  gc();
  const base = heapMB();
  const taxonomyText = fs.existsSync(TAXONOMY) ? fs.readFileSync(TAXONOMY, 'utf8') : undefined;
  const classifier = taxonomyText ? readTaxonomy(taxonomyText, 'seeds/themes.json').classifier : undefined;

  const coldCpuStart = cpuMs();
  let t = performance.now();
  // As the collection worker reads a file (into a buffer of the reader's own); the reader keeps
  // its bytes and blocks, so an edit is read as a change and parsed only where it changed.
  const fileRead = await readCollectionFile(file, undefined);
  const textBytes = lengthOfRead(fileRead);
  const readMs = performance.now() - t;

  t = performance.now();
  const reader = new CollectionReader(file, sameBytes);
  const papers = reader.readBytes(fileRead).update!.papers;
  const parseMs = performance.now() - t;

  // Themes and keys as the extension computes them (inside the Shelf), timed where they run.
  let themesMs = 0;
  let keysMs = 0;
  const options = shelfOptions(
    () => classifier,
    () => undefined,
  );
  t = performance.now();
  const shelf = new Shelf({
    classify: (p) => {
      const s = performance.now();
      const theme = options.classify(p);
      themesMs += performance.now() - s;
      return theme;
    },
    assignKeys: (ps, pinned) => {
      const s = performance.now();
      const keys = options.assignKeys(ps, pinned);
      keysMs += performance.now() - s;
      return keys;
    },
    // As the extension keys a source put on the shelf in slices; each step timed.
    assignKeySteps: function* (ps, pinned) {
      const steps = options.assignKeySteps!(ps, pinned);
      for (;;) {
        const s = performance.now();
        const step = steps.next();
        keysMs += performance.now() - s;
        if (step.done) return step.value;
        yield;
      }
    },
    updateKeys: (changes) => options.updateKeys?.(changes),
    keyPreparer: () => {
      const prepare = options.keyPreparer?.();
      return (p) => {
        const s = performance.now();
        prepare?.(p);
        keysMs += performance.now() - s;
      };
    },
  });
  // As the extension adds a collection: themes and base keys in slices between host turns.
  let longestClassifySliceMs = 0;
  let sliceStart = performance.now();
  await shelf.prepareInSlices(papers, async () => {
    longestClassifySliceMs = Math.max(longestClassifySliceMs, performance.now() - sliceStart);
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  });
  longestClassifySliceMs = Math.max(longestClassifySliceMs, performance.now() - sliceStart);
  // Then onto the shelf in slices too (merging, cite keys, entries).
  let longestSetSourceSliceMs = 0;
  const setSourceStart = performance.now();
  sliceStart = performance.now();
  await shelf.setSourceInSlices('bench', papers, async () => {
    longestSetSourceSliceMs = Math.max(longestSetSourceSliceMs, performance.now() - sliceStart);
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  });
  longestSetSourceSliceMs = Math.max(longestSetSourceSliceMs, performance.now() - sliceStart);
  const setSourceMs = performance.now() - setSourceStart;
  const shelfMs = performance.now() - t;
  const entries = shelf.entries();

  const indexCpu0 = cpuMs();
  t = performance.now();
  let search = new ShelfSearch();
  const build = search.beginBuild(entries);
  let longestSliceMs = 0;
  let longestSliceCpuMs = 0;
  for (;;) {
    const s = performance.now();
    const c = cpuMs();
    const done = build.step(12);
    longestSliceMs = Math.max(longestSliceMs, performance.now() - s);
    longestSliceCpuMs = Math.max(longestSliceCpuMs, cpuMs() - c);
    if (done) break;
  }
  const indexMs = performance.now() - t;
  const indexCpuMs = cpuMs() - indexCpu0;
  const coldLoadMs = readMs + parseMs + shelfMs + indexMs;
  const coldLoadCpuMs = cpuMs() - coldCpuStart;

  gc();
  const heap = heapMB() - base;

  // The cache as the extension writes it, then a warm load: fingerprint, read, decode, restore.
  const cacheFile = path.join(cacheDir, `index-${process.pid}.bin`);
  t = performance.now();
  const fingerprint = new EntryFingerprint();
  for (const e of entries) fingerprint.add(e);
  const digest = fingerprint.digest();
  const fingerprintMs = performance.now() - t;
  t = performance.now();
  fs.writeFileSync(cacheFile, encodeIndex(search.serialize(), digest));
  const cacheWriteMs = performance.now() - t;
  const cacheMB = fs.statSync(cacheFile).size / 1e6;
  search = new ShelfSearch();
  gc();

  const warmCpu0 = cpuMs();
  t = performance.now();
  const bytes = new Uint8Array(fs.readFileSync(cacheFile));
  const data = decodeIndex(bytes, digest);
  if (!data) throw new Error('the cache did not decode');
  const restore = search.beginRestore(entries, data);
  if (!restore) throw new Error('the cache did not fit');
  while (!restore.step(12));
  const restoreMs = performance.now() - t;
  const restoreCpuMs = cpuMs() - warmCpu0;
  fs.rmSync(cacheFile, { force: true });
  const warmLoadMs = fingerprintMs + restoreMs;

  const run = runQueries((q) => search.search(q, { limit: 20 }).map((r) => r.id), queries, limit, 20, sharedLimit);

  // Hover: find the id under the cursor in a line, look it up, build the markdown.
  const hoverTimes: number[] = [];
  const commands = {
    openSummary: 'paperShelf.openSummary',
    insertCitation: 'paperShelf.insertCitation',
    copyBibtex: 'paperShelf.copyBibtex',
    openPdf: 'paperShelf.openPdf',
  };
  for (let i = 0; i < 2000; i++) {
    const entry = entries[(i * 7919) % entries.length];
    const line = `As shown in arXiv:${entry.paper.id}v2, the method of \\citet{key} improves on 2301.00001 by 3.5 points.`;
    const offset = 20;
    const h = performance.now();
    const match = findArxivIdAt(line, offset);
    const found = match && shelf.get(match.id);
    if (found) entryHover(found, { commands, version: match.version, themeIcon: classifier?.iconOf(found.theme) });
    hoverTimes.push(performance.now() - h);
  }
  const hover = stats(hoverTimes.slice(200));
  const edit = await incrementalEdit(file, cacheDir, reader, shelf, search);

  const result = summarize('shelf', entries.length, textBytes, coldLoadMs, heap, run);
  result.breakdown = {
    readMs: round(readMs, 0),
    parseMs: round(parseMs, 0),
    shelfMs: round(shelfMs, 0),
    themesMs: round(themesMs, 0),
    keysMs: round(keysMs, 0),
    indexMs: round(indexMs, 0),
    indexCpuMs: round(indexCpuMs, 0),
    fingerprintMs: round(fingerprintMs, 0),
    cacheWriteMs: round(cacheWriteMs, 0),
    restoreMs: round(restoreMs, 0),
    restoreCpuMs: round(restoreCpuMs, 0),
  };
  result.coldLoadCpuMs = round(coldLoadCpuMs, 0);
  result.warmLoadMs = round(warmLoadMs, 0);
  result.cacheMB = round(cacheMB, 1);
  result.hover = { p50Ms: round(hover.p50Ms, 4), p95Ms: round(hover.p95Ms, 4), maxMs: round(hover.maxMs, 3) };
  result.longestSliceMs = round(longestSliceMs, 1);
  result.longestClassifySliceMs = round(longestClassifySliceMs, 1);
  result.setSourceMs = round(setSourceMs, 0);
  result.longestSetSourceSliceMs = round(longestSetSourceSliceMs, 1);
  result.longestSliceCpuMs = round(longestSliceCpuMs, 1);
  result.incrementalEditMs = edit.incrementalEditMs as number;
  result.incrementalEdit = edit;
  return result;
}

/**
 * One paper's summary changed in the middle of the file and the file saved (not timed); then,
 * timed as the extension does it: the file read and decoded, parsed where it changed, the changed
 * paper filed and its entry and keys made again, the index patched (or built when it cannot be),
 * until a query for the new word finds the paper.
 */
async function incrementalEdit(
  file: string,
  cacheDir: string,
  reader: CollectionReader,
  shelf: Shelf,
  search: ShelfSearch,
): Promise<Record<string, number | boolean>> {
  const original = readText(file);
  const target = shelf.entries()[Math.floor(shelf.size / 2)]!.paper;
  const at = original.indexOf('\nSummary: ', original.indexOf(target.id)) + '\nSummary: '.length;
  const word = 'zqxjvedited';
  const saved = path.join(cacheDir, `edited-${process.pid}.txt`);
  fs.writeFileSync(saved, `${original.slice(0, at)}${word} ${original.slice(at)}`);
  gc();
  const t0 = performance.now();
  // As the collection worker reads it: compared with the last bytes as it is read, only the
  // changed stretch kept.
  const change = await readCollectionFile(saved, reader.cleanBytes);
  const tRead = performance.now();
  // Applied to the reader's bytes, decoded only where they changed and parsed there: all in parseMs.
  const update = reader.readBytes(change).update!;
  const t2 = performance.now();
  await shelf.prepareInSlices(
    update.papers.filter((p) => update.changed.has(p.id)),
    () => new Promise<void>((resolve) => setImmediate(resolve)),
  );
  shelf.updateSource('bench', update.papers, update.changed, update.byId);
  const t3 = performance.now();
  const patched = search.update(shelf.entries());
  if (!patched) search.setEntries(shelf.entries());
  const found = search.search(word, { limit: 5 })[0]?.id === target.id;
  const t4 = performance.now();
  fs.rmSync(saved, { force: true });
  if (!found) throw new Error('the edited paper was not found');
  return {
    incrementalEditMs: round(t4 - t0, 1),
    readMs: round(tRead - t0, 1),
    parseMs: round(t2 - tRead, 1),
    blocksParsed: update.parsed,
    shelfMs: round(t3 - t2, 1),
    indexMs: round(t4 - t3, 1),
    patched,
  };
}

function loadPapers(file: string): { papers: Paper[]; textBytes: number } {
  const text = readText(file);
  return { papers: parseCollection(text, file).papers, textBytes: Buffer.byteLength(text) };
}

function measureOther(engine: EngineName, file: string, queries: QuerySet, limit: number): EngineResult {
  const { papers, textBytes } = loadPapers(file);
  const docs = papers.map((p) => ({ id: p.id, title: p.title, summary: p.summary }));
  gc();
  const base = heapMB();
  let search: Searcher;
  const t = performance.now();
  if (engine === 'minisearchDefaults') {
    // The options a developer would reach for first (what the issue measured).
    const mini = new MiniSearch({
      fields: ['title', 'summary'],
      searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
    });
    mini.addAll(docs);
    search = (q) =>
      mini
        .search(q)
        .slice(0, 20)
        .map((r) => String(r.id));
  } else if (engine === 'fuse') {
    const fuse = new Fuse(docs, { keys: ['title', 'summary'], threshold: 0.4 });
    search = (q) => fuse.search(q, { limit: 20 }).map((r) => r.item.id);
  } else {
    // The filter anyone writes first: every query word must occur; no ranking, no typos.
    const haystacks = docs.map((d) => `${d.title}\n${d.summary}`.toLowerCase());
    search = (q) => {
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const out: string[] = [];
      for (let i = 0; i < haystacks.length && out.length < 20; i++) {
        if (words.every((w) => haystacks[i].includes(w))) out.push(docs[i].id);
      }
      return out;
    };
  }
  const buildMs = performance.now() - t;
  gc();
  const heap = heapMB() - base;
  // Fuse.js answers in whole seconds at scale: JIT warm-up is lost in that, so one query per kind.
  const run = runQueries(search, queries, limit, engine === 'fuse' ? 1 : Math.min(20, limit));
  return summarize(engine, docs.length, textBytes, buildMs, heap, run);
}

if (require.main === module) {
  const [engine, file, queriesFile, cacheDir, limitText, sharedText] = process.argv.slice(2) as [
    EngineName,
    string,
    string,
    string,
    string,
    string?,
  ];
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8')) as QuerySet;
  const limit = Number(limitText) || Infinity;
  void (async () => {
    const result =
      engine === 'shelf'
        ? await measureShelf(file, queries, cacheDir, limit, Number(sharedText) || 0)
        : measureOther(engine, file, queries, limit);
    process.stdout.write(JSON.stringify(result));
  })();
}
