// The one rule for every path setting (paperShelf.shelfFile, taxonomyFile, bibliographyFile):
//   - empty (or only spaces): no path; the setting's default applies;
//   - `${workspaceFolder}` or `${workspaceFolder}/…`: inside the workspace folder;
//   - `~`, `~/…`, `${userHome}` or `${userHome}/…`: inside the home folder;
//   - an absolute path (`/…`, `C:\…`, `\\server\share\…`): that file;
//   - a URI with a scheme (`file:///…`, `vscode-vfs://…`): that resource;
//   - anything else: relative to the workspace folder.
// Pure: the caller passes the home folder (the extension: this machine's; a browser build may pass
// none, and then `~` is refused with a reason instead of guessed).

/** Where a path setting points, before it meets a workspace folder. */
export type SettingPath =
  | { kind: 'none' }
  /** An absolute file-system path, with forward slashes (`C:/x/y`, `/home/a/x`). */
  | { kind: 'absolute'; path: string }
  /** Path segments below the workspace folder ('..' kept: the caller's join resolves it). */
  | { kind: 'workspace'; segments: string[] }
  /** A URI written out in full. */
  | { kind: 'uri'; uri: string }
  /** The value names something this host cannot resolve; `reason` says what, for the user. */
  | { kind: 'unresolved'; reason: string };

export interface SettingPathContext {
  /** The home folder as an absolute path, or undefined where there is none (a browser). */
  home?: string;
}

const WORKSPACE_VARIABLE = '${workspaceFolder}';
const HOME_VARIABLE = '${userHome}';
/** A URI scheme of two letters or more (one letter is a Windows drive), followed by `:/`. */
const URI = /^[a-z][a-z0-9+.-]+:\//i;
const ABSOLUTE = /^(\/|[a-z]:[\\/]|\\\\)/i;

/** Reads a path setting's value by the one rule above. */
export function parseSettingPath(value: string, context: SettingPathContext = {}): SettingPath {
  const text = value.trim();
  if (!text) return { kind: 'none' };
  const workspaceRest = afterPrefix(text, WORKSPACE_VARIABLE);
  if (workspaceRest !== undefined) return { kind: 'workspace', segments: segmentsOf(workspaceRest) };
  const homeRest = afterPrefix(text, '~') ?? afterPrefix(text, HOME_VARIABLE);
  if (homeRest !== undefined) {
    if (context.home === undefined || !ABSOLUTE.test(context.home))
      return { kind: 'unresolved', reason: `"${text}" names the home folder, which this editor has none of` };
    return { kind: 'absolute', path: joinPath(context.home, segmentsOf(homeRest)) };
  }
  if (text.includes('${'))
    return {
      kind: 'unresolved',
      reason: `"${text}" uses a variable other than \${workspaceFolder} and \${userHome}, or one not at its start`,
    };
  if (URI.test(text)) return { kind: 'uri', uri: text };
  if (ABSOLUTE.test(text)) return { kind: 'absolute', path: slashes(text) };
  return { kind: 'workspace', segments: segmentsOf(text) };
}

/** The rest of `text` after `prefix` when `prefix` stands alone or before a separator. */
function afterPrefix(text: string, prefix: string): string | undefined {
  if (text === prefix) return '';
  if (text.startsWith(prefix) && (text[prefix.length] === '/' || text[prefix.length] === '\\'))
    return text.slice(prefix.length + 1);
  return undefined;
}

function segmentsOf(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}

function slashes(path: string): string {
  // `\\server\share` keeps its two leading slashes.
  return path.replace(/\\/g, '/');
}

function joinPath(base: string, segments: readonly string[]): string {
  const root = slashes(base).replace(/\/+$/, '');
  return segments.length ? `${root}/${segments.join('/')}` : root || '/';
}
