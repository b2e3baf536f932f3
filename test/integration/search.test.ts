// The search index in VS Code's real extension host: it follows the shelf, it caches itself in
// global storage and drops the cache when the collection changes, and it indexes without
// blocking the host. The last suite is the benchmark's in-host measurement (npm run bench).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import * as inspector from 'node:inspector';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/api';
import { SearchService } from '../../src/search/searchService';
import type { Paper } from '../../src/core/model/types';
import { lentSummaries } from '../../src/core/model/paper';
import { makePaper } from '../support/papers';
import { until } from '../support/wait';

const EXTENSION_ID = 'paper-shelf.paper-shelf';
const TEST_SOURCE = 'integration-test:search';

function paper(id: string, title: string, summary: string): Paper {
  return makePaper({ id, title, summary, source: { file: 'integration', line: 1, column: 1 } });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function activate(): Promise<PaperShelfApi> {
  const extension = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.shelfService.ready();
  return api;
}

describe('Search: the index in the extension host', () => {
  let api: PaperShelfApi;
  const services: SearchService[] = [];
  let storage: vscode.Uri;

  before(async () => {
    api = await activate();
    storage = vscode.Uri.file(path.join(os.tmpdir(), `paper-shelf-search-test-${process.pid}-${Date.now()}`));
  });

  after(async () => {
    api.shelfService.shelf.removeSource(TEST_SOURCE);
    for (const s of services) s.dispose();
    await vscode.workspace.fs.delete(storage, { recursive: true }).then(undefined, () => undefined);
  });

  it('answers from the shelf: exact id first in any form, words, prefixes and misspellings', async () => {
    assert.equal((await api.search.search('arXiv:2510.01152v2'))[0]?.id, '2510.01152');
    const kv = await api.search.search('kv cache', 5);
    assert.ok(
      kv.some((r) => r.id === '2510.00231'),
      'The Pitfalls of KV Cache Compression',
    );
    const typo = await api.search.search('reinforcment learning', 5);
    assert.ok(typo.length >= 3);
    assert.match(api.shelfService.shelf.get(typo[0].id)!.paper.title, /Reinforcement Learning/i);
    assert.equal(api.search.indexing, false);
    assert.equal(api.search.indexingState.total, api.shelfService.shelf.size);
  });

  it('follows the shelf: a paper added to it is found, and gone once removed', async () => {
    api.shelfService.shelf.setSource(TEST_SOURCE, [
      paper('2511.99991', 'Quokka Sampling for Integration Tests', 'A marsupial method.'),
    ]);
    assert.equal((await api.search.search('quokka'))[0]?.id, '2511.99991');
    api.shelfService.shelf.removeSource(TEST_SOURCE);
    assert.deepEqual(await api.search.search('quokka'), []);
  });

  it('restores the index from its cache, and drops the cache when the collection changes', async () => {
    const first = new SearchService(api.shelfService, storage);
    services.push(first);
    await first.ready();
    await first.cacheSettled();
    const built = first.lastIndexing!;
    assert.equal(built.fromCache, false);
    const cacheFile = first.cacheUri(built.fingerprint)!;
    assert.ok(await exists(cacheFile), 'the cache file was written');

    // A second start over the same shelf loads the cache instead of indexing.
    const second = new SearchService(api.shelfService, storage);
    services.push(second);
    await second.ready();
    assert.equal(second.lastIndexing!.fromCache, true);
    assert.equal(second.lastIndexing!.fingerprint, built.fingerprint);
    for (const q of ['kv cache', 'reinf', '2510.01152', 'reinforcment learning']) {
      assert.deepEqual(second.searchNow(q), first.searchNow(q), q);
    }
    first.dispose(); // one writer from here on

    // The collection changes: the old cache must not be used, and is removed.
    api.shelfService.shelf.setSource(TEST_SOURCE, [
      paper('2511.99992', 'Wombat Burrows as Caches', 'Invalidation, underground.'),
    ]);
    await second.ready();
    await second.cacheSettled();
    const rebuilt = second.lastIndexing!;
    assert.equal(rebuilt.fromCache, false);
    assert.notEqual(rebuilt.fingerprint, built.fingerprint);
    assert.equal(second.searchNow('wombat')[0]?.id, '2511.99992');
    assert.ok(await exists(second.cacheUri(rebuilt.fingerprint)!), 'the new cache was written');
    assert.equal(await exists(cacheFile), false, 'the stale cache was removed');

    // And a third start over the changed shelf gets the new cache, not the old one.
    const third = new SearchService(api.shelfService, storage);
    services.push(third);
    await third.ready();
    assert.equal(third.lastIndexing!.fromCache, true);
    assert.equal(third.lastIndexing!.fingerprint, rebuilt.fingerprint);
    assert.equal(third.searchNow('wombat')[0]?.id, '2511.99992');
    api.shelfService.shelf.removeSource(TEST_SOURCE);
    for (const s of [second, third]) {
      await s.ready();
      await s.cacheSettled();
      s.dispose();
    }
  });

  it('ignores a damaged cache file and rebuilds', async () => {
    const s = new SearchService(api.shelfService, storage);
    services.push(s);
    await s.ready();
    await s.cacheSettled();
    const file = s.cacheUri(s.lastIndexing!.fingerprint)!;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('not an index'));
    const again = new SearchService(api.shelfService, storage);
    services.push(again);
    await again.ready();
    assert.equal(again.lastIndexing!.fromCache, false);
    assert.equal((await again.search('arXiv:2510.01152'))[0]?.id, '2510.01152');
  });
});

describe('Search: edits of collection files are patched in, large files read in a worker', () => {
  it('a changed summary is found by search, and every other paper keeps its entry', async function () {
    this.timeout(120_000);
    const api = await activate();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, `incremental-${process.pid}.papers.txt`);
    // Distinct authors, so each paper has a cite key of its own (no clash group to re-suffix).
    const name = (i: number) =>
      `Q${[i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((c) => String.fromCharCode(97 + c)).join('')}`;
    const block = (i: number, summary = `Measurements of sample ${i} in a series.`) =>
      `Title: Incremental study number ${i}\nAuthors: Ada ${name(i)}\nPDF: https://arxiv.org/pdf/2602.${String(30000 + i)}\nSummary: ${summary}\n---\n`;
    // Large enough to be patched (smaller shelves are indexed afresh).
    const blocks = Array.from({ length: 1200 }, (_, i) => block(i));
    try {
      await fs.promises.writeFile(file.fsPath, blocks.join(''));
      await until('the file on the shelf', () => api.shelfService.shelf.get('2602.31199') !== undefined, 120_000);
      await api.shelfService.settled();
      await api.search.ready();
      const before = api.shelfService.shelf.get('2602.30001')!;
      const otherBefore = api.shelfService.shelf.get('2602.30398')!;
      blocks[200] = block(200, 'A zorblatic transform of the sample.');
      await fs.promises.writeFile(file.fsPath, blocks.join(''));
      await until('the edit in the index', () => api.search.searchNow('zorblatic')[0]?.id === '2602.30200', 120_000);
      assert.equal(api.search.lastIndexing?.patched, true, 'the index was patched, not built');
      assert.equal(api.shelfService.shelf.get('2602.30001'), before, 'an unchanged paper keeps its entry');
      assert.equal(api.shelfService.shelf.get('2602.30398'), otherBefore);
      assert.match(api.shelfService.shelf.get('2602.30200')!.paper.summary, /zorblatic/);
      // A block removed, one added: both followed the same way.
      blocks.splice(10, 1);
      blocks.push(block(500, 'Quintessential frobnication.'));
      await fs.promises.writeFile(file.fsPath, blocks.join(''));
      await until(
        'the added block in the index',
        () => api.search.searchNow('frobnication')[0]?.id === '2602.30500',
        120_000,
      );
      assert.equal(api.shelfService.shelf.get('2602.30010'), undefined);
      assert.equal(api.search.lastIndexing?.patched, true);
      assert.equal(api.shelfService.shelf.get('2602.30001'), before);
    } finally {
      await removeCollection(api, file, '2602.30001');
    }
  });

  it('a large file loads through the worker thread, an edit crosses back as the one changed paper, the index is built there', async function () {
    this.timeout(180_000);
    const api = await activate();
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, `worker-${process.pid}.papers.txt`);
    const filler = 'Long abstracts make a large file from few papers. '.repeat(30);
    const name = (i: number) =>
      `W${[i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676)].map((c) => String.fromCharCode(97 + c)).join('')}`;
    const block = (i: number, extra = '') =>
      `Title: Worker study number ${i}\nAuthors: Ada ${name(i)}\nPDF: https://arxiv.org/pdf/2603.${String(40000 + i)}\nSummary: ${extra}${filler}\n---\n`;
    const blocks = Array.from({ length: 3000 }, (_, i) => block(i));
    const workerLines = () =>
      api.log.lines().filter((l) => l.text.includes(`worker-${process.pid}`) && l.text.includes('in the worker'));
    const discoveries = () =>
      api.log.lines().filter((l) => /^Discovered \d+ themes in [\d,]+ papers in the worker/.test(l.text));
    const discoveredBefore = discoveries().length;
    // Whether the themes had been discovered when an index of the whole shelf was first ready.
    const indexedAfterThemes: boolean[] = [];
    const watching = api.search.onDidChangeIndexing((state) => {
      if (!state.indexing && state.total >= 3000) indexedAfterThemes.push(discoveries().length > discoveredBefore);
    });
    try {
      assert.ok(blocks.join('').length > 4 * 1024 * 1024, 'large enough for the worker');
      await fs.promises.writeFile(file.fsPath, blocks.join(''));
      await until('the file on the shelf', () => api.shelfService.shelf.get('2603.42999') !== undefined, 120_000);
      await until('the log line of the worker read', () => workerLines().length > 0, 120_000);
      assert.match(workerLines()[0]!.text, /3,000 papers, 3,000 blocks parsed in the worker, filed there\)/);
      await api.shelfService.settled();
      await api.search.ready();
      // 3,000 new papers on a small shelf: its themes are discovered afresh, in the worker, once the
      // shelf is searchable (the worker takes one request at a time).
      assert.ok(discoveries().length > discoveredBefore, 'the themes were discovered in the worker');
      assert.equal(indexedAfterThemes[0], false, 'searchable before the themes were discovered');
      const before = api.shelfService.shelf.get('2603.40001')!;
      blocks[1500] = block(1500, 'Gastrovascular tessellation. ');
      await fs.promises.writeFile(file.fsPath, blocks.join(''));
      await until(
        'the edit in the index',
        () => api.search.searchNow('gastrovascular')[0]?.id === '2603.41500',
        120_000,
      );
      await until('the second worker read', () => workerLines().length > 1, 120_000);
      assert.match(workerLines().at(-1)!.text, /3,000 papers, 1 blocks parsed in the worker/);
      assert.equal(api.search.lastIndexing?.patched, true);
      assert.equal(api.shelfService.shelf.get('2603.40001'), before, 'an unchanged paper keeps its entry');
      // The summaries crossed packed and stay so on the host: what a hover shows reads them there.
      const hoverText = async (id: string) => {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `See arXiv:${id}.` });
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          new vscode.Position(0, 8),
        );
        return hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n')
          .replace(/\\/g, ''); // Markdown's escapes
      };
      assert.match(await hoverText('2603.41500'), /Gastrovascular tessellation\. Long abstracts make a large file/);
      assert.match(await hoverText('2603.40001'), /Worker study number 1[^0-9][\s\S]*Long abstracts make a large file/);
      // After edits the index is built afresh (10 s later; now): in the worker, from the papers it
      // holds, the host only restoring its bytes, which become the cache as they came.
      await api.search.cacheSettled();
      const report = api.search.lastIndexing!;
      assert.equal(report.offThread, true, 'indexed in the worker');
      assert.equal(report.patched, false);
      assert.equal(report.papers, api.shelfService.shelf.size);
      assert.equal(api.search.searchNow('gastrovascular')[0]?.id, '2603.41500');
      assert.equal(api.search.searchNow('Worker study number 2999')[0]?.id, '2603.42999');
      assert.ok(await exists(api.search.cacheUri(report.fingerprint)!), "the worker's index is the cache");
    } finally {
      watching.dispose();
      await removeCollection(api, file, '2603.40001');
    }
  });
});

/**
 * A full garbage collection of the extension host, for the benchmark's heap sizes: V8's own, made
 * callable at run time (the host is not started with --expose-gc). Undefined where that is refused.
 */
function garbageCollector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : undefined;
  } catch {
    return undefined;
  }
}

/** The host's CPU profiler, started (PAPER_SHELF_BENCH_PROFILE: the bench writes the load's profile there). */
async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      return profile;
    },
  };
}

/** Deletes a test's collection file and waits until its papers (one of them: `id`) are off the shelf. */
async function removeCollection(api: PaperShelfApi, file: vscode.Uri, id: string): Promise<void> {
  await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
  await until('the file off the shelf', () => api.shelfService.shelf.get(id) === undefined, 120_000);
}

describe('Performance in the extension host', () => {
  it('activates quickly and answers the first query soon after', async function () {
    this.timeout(900_000);
    const extension = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!;
    const wasActive = extension.isActive;
    const started = performance.now();
    const api = await extension.activate();
    const results = await api.search.search('reinforcement learning', 20);
    const firstResultsMs = performance.now() - started;
    assert.ok(results.length > 0);
    // The host may have activated the extension before this test (a view, a language): then
    // count from the search service's creation inside activate() to its first index.
    const sinceActivation = wasActive ? (api.search.firstIndexedAfterMs ?? 0) + api.activationMs : firstResultsMs;
    const measured: Record<string, unknown> = {
      activationMs: Number(api.activationMs.toFixed(2)),
      firstResultsMs: Number(sinceActivation.toFixed(1)),
      activatedByThisTest: !wasActive,
      papers: api.shelfService.shelf.size,
    };

    // Larger shelves (npm run bench sets PAPER_SHELF_BENCH_FILES to "size=file,..."): each
    // generated collection is copied into the workspace and goes the way a user's file does
    // (found by the watcher, read, parsed and filed in slices, put on the shelf, indexed in
    // slices). Meanwhile a timer measures how long the host's event loop is kept waiting, and a
    // hover is asked for every half second, as a user reading a paper would.
    const benchFiles = (process.env.PAPER_SHELF_BENCH_FILES ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => ({ size: Number(pair.split('=')[0]), file: pair.slice(pair.indexOf('=') + 1) }));
    if (benchFiles.length) {
      const config = vscode.workspace.getConfiguration('paperShelf');
      // A user-level setting (a workspace may not raise it).
      await config.update('maxCollectionFileMB', 1024, vscode.ConfigurationTarget.Global);
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const hoverDoc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: 'As shown in arXiv:2510.01152, ...',
      });
      const hoverAt = new vscode.Position(0, 20);
      const hoverOnce = async (): Promise<number | undefined> => {
        const h0 = performance.now();
        const found = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          hoverDoc.uri,
          hoverAt,
        );
        return found.length ? performance.now() - h0 : undefined;
      };
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      // The same request on a quiet shelf: the workbench's own round trip, for comparison.
      const idleHovers: number[] = [];
      for (let i = 0; i < 6; i++) {
        const ms = await hoverOnce();
        if (ms !== undefined && i > 0) idleHovers.push(ms);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      measured.hoverIdleMedianMs = Number(median(idleHovers).toFixed(1));
      const collect = garbageCollector();
      const profileDir = process.env.PAPER_SHELF_BENCH_PROFILE;
      for (const { size, file } of benchFiles) {
        await api.shelfService.settled();
        await api.search.ready();
        const before = api.shelfService.shelf.size;
        // The host's heap before the file, after a full collection where the host allows one (what
        // stays, not garbage not yet collected).
        collect?.();
        const heapBefore = v8.getHeapStatistics().used_heap_size;
        const rssBefore = process.memoryUsage().rss;
        const profiler = profileDir ? await startProfiler() : undefined;
        const target = vscode.Uri.joinPath(folder, `bench-${size}.papers.txt`);
        let worstLagMs = 0;
        let last = performance.now();
        // With a profile: each wait over 50 ms, ending when (the monotonic clock, in microseconds,
        // as the profile's sample times), to find what ran then.
        const waits: { endUs: number; ms: number }[] = [];
        const timer = setInterval(() => {
          const now = performance.now();
          const lag = now - last - 5;
          worstLagMs = Math.max(worstLagMs, lag);
          if (profiler && lag > 50) waits.push({ endUs: Number(process.hrtime.bigint() / 1000n), ms: lag });
          last = now;
        }, 5);
        const hovers: number[] = [];
        let hovering = true;
        const hoverLoop = (async () => {
          while (hovering) {
            const ms = await hoverOnce();
            if (ms !== undefined) hovers.push(ms);
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        })();
        const t0 = performance.now();
        let gcMs = 0;
        // The longest collections, with their kind (the host's worst waits are mostly these).
        const longGcs: { kind: string; ms: number; atMs: number }[] = [];
        const gcKinds: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
        const gcObserver = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            gcMs += e.duration;
            if (e.duration < 20) continue;
            const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
            longGcs.push({
              kind: gcKinds[kind] ?? String(kind),
              ms: Number(e.duration.toFixed(1)),
              atMs: Math.round(e.startTime - t0),
            });
          }
        });
        gcObserver.observe({ entryTypes: ['gc'] });
        const cpu0 = process.cpuUsage();
        const elu0 = performance.eventLoopUtilization();
        await fs.promises.copyFile(file, target.fsPath);
        let indexingReported = false;
        while (api.shelfService.shelf.size < before + size) {
          indexingReported ||= api.search.indexing;
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (performance.now() - t0 > 600_000)
            throw new Error(`${size} papers were not on the shelf after 10 minutes`);
        }
        const onShelfMs = performance.now() - t0;
        await new Promise((resolve) => setTimeout(resolve, 0));
        indexingReported ||= api.search.indexing;
        const found = await api.search.search('reinforcement learning', 20);
        const indexedMs = performance.now() - t0;
        // Until searchable with the themes discovered (or new papers filed under the known ones).
        await api.shelfService.settled();
        await api.search.ready();
        const settledMs = performance.now() - t0;
        const loadLagMs = worstLagMs;
        const cpu = process.cpuUsage(cpu0);
        const elu = performance.eventLoopUtilization(elu0);
        gcObserver.disconnect();
        if (profiler && profileDir) {
          const where = path.join(profileDir, `host-${size}.cpuprofile`);
          await fs.promises.writeFile(where, JSON.stringify(await profiler.stop()));
          await fs.promises.writeFile(where.replace(/\.cpuprofile$/, '.waits.json'), JSON.stringify(waits));
          console.log(`[paper-shelf-bench] the host's CPU profile of the ${size}-paper load: ${where}`);
        }
        collect?.();
        const heap = v8.getHeapStatistics();
        const rss = process.memoryUsage().rss;
        // The summaries' bytes the host holds outside its heap (each batch's packed buffer once).
        const packed = new Set(api.shelfService.shelf.entries().map((e) => lentSummaries(e.paper)));
        let packedBytes = 0;
        for (const texts of packed) packedBytes += texts?.bytes.byteLength ?? 0;
        if (profileDir) {
          const where = v8.writeHeapSnapshot(path.join(profileDir, `host-${size}.heapsnapshot`));
          console.log(`[paper-shelf-bench] the host's heap after the ${size}-paper load: ${where}`);
        }
        // One paper's summary changed in the middle of the file and saved: until search finds it.
        const text = await fs.promises.readFile(target.fsPath, 'utf8');
        const middle = api.shelfService.shelf.entries().filter((e) => e.sourceId === target.toString())[
          Math.floor(size / 2)
        ]!;
        const at = text.indexOf('\nSummary: ', text.indexOf(middle.paper.id)) + '\nSummary: '.length;
        const word = `zqxjedited${size}`;
        await fs.promises.writeFile(target.fsPath, `${text.slice(0, at)}${word} ${text.slice(at)}`);
        const e0 = performance.now();
        worstLagMs = 0;
        while (api.search.searchNow(word, 1)[0]?.id !== middle.paper.id) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (performance.now() - e0 > 300_000) throw new Error(`the edit of the ${size} file was not found`);
        }
        const incrementalEditMs = performance.now() - e0;
        const editLagMs = worstLagMs;
        // Of that, the read once the watcher's burst settled: stat, read, decode and parse in the
        // worker, the changed paper put on the shelf (the log's line of that load).
        const loads = api.log
          .lines()
          .map((l) => /^Loaded bench-(\d+)\.papers\.txt .* in (\d+) ms[ .]/.exec(l.text))
          .filter((m) => m?.[1] === String(size));
        const editLoadMs = loads.length > 1 ? Number(loads.at(-1)![2]) : undefined;
        hovering = false;
        await hoverLoop;
        clearInterval(timer);
        measured[String(size)] = {
          onShelfMs: Number(onShelfMs.toFixed(0)),
          indexedAfterMs: Number(indexedMs.toFixed(0)),
          settledAfterMs: Number(settledMs.toFixed(0)),
          indexingReported,
          worstEventLoopLagMs: Number(loadLagMs.toFixed(1)),
          // From the saved file until search answers with the edit (the watcher's 150 ms included).
          incrementalEditMs: Number(incrementalEditMs.toFixed(0)),
          editWorstEventLoopLagMs: Number(editLagMs.toFixed(1)),
          editPatched: api.search.lastIndexing?.patched ?? false,
          editLoadMs,
          editIndexMs: Number((api.search.lastIndexing?.ms ?? 0).toFixed(1)),
          heapBeforeMB: Math.round(heapBefore / 1e6),
          // Both heap sizes after a full collection (else as they were, garbage included).
          heapCollected: collect !== undefined,
          hoversDuringLoad: hovers.length,
          hoverDuringLoadMaxMs: Number(Math.max(0, ...hovers).toFixed(1)),
          hoverDuringLoadMedianMs: Number(median(hovers).toFixed(1)),
          results: found.length,
          // The extension host's own CPU time over the load (all its extensions, GC included) and
          // the share of the time its event loop was busy: below 1, it was free to answer others.
          hostCpuMs: Math.round((cpu.user + cpu.system) / 1000),
          eventLoopBusyShare: Number(elu.utilization.toFixed(2)),
          gcMs: Math.round(gcMs),
          longGcs: longGcs.sort((x, y) => y.ms - x.ms).slice(0, 12),
          heapUsedMB: Math.round(heap.used_heap_size / 1e6),
          heapLimitMB: Math.round(heap.heap_size_limit / 1e6),
          // The whole process's resident memory, before and after: the collection worker's heap and
          // its copy of the file included, so not the host thread's alone.
          rssBeforeMB: Math.round(rssBefore / 1e6),
          rssMB: Math.round(rss / 1e6),
          packedSummariesMB: Math.round(packedBytes / 1e6),
        };
        await vscode.workspace.fs.delete(target);
        while (api.shelfService.shelf.size > before) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await config.update('maxCollectionFileMB', undefined, vscode.ConfigurationTarget.Global);
      await api.search.ready();
    }
    // Where the work ran (the worker or the host) and how long each large step took, as logged.
    measured.log = api.log
      .lines()
      .map((l) => l.text)
      .filter((t) => /^(Loaded bench-|Discovered \d|Indexed \d)/.test(t));
    console.log(`[paper-shelf-bench] ${JSON.stringify(measured)}`);
  });
});
