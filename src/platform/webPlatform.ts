import * as vscode from 'vscode';
import { browserTransport } from '../core/arxiv/browserTransport';
import type { Platform } from './platform';

/**
 * A browser worker: no home folder and no local disk. An absolute path names a file on the
 * workspace's own file system (the same scheme and authority as the first folder: vscode-remote,
 * vscode-vfs on github.dev, tmp, ...).
 */
export const webPlatform: Platform = {
  kind: 'web',
  homePath: () => undefined,
  absoluteUri: (path) => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const posix = path.replace(/\\/g, '/');
    return folder
      ? folder.with({ path: posix.startsWith('/') ? posix : `/${posix}`, query: '', fragment: '' })
      : vscode.Uri.file(path);
  },
  arxivTransport: (endpoint) => browserTransport(endpoint),
};
