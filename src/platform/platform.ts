import * as vscode from 'vscode';
import type { HttpTransport } from '../core/arxiv/arxivApi';

/**
 * What differs between the extension hosts Paper Shelf runs in: VS Code desktop and remote hosts
 * (Node: dist/extension.js) and VS Code for the Web (a browser worker: dist/web/extension.js, on
 * vscode.dev, github.dev and code-server's web worker host). Each entry point installs its port
 * once; every feature folder runs the same code over it.
 */
export interface Platform {
  /** 'desktop' for the Node hosts (desktop, Remote-SSH, WSL, code-server's Node host), 'web' for a browser worker. */
  readonly kind: 'desktop' | 'web';
  /** The user's home folder, where the extension host can read it; undefined in a browser. */
  homeUri(): vscode.Uri | undefined;
  /** The file an absolute path names, on the file system the extension host reads. */
  absoluteUri(path: string): vscode.Uri;
  /** How the arXiv client reaches `endpoint`; undefined: the host's own fetch as it is. */
  arxivTransport(endpoint: string): HttpTransport | undefined;
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

/**
 * A path a setting names, as a URI: `~` or `~/…` (the home folder, where the host has one),
 * absolute (`/…`, `C:\…`), a URI (`scheme://…`), or relative to `base` (usually the first
 * workspace folder). undefined when it cannot be resolved: a relative path without `base`, or
 * `~` in a browser.
 */
export function settingPathUri(value: string, base: vscode.Uri | undefined): vscode.Uri | undefined {
  const path = value.trim();
  if (!path) return undefined;
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) {
    const home = platform().homeUri();
    return (
      home &&
      vscode.Uri.joinPath(
        home,
        ...path
          .slice(1)
          .split(/[\\/]+/)
          .filter(Boolean),
      )
    );
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path);
  if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path)) return platform().absoluteUri(path);
  return base && vscode.Uri.joinPath(base, ...path.split(/[\\/]+/).filter(Boolean));
}

/** Why a `~` path cannot be used here, or undefined when it can. */
export function homeRefusal(value: string): string | undefined {
  const path = value.trim();
  if (!(path === '~' || path.startsWith('~/') || path.startsWith('~\\')) || platform().homeUri()) return undefined;
  return `"${path}" is in your home folder (~), which VS Code for the Web cannot reach: name a file inside the workspace instead`;
}
