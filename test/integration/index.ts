// The integration suite's entry point: VS Code's extension host calls run() when the workbench
// opens with extensionTestsPath pointing at this file (compiled to out/test/integration/index.js).
// It runs every *.test.js below this folder with mocha (bdd), prints which host it runs in, and
// ends with the line `N passed, N failed` that scripts/test-all.mjs reads.
//
// PAPER_SHELF_TEST_GREP (a regular expression) runs only the tests whose full title matches.
// test/integration-untrusted/index.ts runs its own folder through runSuite() too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { runCounted } from '../support/countedRun';
import { installPlatform } from '../../src/platform/platform';
import { nodePlatform } from '../../src/platform/nodePlatform';

export function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs every *.test.js below `dir` in this extension host; rejects when one fails or none ran. */
export async function runSuite(dir: string, note = ''): Promise<void> {
  // Tests that call src/ modules directly use the suite's own compiled copies (out/src), not the
  // bundle's: they run on the Node host's platform port, as dist/extension.js does.
  installPlatform(nodePlatform);
  const grep = process.env.PAPER_SHELF_TEST_GREP?.trim();
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    // Generous: the host shares two cores with the workbench and the browser.
    timeout: 30_000,
    slow: 2_000,
    ...(grep ? { grep: new RegExp(grep) } : {}),
  });
  const files = findTestFiles(dir);
  for (const file of files) mocha.addFile(file);

  console.log(
    `[paper-shelf] extension host: ${vscode.env.appName} ${vscode.version}` +
      ` (uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'}, node ${process.version})${note}`,
  );
  console.log(`[paper-shelf] ${files.length} test files${grep ? `, grep /${grep}/` : ''}`);

  await mocha.loadFilesAsync();
  await runCounted(
    (done) => mocha.run(done),
    'integration',
    grep ? `no integration test matches /${grep}/` : 'no integration tests ran',
  );
}
