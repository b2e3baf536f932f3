// The real VS Code that Paper Shelf runs in for its integration tests, its e2e tests and
// `npm start` without a desktop `code`: code-server 4.100.3 (VS Code 1.100.3's server and web
// workbench, set up in .test-host/ by scripts/setup-test-host.sh) opened in Debian's Chromium
// through playwright-core. Shared by scripts/run-integration.mjs, scripts/start.mjs and
// test/e2e/harness.ts; its types are in testHost.d.ts beside it.
//
// CommonJS on purpose: the .mjs scripts import it and the compiled (CommonJS) e2e tests require it.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const hostDir = process.env.PAPER_SHELF_TEST_HOST_DIR || path.join(repoRoot, '.test-host');
const codeServerEntry = path.join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.PAPER_SHELF_CHROMIUM || '/usr/bin/chromium';
const fixtureWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');
/** The extension's id, `<publisher>.<name>` from package.json. */
const { publisher, name } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${publisher}.${name}`;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings for test and e2e runs: a quiet, predictable workbench. */
const testSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

/** Runs scripts/setup-test-host.sh (quick when already done); throws when it fails. */
function ensureTestHost(purpose = 'test') {
  const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-test-host.sh'), '--for', purpose], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`setting up the test host failed (scripts/setup-test-host.sh exited ${result.status})`);
  }
}

/** A fresh temp folder, removed by the caller (or by `removeDir`). */
function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function removeDir(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Copies test/fixtures/workspace/ into a fresh temp folder so tests may write into it.
 * Returns the copy's path; remove it with removeWorkspaceCopy(path). `overlay`, a folder, is
 * copied over the temp folder afterwards: its `workspace/` adds to the workspace, and anything
 * beside that lands next to the workspace (outside it).
 */
function copyFixtureWorkspace(overlay) {
  const parent = makeTempDir('paper-shelf-ws-');
  const workspace = path.join(parent, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  if (overlay) fs.cpSync(overlay, parent, { recursive: true });
  return workspace;
}

function removeWorkspaceCopy(workspace) {
  if (workspace && path.basename(path.dirname(workspace)).startsWith('paper-shelf-ws-')) {
    removeDir(path.dirname(workspace));
  }
}

/**
 * Starts code-server on 127.0.0.1 in its own process group with throw-away user data,
 * extensions and XDG folders and no marketplace. Resolves once it listens. Workspace trust is
 * off (every folder trusted) unless `workspaceTrust: true`: then a folder opens in Restricted
 * Mode until someone trusts it.
 */
async function startCodeServer(options = {}) {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not set up in ${hostDir}: run bash scripts/setup-test-host.sh`);
  }
  const log = options.log || (() => {});
  const tempDir = makeTempDir('paper-shelf-host-');
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'config', 'data', 'cache', 'runtime']) {
    dirs[name] = path.join(tempDir, name);
    fs.mkdirSync(dirs[name], { recursive: true, mode: 0o700 });
  }
  if (options.settings) {
    const userDir = path.join(dirs['user-data'], 'User');
    fs.mkdirSync(userDir, { recursive: true });
    fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  const configFile = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const port = options.port ?? 0;
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    '--config',
    configFile,
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
  ];
  const child = spawn(process.execPath, args, {
    cwd: tempDir,
    detached: true, // its own process group, so stop() ends the extension host and watchers too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.env,
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      XDG_RUNTIME_DIR: dirs.runtime,
      VSCODE_CLI: undefined,
    },
  });

  let stopped = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child.pid, 'SIGTERM');
    let timer;
    const done = await Promise.race([
      exited.then(() => true),
      new Promise((resolve) => (timer = setTimeout(() => resolve(false), 5000))),
    ]);
    clearTimeout(timer);
    if (!done) killGroup(child.pid, 'SIGKILL');
    // Children of the group (extension host, file watcher) may outlive the leader briefly.
    await delay(200);
    killGroup(child.pid, 'SIGKILL');
    removeDir(tempDir);
  };

  const url = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(`[code-server] ${line}`);
      const match = /HTTP server listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    };
    const fail = (err) => {
      clearTimeout(timer);
      void stop().then(() => reject(err));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) =>
      fail(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  return { url, pid: child.pid, tempDir, userDataDir: dirs['user-data'], exited, stop };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resolves after `ms`. The timer keeps the process alive: cleanup must not be cut short. */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The workbench URL that opens `folder` with the given extension development/test payload. */
function workbenchUrl(serverUrl, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(serverUrl).host;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);
  const query = new URLSearchParams();
  // A URI (tmp:/..., a virtual folder) is passed as it is; a path names a folder on this machine.
  if (folder) query.set('folder', /^[a-z][a-z0-9+.-]*:\//i.test(folder) ? folder : path.resolve(folder));
  query.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${query.toString()}`;
}

/** Launches Debian's Chromium headless (or headed with `headless: false`) through playwright-core. */
async function launchChromium(options = {}) {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run bash scripts/setup-test-host.sh`);
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
  });
}

module.exports = {
  repoRoot,
  hostDir,
  chromiumPath,
  fixtureWorkspace,
  extensionId,
  testSettings,
  ensureTestHost,
  makeTempDir,
  removeDir,
  copyFixtureWorkspace,
  removeWorkspaceCopy,
  startCodeServer,
  workbenchUrl,
  launchChromium,
  delay,
};
