#!/usr/bin/env node
// `npm start`: builds Paper Shelf and opens it in a real VS Code with the shipped shelf.
//  - desktop VS Code when `code` is on PATH: `code --extensionDevelopmentPath=<repo> <folder>`
//  - otherwise code-server (set up on first use by scripts/setup-test-host.sh) on 127.0.0.1
//    with the extension loaded; prints the URL to open and runs until Ctrl-C, then cleans up.
// The folder opened is a copy of the fixture workspace (a LaTeX draft, a .bib, Markdown notes,
// code with arXiv ids) kept between runs in <tmp>/paper-shelf-start/workspace.
//
//   npm start -- [--folder <path>] [--fresh] [--port <n>] [--code-server] [--no-build]
//     --folder <path>  open this folder instead (e.g. your own paper)
//     --fresh          reset the demo workspace copy to the fixture
//     --port <n>       code-server's port (default 0: a free one)
//     --code-server    use code-server even when `code` exists
//     --no-build       skip the build
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const host = require('./lib/testHost.js');
const root = host.repoRoot;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
};
function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}

const port = Number(option('--port') ?? process.env.PAPER_SHELF_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${option('--port')}`);

function folderToOpen() {
  const given = option('--folder');
  if (given) {
    const folder = path.resolve(given);
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) fail(`${folder} is not a folder`);
    return folder;
  }
  // Kept between runs so whatever you write in it survives; --fresh resets it.
  const demo = path.join(os.tmpdir(), 'paper-shelf-start', 'workspace');
  if (flag('--fresh')) fs.rmSync(demo, { recursive: true, force: true });
  if (!fs.existsSync(demo)) fs.cpSync(host.fixtureWorkspace, demo, { recursive: true });
  return demo;
}

function commandOnPath(name) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

if (!flag('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build:dev'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed');
}
const folder = folderToOpen();

if (!flag('--code-server') && commandOnPath('code')) {
  console.log(`[start] opening VS Code with the extension from ${root} on ${folder}`);
  const code = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit' });
  process.exit(code.status ?? 1);
}

try {
  // Only what starting needs (no Chromium, TeX Live or biber: those are for the tests).
  host.ensureTestHost('start');
} catch (err) {
  fail(err.message);
}
let server;
try {
  server = await host.startCodeServer({
    port,
    settings: { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' },
  });
} catch (err) {
  fail(`code-server did not start: ${err.message}`);
}
const url = host.workbenchUrl(server.url, { folder, extensionDevelopmentPath: root });
console.log(`[start] Paper Shelf is running in VS Code ${readVsCodeVersion()} (code-server) on ${folder}`);
console.log('[start] open this URL in your browser (Ctrl-C here stops it):');
console.log(url);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[start] stopping code-server');
  await server.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
void server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`[start] code-server exited (${code ?? signal})`);
  void stop(1);
});

function readVsCodeVersion() {
  try {
    const product = path.join(host.hostDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
    return JSON.parse(fs.readFileSync(product, 'utf8')).version;
  } catch {
    return '';
  }
}
