import * as vscode from 'vscode';
import { globToRegExp } from '../core/text/glob';
import type { Log } from '../log/log';

/** How long file search may take before the workspace is walked instead. */
const SEARCH_TIMEOUT_MS = { local: 10_000, virtual: 2_000 };
/** Limits of a walk: folders read, depth, folders read at once. */
const WALK = { maxFolders: 1_000, maxDepth: 10, parallel: 4 };
/** Folders a walk never enters (file search skips them too, through files.exclude and .gitignore). */
const SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Schemes whose file search answers (ripgrep on the extension host's machine). */
const SEARCHABLE = new Set(['file', 'vscode-remote']);

/** Schemes where file search did not answer once: they are walked from then on, without waiting. */
const unanswered = new Set<string>();

export interface FoundFiles {
  uris: vscode.Uri[];
  /** 'search' when file search answered, 'walk' when the folders were read one by one. */
  how: 'search' | 'walk';
  /** True when a limit stopped the walk (or the search) before it saw everything. */
  truncated: boolean;
}

/**
 * workspace.findFiles where it answers, and where it does not (a virtual folder such as tmp: or
 * github.dev's, where file search may never answer), a walk of the workspace folders through
 * workspace.fs.readDirectory, bounded in folders and depth. Never waits longer than the search
 * timeout for file search.
 */
export async function findWorkspaceFiles(
  include: string,
  exclude: string,
  maxResults: number,
  log: Log,
): Promise<FoundFiles> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) return { uris: [], how: 'search', truncated: false };
  const schemes = folders.map((f) => f.uri.scheme);
  if (!schemes.some((s) => unanswered.has(s))) {
    const local = schemes.every((s) => SEARCHABLE.has(s));
    const searched = await searchWithin(
      include,
      exclude,
      maxResults,
      local ? SEARCH_TIMEOUT_MS.local : SEARCH_TIMEOUT_MS.virtual,
      log,
    );
    if (searched) return { uris: searched, how: 'search', truncated: searched.length >= maxResults };
    for (const s of schemes) if (!SEARCHABLE.has(s)) unanswered.add(s);
  }
  return walk(folders, include, exclude, maxResults, log);
}

/** findFiles, or undefined when it failed or did not answer in time (the search is then cancelled). */
async function searchWithin(
  include: string,
  exclude: string,
  maxResults: number,
  timeoutMs: number,
  log: Log,
): Promise<vscode.Uri[] | undefined> {
  const cancel = new vscode.CancellationTokenSource();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    const search = Promise.resolve(vscode.workspace.findFiles(include, exclude, maxResults, cancel.token)).catch(
      (err: unknown) => {
        log.warn(`File search for ${include} failed; reading the folders instead`, err);
        return undefined;
      },
    );
    const found = await Promise.race([search, timedOut]);
    if (!found)
      log.warn(`File search for ${include} did not answer within ${timeoutMs} ms; reading the folders instead.`);
    return found;
  } finally {
    clearTimeout(timer);
    cancel.cancel();
    cancel.dispose();
  }
}

async function walk(
  folders: readonly vscode.WorkspaceFolder[],
  include: string,
  exclude: string,
  maxResults: number,
  log: Log,
): Promise<FoundFiles> {
  const included = globToRegExp(include);
  const excluded = exclude ? globToRegExp(exclude) : undefined;
  const found: vscode.Uri[] = [];
  let read = 0;
  let truncated = false;
  // Breadth first, so a limit leaves out the deepest folders, not a whole side of the tree.
  let level: { uri: vscode.Uri; rel: string }[] = folders.map((f) => ({ uri: f.uri, rel: '' }));
  for (let depth = 0; level.length && found.length < maxResults; depth++) {
    if (depth > WALK.maxDepth) {
      truncated = true;
      break;
    }
    const next: { uri: vscode.Uri; rel: string }[] = [];
    for (let i = 0; i < level.length && found.length < maxResults; i += WALK.parallel) {
      const batch = level.slice(i, i + WALK.parallel);
      if (read + batch.length > WALK.maxFolders) {
        truncated = true;
        break;
      }
      read += batch.length;
      const listings = await Promise.all(
        batch.map((dir) => Promise.resolve(vscode.workspace.fs.readDirectory(dir.uri)).catch(() => [])),
      );
      listings.forEach((entries, n) => {
        const dir = batch[n]!;
        for (const [name, type] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const rel = dir.rel ? `${dir.rel}/${name}` : name;
          if (excluded?.test(rel)) continue;
          // Symbolic links to folders are not followed: they may loop.
          if (type === vscode.FileType.Directory) {
            if (!SKIPPED.has(name)) next.push({ uri: vscode.Uri.joinPath(dir.uri, name), rel });
          } else if (type & vscode.FileType.File && included.test(rel) && found.length < maxResults) {
            found.push(vscode.Uri.joinPath(dir.uri, name));
          }
        }
      });
    }
    if (truncated) break;
    level = next;
  }
  if (found.length >= maxResults) truncated = true;
  if (truncated)
    log.warn(
      `Reading the workspace folders for ${include} stopped at a limit (${read} folders, ${found.length} files): some files may be missing.`,
    );
  else log.info(`Read ${read} workspace folders for ${include}: ${found.length} files.`);
  return { uris: found, how: 'walk', truncated };
}
