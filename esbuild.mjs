// Bundles the extension and the command-line tool into dist/, with the domain core (src/core)
// built once into dist/core.js that both require, instead of a copy inside each bundle; and the
// web extension (dist/web/extension.js, package.json `browser`), one file with the core inlined.
// --production minifies and drops source maps; --watch rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';

const CORE = path.resolve('src/core');
/** Every module of the core, by its path below src/core without the extension: `arxiv/arxivId`. */
const coreModules = fs
  .readdirSync(CORE, { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3).split(path.sep).join('/'))
  .sort();
/** The name of a core module's namespace in dist/core.js: `arxiv/arxivId` -> `arxiv__arxivId`. */
const exportName = (module) => module.replace(/\//g, '__');

/**
 * Imports of src/core/<folder>/<module> from outside the core become
 * `require('./core.js').<folder>__<module>`: dist/core.js exports each core module as a namespace.
 */
const sharedCore = {
  name: 'shared-core',
  setup(build) {
    build.onResolve({ filter: /\/core\// }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.startsWith(CORE + path.sep) || args.importer.startsWith(CORE + path.sep)) return undefined;
      const module = path.relative(CORE, target).replace(/\.ts$/, '').split(path.sep).join('/');
      if (!coreModules.includes(module)) throw new Error(`not a core module: ${args.path} (from ${args.importer})`);
      return { path: exportName(module), namespace: 'shared-core' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-core' }, (args) => ({
      contents: `module.exports = require('./core.js')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

/** The web bundle may import nothing but `vscode`: Node's modules (`node:os`, `fs`...) do not exist there. */
const onlyVscode = {
  name: 'only-vscode',
  setup(build) {
    build.onResolve({ filter: /^(node:|[a-z_]+$)/ }, (args) => {
      if (args.path === 'vscode') return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path))
        return {
          errors: [{ text: `${args.path} is a Node module: the web build (dist/web/extension.js) cannot use it` }],
        };
      return undefined;
    });
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  external: ['./core.js'],
};

const builds = [
  {
    ...common,
    stdin: {
      contents: coreModules.map((m) => `export * as ${exportName(m)} from './${m}';`).join('\n'),
      resolveDir: CORE,
      sourcefile: 'core.ts',
      loader: 'ts',
    },
    outfile: 'dist/core.js',
  },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', './core.js'],
    plugins: [sharedCore],
  },
  {
    // VS Code for the Web: one file with the core inlined (a web worker's require knows only
    // `vscode`), for the browser, so a Node module anywhere in it fails the build.
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/extension.web.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    define: { global: 'globalThis' },
    metafile: true,
    plugins: [onlyVscode],
  },
  {
    // The map panel's page script: runs in the webview (a browser), imports the pure core directly.
    ...common,
    entryPoints: ['src/webview/map/main.ts'],
    outfile: 'dist/webview/map.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    external: [],
  },
  {
    // The worker thread that reads large collection files off the extension host's thread.
    ...common,
    entryPoints: ['src/collections/collectionWorker.ts'],
    outfile: 'dist/collectionWorker.js',
    plugins: [sharedCore],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [sharedCore],
  },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
