#!/usr/bin/env node
// `npm run test:electron`: the same integration suite (out/test/integration/index.js) in desktop
// VS Code, downloaded and launched by @vscode/test-electron 2.5.2. For machines that can reach
// update.code.visualstudio.com; CI here uses scripts/run-integration.mjs (code-server) instead.
//
//   env PAPER_SHELF_VSCODE_VERSION=<version|stable|insiders>   default 1.100.3, the version CI's
//                                                             code-server bundles (engines: ^1.100.0)
//   env PAPER_SHELF_VSCODE_EXECUTABLE=<path>   use an installed VS Code instead of downloading
//   env PAPER_SHELF_TEST_GREP=<regex>          run only the matching tests
// On a Linux machine without a display, run it under a virtual one: `xvfb-run -a npm run test:electron`.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const host = require('./lib/testHost.js');
const { runTests } = require('@vscode/test-electron');
const root = host.repoRoot;

if (!process.argv.includes('--no-build')) {
  for (const script of ['build', 'compile-tests']) {
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`[electron] npm run ${script} failed`);
      process.exit(1);
    }
  }
}

const workspace = host.copyFixtureWorkspace();
const userData = host.makeTempDir('paper-shelf-electron-');
let exitCode = 1;
try {
  exitCode = await runTests({
    version: process.env.PAPER_SHELF_VSCODE_VERSION || '1.100.3',
    vscodeExecutablePath: process.env.PAPER_SHELF_VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { PAPER_SHELF_TEST_GREP: process.env.PAPER_SHELF_TEST_GREP ?? '' },
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under test (built-ins stay)
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(userData, 'user-data')}`,
      `--extensions-dir=${path.join(userData, 'extensions')}`,
    ],
  });
} catch (err) {
  console.error(`[electron] ${err?.message ?? err}`);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|download/i.test(String(err))) {
    console.error(
      '[electron] VS Code could not be downloaded here: use npm run test:integration (code-server) instead.',
    );
  }
} finally {
  host.removeWorkspaceCopy(workspace);
  host.removeDir(userData);
}
process.exitCode = exitCode;
