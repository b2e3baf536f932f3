// Theme discovery on a generated shelf, in its own process: `node themes.js FILE [PAPERS]
// [--no-taxonomy]`. Prints one JSON object: wall and CPU time of a whole discovery as the
// extension runs it (ShelfThemes, with the shipped taxonomy lending names and its sure opinions,
// in 12 ms slices, with the longest slice), the tree it found (themes, depth, the largest leaf, the
// largest top theme, the catch-all's share), and what placing one new paper costs.
// `--no-taxonomy` discovers from the papers alone (as with no shipped taxonomy).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCollection } from '../src/core/collection/collection';
import { readTaxonomy } from '../src/core/shelf/shelfFactory';
import { ShelfThemes } from '../src/core/shelf/shelfThemes';
import { runStepsInSlices } from '../src/core/runtime/yieldToHost';
import type { Paper, ShelfEntry } from '../src/core/model/types';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withTaxonomy = !args.includes('--no-taxonomy');
  const [file, limit] = args.filter((a) => !a.startsWith('--'));
  const all = parseCollection(fs.readFileSync(file!, 'utf8'), file!).papers;
  const papers: Paper[] = all.slice(0, Math.min(Number(limit) || Infinity, all.length));
  const taxonomyFile = path.join(__dirname, '..', '..', 'seeds', 'themes.json');
  const { classifier } = withTaxonomy
    ? readTaxonomy(fs.readFileSync(taxonomyFile, 'utf8'), taxonomyFile)
    : { classifier: undefined };
  const themes = new ShelfThemes(() => classifier);
  const entries: ShelfEntry[] = papers.map((paper) => ({
    paper,
    key: paper.id,
    theme: '',
    month: '',
    sourceId: file!,
    starred: false,
  }));
  // Placing a paper costs the same whether the model saw it or not: 200 of them, one at a time.
  const newcomers = papers.slice(0, 200);
  let longestSlice = 0;
  let sliceStart = performance.now();
  const pause = async () => {
    longestSlice = Math.max(longestSlice, performance.now() - sliceStart);
    await new Promise<void>((r) => setImmediate(r));
    sliceStart = performance.now();
  };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  sliceStart = started;
  const done = await runStepsInSlices(themes.discover(entries, new Map()), pause, 12);
  const wallMs = performance.now() - started;
  longestSlice = Math.max(longestSlice, performance.now() - sliceStart);
  const cpu = process.cpuUsage(cpu0);
  const { model, assignments } = done!.value;

  const leafSizes = new Map<string, number>();
  for (const theme of assignments.values()) leafSizes.set(theme, (leafSizes.get(theme) ?? 0) + 1);
  const depthOf = (i: number): number => (model.themes[i]!.parent < 0 ? 1 : 1 + depthOf(model.themes[i]!.parent));
  const assignTimes: number[] = [];
  for (const p of newcomers) {
    const t = performance.now();
    model.assign(p);
    assignTimes.push(performance.now() - t);
  }
  assignTimes.sort((a, b) => a - b);
  const tops = model.childrenOf('');
  process.stdout.write(
    JSON.stringify({
      papers: papers.length,
      taxonomy: withTaxonomy,
      discoverMs: Math.round(wallMs),
      discoverCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      longestSliceMs: Math.round(longestSlice),
      themes: model.themes.length,
      topThemes: tops.length,
      depth: Math.max(0, ...model.themes.map((_, i) => depthOf(i))),
      largestLeaf: Math.max(0, ...[...leafSizes].filter(([n]) => n !== themes.fallback).map(([, n]) => n)),
      largestTopShare: Number((Math.max(0, ...tops.map((t) => t.size)) / papers.length).toFixed(3)),
      catchAllShare: Number(((leafSizes.get(themes.fallback) ?? 0) / papers.length).toFixed(3)),
      assignP50Ms: Number(percentile(assignTimes, 0.5).toFixed(3)),
      assignP95Ms: Number(percentile(assignTimes, 0.95).toFixed(3)),
      modelKB: Math.round(JSON.stringify(model.toJSON()).length / 1024),
      heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    }) + '\n',
  );
}

void main();
