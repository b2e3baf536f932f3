// Published versions in the editor: the Update Bibliography command and its diff preview.
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';
import { PREVIEW_SCHEME, PreviewDocuments, upgradeBibliography } from './upgradeBibliography';

export function registerPublished(services: Services): void {
  const previews = new PreviewDocuments();
  services.context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(Commands.upgradeBibliography, (arg?: unknown, options?: { keep?: string[] }) =>
      upgradeBibliography(services, previews, arg, options),
    ),
  );
}
