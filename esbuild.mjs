// Bundles the extension and the command-line tool into dist/, with the domain core (src/core)
// built once into dist/core.js that both require, instead of a copy inside each bundle.
// --production minifies and drops source maps; --watch rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve('src/core');
const coreModules = fs.readdirSync(CORE).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

/**
 * Imports of src/core/<module> from outside the core become `require('./core.js').<module>`:
 * dist/core.js exports each core module as a namespace of the same name.
 */
const sharedCore = {
  name: 'shared-core',
  setup(build) {
    build.onResolve({ filter: /\/core\// }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      if (path.dirname(target) !== CORE || args.importer.startsWith(CORE + path.sep)) return undefined;
      return { path: path.basename(target), namespace: 'shared-core' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-core' }, (args) => ({
      contents: `module.exports = require('./core.js')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
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
    stdin: { contents: coreModules.map((m) => `export * as ${m} from './${m}';`).join('\n'), resolveDir: CORE, sourcefile: 'core.ts', loader: 'ts' },
    outfile: 'dist/core.js',
  },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './core.js'], plugins: [sharedCore] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [sharedCore] },
];

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
