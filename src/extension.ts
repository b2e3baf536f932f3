import type * as vscode from 'vscode';
import { activateWith } from './activate';
import type { PaperShelfApi } from './api';
import { nodePlatform } from './platform/nodePlatform';

// The entry point of the Node extension hosts (package.json `main`: desktop, remote, code-server).
export function activate(context: vscode.ExtensionContext): PaperShelfApi {
  return activateWith(context, nodePlatform);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
