#!/usr/bin/env node
// `npm test`: everything, in order, from a fresh clone.
//   setup        scripts/setup-test-host.sh (Chromium, ripgrep, TeX, code-server; seconds when done)
//   lint         ESLint (the core's purity rule among others) and Prettier's format check
//   build        the production bundle (dist/) and the compiled tests (out/)
//   unit         plain mocha over out/test/unit (the core, no VS Code)
//   cli          plain mocha over out/test/cli (the built dist/cli.js)
//   build        plain mocha over out/test/build (the bundle's layout, the packaged .vsix, the
//                test infrastructure itself)
//   integration  the suite in VS Code's real extension host (scripts/run-integration.mjs)
//   untrusted    test/integration-untrusted in the same host in Restricted Mode (--untrusted)
//   web          test/web, bundled for the browser, with the browser build in the web worker
//                extension host (--web): once on a folder, once on a virtual tmp: folder (--virtual)
//   e2e          Playwright over the real workbench (out/test/e2e, test/e2e/harness.ts)
// Prints a per-stage summary and ends with exactly one line `N passed, N failed` (totals).
// Exits non-zero when a step fails, a test fails, or a stage whose test files exist ran none.
//
//   node scripts/test-all.mjs [--only unit,cli,...]   (setup and build always run)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = path.join(root, 'scripts', 'lib', 'countingReporter.js');
const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-counts-'));
const onlyArg =
  process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
  (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',').map((s) => s.trim())) : undefined;

/** Runs a command with inherited stdio, or with stdout also captured when `capture` is set. */
function run(command, args, { capture = false, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (err) => {
      console.error(`[test] ${command}: ${err.message}`);
      resolve({ code: 1, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

const results = [];
function banner(title) {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
}

async function step(name, command, args) {
  banner(name);
  const started = Date.now();
  const { code } = await run(command, args);
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, kind: 'step', ok: code === 0, seconds, note: code === 0 ? '' : `exit ${code}` });
  return code === 0;
}

/** A plain-mocha stage over compiled test files; counts come from the counting reporter. */
async function mochaStage(name, sourceDir, compiledDir, { style = 'spec', timeout = 10_000 } = {}) {
  if (only && !only.has(name)) return;
  banner(`${name} tests`);
  const sources = findFiles(path.join(root, sourceDir), '.test.ts');
  const compiled = findFiles(path.join(root, compiledDir), '.test.js');
  if (sources.length === 0 && compiled.length === 0) {
    console.log(`(no test files under ${sourceDir})`);
    results.push({ name, kind: 'stage', ok: true, passed: 0, failed: 0, seconds: 0, note: 'no test files' });
    return;
  }
  const countsFile = path.join(countsDir, `${name}.json`);
  const started = Date.now();
  const { code } = await run(process.execPath, [
    mochaBin,
    '--reporter',
    reporter,
    '--reporter-option',
    `style=${style}`,
    '--reporter-option',
    `counts=${countsFile}`,
    '--timeout',
    String(timeout),
    '--recursive',
    `${compiledDir}/**/*.test.js`,
  ]);
  const seconds = (Date.now() - started) / 1000;
  const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : undefined;
  recordStage(name, code, counts, seconds, sources.length);
}

function recordStage(name, code, counts, seconds, fileCount) {
  const passed = counts?.passed ?? 0;
  const failed = counts?.failed ?? 0;
  let note = '';
  let ok = code === 0 && failed === 0;
  if (!counts) {
    ok = false;
    note = `exit ${code}, no counts (the run broke before its end)`;
  } else if (passed + failed === 0 && fileCount > 0) {
    ok = false;
    note = `${fileCount} test files but no test ran`;
  } else if (code !== 0 && failed === 0) {
    note = `exit ${code}`;
  }
  results.push({ name, kind: 'stage', ok, passed, failed: counts ? failed : Math.max(failed, 1), seconds, note });
}

async function integrationStage(
  name = 'integration',
  dir = 'integration',
  extraArgs = [],
  title = 'real VS Code extension host',
) {
  if (only && !only.has(name)) return;
  banner(`${name} tests (${title})`);
  const files = findFiles(path.join(root, 'test', dir), '.test.ts');
  const started = Date.now();
  const { code, output } = await run(
    process.execPath,
    [path.join(root, 'scripts', 'run-integration.mjs'), '--no-build', '--no-setup', ...extraArgs],
    { capture: true },
  );
  const seconds = (Date.now() - started) / 1000;
  // The suite's closing line, printed by test/integration/index.ts.
  const closing = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  const counts = closing ? { passed: Number(closing[1]), failed: Number(closing[2]) } : undefined;
  recordStage(name, code, counts, seconds, files.length);
  if (name !== 'integration') return;
  const hostLine = /\[paper-shelf\] extension host: (.*)$/m.exec(output);
  const activation = /\[paper-shelf\] activation: ([\d.]+ ms)/m.exec(output);
  if (hostLine) facts.push(`extension host: ${hostLine[1]}`);
  if (activation) facts.push(`activation: ${activation[1]} (activate() entry to return, in the real host)`);
}

/** The web suite, twice (a folder, then a virtual tmp: folder); one stage with the counts of both runs. */
async function webStage() {
  const name = 'web';
  if (only && !only.has(name)) return;
  const files = findFiles(path.join(root, 'test', 'web'), '.test.ts');
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  let code = 0;
  let counted = 0;
  for (const [label, extra] of [
    ['a folder', []],
    ['a virtual tmp: folder', ['--virtual']],
  ]) {
    banner(`web tests (browser build in the web worker extension host, on ${label})`);
    const outcome = await run(
      process.execPath,
      [path.join(root, 'scripts', 'run-integration.mjs'), '--no-build', '--no-setup', '--web', ...extra],
      { capture: true },
    );
    const closing = [...outcome.output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    if (closing) {
      counted++;
      passed += Number(closing[1]);
      failed += Number(closing[2]);
    }
    if (outcome.code !== 0) code = outcome.code;
    const hostLine = /\[paper-shelf\] extension host: (.*)$/m.exec(outcome.output);
    if (hostLine) facts.push(`web extension host (${label}): ${hostLine[1]}`);
  }
  const seconds = (Date.now() - started) / 1000;
  // Both runs must have ended with their count line.
  recordStage(name, code, counted === 2 ? { passed, failed } : undefined, seconds, files.length);
}

const facts = [];
const started = Date.now();
let prepared = await step('setup', 'bash', [path.join(root, 'scripts', 'setup-test-host.sh')]);
prepared = prepared && (await step('lint', 'npm', ['run', '--silent', 'lint']));
prepared = prepared && (await step('build', 'npm', ['run', '--silent', 'build']));
prepared = prepared && (await step('compile tests', 'npm', ['run', '--silent', 'compile-tests']));
if (prepared) {
  await mochaStage('unit', 'test/unit', 'out/test/unit', { style: 'dot' });
  await mochaStage('cli', 'test/cli', 'out/test/cli', { timeout: 60_000 });
  await mochaStage('build', 'test/build', 'out/test/build', { timeout: 180_000 });
  await integrationStage();
  await integrationStage(
    'untrusted',
    'integration-untrusted',
    ['--untrusted'],
    'Restricted Mode: the real host, workspace not trusted',
  );
  await webStage();
  await mochaStage('e2e', 'test/e2e', 'out/test/e2e', { timeout: 180_000 });
}
fs.rmSync(countsDir, { recursive: true, force: true });

banner('summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  const status = r.ok ? 'ok  ' : 'FAIL';
  const counts =
    r.kind === 'stage'
      ? `${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed`
      : ' '.repeat(22);
  console.log(
    `${status} ${r.name.padEnd(14)} ${counts} ${r.seconds.toFixed(1).padStart(7)} s${r.note ? `  (${r.note})` : ''}`,
  );
  if (r.kind === 'stage') {
    passed += r.passed;
    failed += r.failed;
  }
}
for (const fact of facts) console.log(fact);
const allOk = prepared && results.every((r) => r.ok);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s${allOk ? '' : ' - FAILED'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = allOk ? 0 : 1;
