// Runs the built command-line tool (dist/cli.js) as a subprocess, the way make or a shell would.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

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

/** Runs `node dist/cli.js ...args` with stdout and stderr as pipes (so: plain text, no colour). */
export function cli(args: readonly string[], options: RunOptions = {}): CliRun {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
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
