// The web suite's entry point: VS Code's web worker extension host calls run() when the workbench
// opens with extensionTestsPath pointing at its bundle (out/web-suite/index.js, built for the
// browser by scripts/build-web-tests.mjs). mocha's browser build runs the suites below, the
// host is named on the first line, and the run ends with `N passed, N failed`, which
// scripts/test-all.mjs reads. A run outside a web worker fails: the suite is about the worker.
import * as vscode from 'vscode';
import { runCounted, type RunnerLike } from '../support/countedRun';

type MochaGlobal = {
  setup(options: { ui: string; timeout: number; slow: number; reporter: string; color: boolean }): void;
  run(done: () => void): RunnerLike;
};

/** True in a dedicated web worker (the web worker extension host), false in Node. */
export function inWebWorker(): boolean {
  const scope = globalThis as { WorkerGlobalScope?: new () => unknown; process?: unknown };
  return (
    typeof scope.WorkerGlobalScope === 'function' &&
    globalThis instanceof scope.WorkerGlobalScope &&
    scope.process === undefined
  );
}

export async function run(): Promise<void> {
  // mocha's browser build puts `mocha`, `describe`, `it`... on the global object. Required here
  // (not imported) so it runs first; esbuild inlines it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('mocha/mocha');
  const mocha = (globalThis as unknown as { mocha: MochaGlobal }).mocha;
  mocha.setup({ ui: 'bdd', timeout: 60_000, slow: 5_000, reporter: 'spec', color: false });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  console.log(
    `[paper-shelf] extension host: ${inWebWorker() ? 'web worker' : 'NOT a web worker'} (${vscode.env.appName} ${vscode.version},` +
      ` uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'}, folder ${folder?.scheme ?? 'none'}:)`,
  );
  // The suites, after mocha.setup() gave them `describe` and `it`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./web.test');
  await runCounted((done) => mocha.run(done), 'web');
}
