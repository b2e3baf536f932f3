import * as vscode from 'vscode';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import type { Platform } from './platform';
import { OffThreadReader } from '../collections/offThreadReader';

/** The Node extension hosts: desktop, Remote-SSH/WSL/containers and code-server's Node host. */
export const nodePlatform: Platform = {
  kind: 'desktop',
  homePath: () => os.homedir(),
  absoluteUri: (path) => vscode.Uri.file(path),
  arxivTransport: () => undefined,
  realFile: (uri) => fs.realpath(uri.fsPath).then(vscode.Uri.file, () => undefined),
  collectionWorker: (extensionUri) =>
    new OffThreadReader(vscode.Uri.joinPath(extensionUri, 'dist', 'collectionWorker.js').fsPath),
};
