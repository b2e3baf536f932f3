// Runs the built command-line tool (dist/cli.js) as a subprocess, the way make or a shell would.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startReplayServer, type ReplayServer } from './replayServer';

/** The repository root (this file runs from out/test/cli/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

export interface RunOptions {
  input?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** The tool's cache folder in these tests (one per test process), unless a test names its own. */
const CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-cli-cache-'));
process.on('exit', () => fs.rmSync(CACHE, { recursive: true, force: true }));

/** Runs `node dist/cli.js ...args` with stdout and stderr as pipes (so: plain text, no colour). */
export function cli(args: readonly string[], options: RunOptions = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const env: NodeJS.ProcessEnv = { ...process.env, PAPER_SHELF_CACHE_DIR: CACHE, ...options.env };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[name];
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? FIXTURES,
    input: options.input ?? '',
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The fixture shelf alone: three papers with pinned keys and explicit themes. */
export const FIXTURE_SHELF = ['--no-seeds', '--collection', 'shelf.papers.txt'];

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-cli-'));
}

/** Every file (relative path -> bytes) under `dir`, to prove nothing else was written. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** Like cli(), without blocking this process: for tests that serve HTTP to the tool from here. */
export function cliAsync(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? FIXTURES,
      env: { ...process.env, PAPER_SHELF_CACHE_DIR: CACHE, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status });
    });
  });
}

/**
 * For the `paper-shelf add` suites: registers, in the calling describe, a fresh folder and a local
 * arXiv stand-in per test (handed to `onEach`), removed after it (`beforeRemove` first); returns a
 * function running `paper-shelf add ARGS --api-url <the stand-in>` in that folder.
 */
export function addRunner(
  onEach: (server: ReplayServer, dir: string) => void,
  beforeRemove?: (dir: string) => void,
): (...args: string[]) => Promise<CliRun> {
  let server: ReplayServer;
  let dir: string;
  beforeEach(async () => {
    server = await startReplayServer({ lifetimeMs: 110_000 });
    dir = tempDir();
    onEach(server, dir);
  });
  afterEach(async () => {
    await server.close();
    beforeRemove?.(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return (...args) => cliAsync(['add', ...args, '--api-url', server.endpoint], { cwd: dir });
}
