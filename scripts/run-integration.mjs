#!/usr/bin/env node
// Runs the integration suite (out/test/integration/index.js) inside VS Code's real extension host:
// code-server 4.100.3 serves VS Code 1.100.3, Debian's Chromium opens its workbench with the
// extension under development and the suite as the extension tests, and this script relays the
// host's console and exits with the suite's exit code.
//
//   node scripts/run-integration.mjs [--no-build] [--no-setup] [--untrusted | --web [--virtual]]
//   --untrusted                           Restricted Mode: workspace trust stays on and the folder
//                                         is not trusted; runs test/integration-untrusted/ instead,
//                                         on the fixture workspace plus test/fixtures/untrusted/
//   --web                                 the browser build (package.json `browser`) in the web
//                                         worker extension host: the test profile's user settings
//                                         run the extension as a web extension
//                                         (remote.extensionKind), and the bundled web suite
//                                         (out/web-suite/index.js, from test/web/) runs there
//   --virtual                             with --web: on a virtual folder (tmp:/, in the browser's
//                                         memory, where file search never answers) instead of a
//                                         copy of the fixture workspace
//   env PAPER_SHELF_TEST_GREP=<regex>     run only the tests whose full title matches
//   env PAPER_SHELF_TEST_TIMEOUT=<secs>   give up after this long (default 600)
//   env PAPER_SHELF_HEADED=1              show the browser window (needs a display)
//
// The integration workspace gets a real full disk: a 64 KB tmpfs mounted at full-disk/ holding a
// collection file (collection.txt) and a bibliography (full.bib), filled to the last byte, so
// the safe-write tests see ENOSPC from the kernel. Mounting needs root; without it the launcher
// says so and those tests fail with the reason.
//
// It always ends code-server's whole process group, unmounts the tmpfs and removes its temp folders.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';

const require = createRequire(import.meta.url);
const host = require('./lib/testHost.js');

const args = new Set(process.argv.slice(2));
const root = host.repoRoot;
const untrusted = args.has('--untrusted');
const web = args.has('--web');
const virtual = web && args.has('--virtual');
/** The folder a --virtual run opens: the web workbench's in-memory file system. */
const VIRTUAL_FOLDER = 'tmp:/paper-shelf-web';
const suite = web
  ? path.join(root, 'out', 'web-suite', 'index.js')
  : path.join(root, 'out', 'test', untrusted ? 'integration-untrusted' : 'integration', 'index.js');
if (untrusted && web) {
  console.error('[integration] --untrusted and --web are separate runs');
  process.exit(1);
}
// In Restricted Mode the workbench decides trust as it does for a user: trust is on and nothing is
// trusted ahead of time, so the folder opens untrusted. The start-up prompt is turned off: while
// the workbench runs extension tests it refuses to show that dialog anyway (logging an error), and
// the folder stays untrusted either way; outside test mode it is a modal that Escape does not close.
const settings = untrusted
  ? {
      ...host.testSettings,
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
    }
  : web
    ? { ...host.testSettings, 'remote.extensionKind': { [host.extensionId]: ['web'] } }
    : host.testSettings;
const timeoutSeconds = Number(process.env.PAPER_SHELF_TEST_TIMEOUT || 600);
const grep = process.env.PAPER_SHELF_TEST_GREP?.trim() || '';

function step(title, command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[integration] ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

if (!args.has('--no-setup')) host.ensureTestHost();
if (!args.has('--no-build')) {
  step('build', 'npm', ['run', '--silent', 'build']);
  step('compiling the tests', 'npm', ['run', '--silent', 'compile-tests']);
}
if (grep && web)
  console.error('[integration] PAPER_SHELF_TEST_GREP does not reach the web worker: the whole web suite runs');
if (!fs.existsSync(suite)) {
  console.error(
    `[integration] ${path.relative(root, suite)} is missing: compile the tests first (npm run compile-tests)`,
  );
  process.exit(1);
}
if (grep) {
  try {
    new RegExp(grep);
  } catch (err) {
    console.error(`[integration] PAPER_SHELF_TEST_GREP is not a valid regular expression: ${err.message}`);
    process.exit(1);
  }
}

// The shared tmpfs helper, compiled with the tests.
const tmpfs = require(path.join(root, 'out', 'test', 'support', 'tmpfs.js'));
const FULL_DISK_COLLECTION =
  'Title: A paper kept on a full disk\nID: 2509.00001\nSummary: The disk this file is on has no byte left.\n---\n';
// Nearly a page (4 KB) long, so one more entry needs another page: VS Code's own save (truncate,
// then write) would fail half-way on the full disk and leave the file cut short.
const FULL_DISK_BIB = [
  ...Array.from(
    { length: 63 },
    (_, i) => `% Line ${String(i + 1).padStart(2)} of a bibliography kept on a disk with no byte left.`,
  ),
  '@book{knuth1984texbook,',
  '  title = {The {\\TeX}book},',
  '  author = {Donald E. Knuth},',
  '  publisher = {Addison-Wesley},',
  '  year = {1984},',
  '}',
  '',
].join('\n');

/** Mounts the tmpfs at workspace/full-disk/, writes its two files and fills it; undefined (with a warning) when it cannot. */
function mountFullDisk(workspace) {
  const dir = path.join(workspace, 'full-disk');
  try {
    tmpfs.mountTmpfs(dir, '64k');
    fs.writeFileSync(path.join(dir, 'collection.txt'), FULL_DISK_COLLECTION);
    fs.writeFileSync(path.join(dir, 'full.bib'), FULL_DISK_BIB);
    tmpfs.fillDisk(dir);
    return dir;
  } catch (err) {
    tmpfs.unmountTmpfs(dir);
    console.error(`[integration] no full disk for the safe-write tests: ${err.message}`);
    return undefined;
  }
}

/** Unmounts full disks that runs killed before their cleanup left behind (their launcher is gone). */
function unmountStale() {
  const mounts = fs.existsSync('/proc/mounts') ? fs.readFileSync('/proc/mounts', 'utf8').split('\n') : [];
  for (const line of mounts) {
    const dir = line.split(' ')[1]?.replace(/\\040/g, ' ');
    const parent =
      dir && /\/paper-shelf-ws-[^/]+\/workspace\/full-disk$/.test(dir) ? path.dirname(path.dirname(dir)) : undefined;
    if (!parent) continue;
    const pid = Number(
      fs.existsSync(path.join(parent, 'launcher.pid')) ? fs.readFileSync(path.join(parent, 'launcher.pid'), 'utf8') : 0,
    );
    let alive;
    try {
      alive = pid > 0 && process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (!alive) {
      tmpfs.unmountTmpfs(dir);
      host.removeWorkspaceCopy(path.dirname(dir));
    }
  }
}

const started = Date.now();
let server;
let browser;
let workspace;
let fullDisk;
let exitCode = 1;
let cleaningUp;
let suiteStarted = false;
// Workbench messages that say nothing about the extension (the marketplace is off on purpose).
const NOISE = /^Ignoring fetching additional builtin extensions from gallery/;
const startupLog = [];

async function cleanup() {
  cleaningUp ??= (async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (fullDisk) tmpfs.unmountTmpfs(fullDisk);
    host.removeWorkspaceCopy(workspace);
  })();
  return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`[integration] ${signal}: stopping`);
    void cleanup().then(() => process.exit(130));
  });
}

try {
  workspace = host.copyFixtureWorkspace(untrusted ? path.join(root, 'test', 'fixtures', 'untrusted') : undefined);
  fs.writeFileSync(path.join(path.dirname(workspace), 'launcher.pid'), String(process.pid));
  if (!untrusted && !web) {
    unmountStale();
    fullDisk = mountFullDisk(workspace);
  }
  // The web suite checks that a browser, which cannot see where a link leads, reads no linked
  // collection file (the link stays inside the workspace; the Node host would follow it).
  if (web && !virtual) fs.symlinkSync('reading-list.txt', path.join(workspace, 'linked.papers.txt'));
  server = await host.startCodeServer({
    // The extension host inherits the server's environment: this is how the grep reaches the suite.
    env: { PAPER_SHELF_TEST_GREP: grep, PAPER_SHELF_TEST_RUN: '1' },
    settings,
    workspaceTrust: untrusted,
  });
  console.log(`[integration] code-server at ${server.url}, workspace ${virtual ? VIRTUAL_FOLDER : workspace}`);

  browser = await host.launchChromium({ headless: !process.env.PAPER_SHELF_HEADED });
  const page = await browser.newPage();
  let resolveExit;
  const suiteExit = new Promise((resolve) => (resolveExit = resolve));
  // The workbench's own start-up chatter is held back (and shown only if the suite never starts);
  // from the suite's first line on, everything the host prints is relayed as it comes.
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
    if (NOISE.test(text)) return;
    if (text.includes('[paper-shelf] extension host:')) suiteStarted = true;
    if (!suiteStarted && type !== 'error') {
      if (startupLog.push(text) > 500) startupLog.shift();
      return;
    }
    (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));

  await page.goto(
    host.workbenchUrl(server.url, {
      folder: virtual ? VIRTUAL_FOLDER : workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
    }),
  );
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutSeconds * 1000)));
  const serverDied = server.exited.then(({ code, signal }) => `server-exit:${code ?? signal}`);
  const outcome = await Promise.race([suiteExit, timedOut, serverDied]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    console.error(`[integration] the suite did not finish within ${timeoutSeconds} s`);
  } else if (typeof outcome === 'string') {
    console.error(`[integration] code-server stopped before the suite finished (${outcome})`);
  } else {
    exitCode = outcome;
  }
} catch (err) {
  console.error(`[integration] ${err?.stack ?? err}`);
} finally {
  await cleanup();
}
if (!suiteStarted && startupLog.length) {
  console.error('[integration] the suite never started; the workbench said:');
  for (const line of startupLog) console.error(`  ${line}`);
}
console.log(`[integration] finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${exitCode}`);
// Let stdout drain (a pipe is asynchronous) rather than process.exit() mid-write.
process.exitCode = exitCode;
setTimeout(() => process.exit(exitCode), 2000).unref();
