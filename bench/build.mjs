// Bundles the benchmark (runner, per-engine child, link pass) into out/bench-bundle/, so
// `npm run bench` works from a fresh clone without compiling the whole project first.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const entryPoints = ['bench/run.ts', 'bench/engine.ts', 'bench/themes.ts'];
if (fs.existsSync('bench/linkPass.ts')) entryPoints.push('bench/linkPass.ts');

await esbuild.build({
  entryPoints,
  outdir: 'out/bench-bundle',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
});
