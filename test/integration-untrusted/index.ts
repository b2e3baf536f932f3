// The Restricted Mode suite's entry point (scripts/run-integration.mjs --untrusted): the same
// mocha runner as test/integration/, over the *.test.js files of this folder, in an extension
// host whose workspace is not trusted.
import * as vscode from 'vscode';
import { runSuite } from '../integration/index';

export function run(): Promise<void> {
  return runSuite(__dirname, `, workspace trusted: ${vscode.workspace.isTrusted}`);
}
