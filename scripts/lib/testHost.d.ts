// Types for testHost.js (CommonJS, shared by the .mjs scripts and the compiled e2e tests).
import type { Browser } from 'playwright-core';

export interface CodeServer {
  /** e.g. http://127.0.0.1:41379 (no trailing slash). */
  readonly url: string;
  readonly pid: number;
  readonly tempDir: string;
  readonly userDataDir: string;
  /** Settles when the server process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the server's whole process group and removes its temp folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string | undefined>;
  /** User settings written to the throw-away user-data folder. */
  settings?: Record<string, unknown>;
  log?: (line: string) => void;
  /** Keep VS Code's workspace trust on (no --disable-workspace-trust): folders open untrusted. */
  workspaceTrust?: boolean;
}

export interface WorkbenchUrlOptions {
  folder?: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
}

export const repoRoot: string;
export const hostDir: string;
export const chromiumPath: string;
export const fixtureWorkspace: string;
/** The extension's id, `<publisher>.<name>` from package.json. */
export const extensionId: string;
export const testSettings: Record<string, unknown>;
export function ensureTestHost(): void;
export function makeTempDir(prefix: string): string;
export function removeDir(dir: string | undefined): void;
export function copyFixtureWorkspace(overlay?: string): string;
export function removeWorkspaceCopy(workspace: string | undefined): void;
export function startCodeServer(options?: StartOptions): Promise<CodeServer>;
export function workbenchUrl(serverUrl: string, options: WorkbenchUrlOptions): string;
export function launchChromium(options?: { headless?: boolean }): Promise<Browser>;
export function delay(ms: number): Promise<void>;
