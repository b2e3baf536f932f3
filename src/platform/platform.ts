import type * as vscode from 'vscode';
import type { HttpTransport } from '../core/arxiv/arxivApi';
import type { OffThreadFiles } from '../collections/offThreadReader';

/**
 * What differs between the extension hosts Paper Shelf runs in: VS Code desktop and remote hosts
 * (Node: dist/extension.js) and VS Code for the Web (a browser worker: dist/web/extension.js, on
 * vscode.dev, github.dev and code-server's web worker host). Each entry point installs its port
 * once; every feature folder runs the same code over it.
 */
export interface Platform {
  /** 'desktop' for the Node hosts (desktop, Remote-SSH, WSL, code-server's Node host), 'web' for a browser worker. */
  readonly kind: 'desktop' | 'web';
  /** The user's home folder as an absolute path, where the host has one; undefined in a browser. */
  homePath(): string | undefined;
  /** The file an absolute path names, on the file system the extension host reads. */
  absoluteUri(path: string): vscode.Uri;
  /** How the arXiv client reaches `endpoint`; undefined: the host's own fetch as it is. */
  arxivTransport(endpoint: string): HttpTransport | undefined;
  /**
   * Where a file of the local disk (a `file:` URI) really is, its symbolic links (its own or a
   * linked folder on its path) followed; undefined when it is not there. Only hosts that can ask
   * their disk have it (the Node hosts); in a browser, links are seen through workspace.fs.stat.
   */
  readonly realFile?: (uri: vscode.Uri) => Promise<vscode.Uri | undefined>;
  /**
   * A worker thread that reads and parses large collection files off the extension host's thread
   * (the Node hosts: dist/collectionWorker.js); undefined where there are no worker threads, and
   * files are read on the host in slices.
   */
  readonly collectionWorker?: (extensionUri: vscode.Uri) => OffThreadFiles;
}

let installed: Platform | undefined;

/** Called once by the entry point (src/extension.ts, src/extension.web.ts) before anything else. */
export function installPlatform(platform: Platform): void {
  installed = platform;
}

export function platform(): Platform {
  if (!installed) throw new Error('Paper Shelf: no platform installed (the entry point installs it before activating)');
  return installed;
}
