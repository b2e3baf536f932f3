#!/usr/bin/env node
// Bundles the web test suite (test/web/index.ts and the suites it requires, with mocha's browser
// build and the parts of src/ they name) for the browser, into out/web-suite/index.js: the
// extensionTestsPath of scripts/run-integration.mjs --web. A web worker's require knows only
// `vscode`, so everything else is inlined.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/web/index.ts'],
  outfile: 'out/web-suite/index.js',
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  external: ['vscode'],
  define: { global: 'globalThis' },
  sourcemap: 'inline',
  logLevel: 'warning',
});
