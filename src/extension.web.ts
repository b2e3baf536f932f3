import type * as vscode from 'vscode';
import { activateWith } from './activate';
import type { PaperShelfApi } from './api';
import { webPlatform } from './platform/webPlatform';

// The entry point of VS Code for the Web (package.json `browser`: vscode.dev, github.dev, a web
// worker extension host). Bundled for the browser with the core inlined; requires only `vscode`.
export function activate(context: vscode.ExtensionContext): PaperShelfApi {
  return activateWith(context, webPlatform);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
