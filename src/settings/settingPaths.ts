// Where a path setting points, by the core's one rule (core/settings/settingPath.ts): absolute,
// `~/…` (the home folder, where the host has one: not in a browser), `${workspaceFolder}/…`, or
// relative to the workspace folder. Absolute paths name files on the host's own file system.
import * as vscode from 'vscode';
import { parseSettingPath } from '../core/settings/settingPath';
import { settings } from './settings';
import { platform } from '../platform/platform';

/** A path setting's target, or why it has none (`problem` for the user; neither: the setting is empty). */
export interface SettingTarget {
  uri?: vscode.Uri;
  problem?: string;
}

/**
 * Resolves a path setting's value. Relative paths and `${workspaceFolder}` are taken from
 * `folder` (the workspace folder the setting applies to); without one they name nothing.
 */
function resolveSettingPath(value: string, folder: vscode.Uri | undefined): SettingTarget {
  const parsed = parseSettingPath(value, { home: platform().homePath() });
  switch (parsed.kind) {
    case 'none':
      return {};
    case 'absolute':
      return { uri: platform().absoluteUri(parsed.path) };
    case 'uri':
      try {
        return { uri: vscode.Uri.parse(parsed.uri, true) };
      } catch {
        return { problem: `"${value.trim()}" is not a valid URI` };
      }
    case 'workspace':
      if (!folder) return { problem: `"${value.trim()}" is relative to the workspace folder, but no folder is open` };
      return { uri: vscode.Uri.joinPath(folder, ...parsed.segments) };
    case 'unresolved':
      return { problem: parsed.reason };
  }
}

/** The first workspace folder: the base of the window-wide path settings. */
function firstWorkspaceFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** paperShelf.shelfFile: where added and imported papers go; undefined when it names nothing usable. */
export function shelfFileUri(): vscode.Uri | undefined {
  return resolveSettingPath(settings.shelfFile(), firstWorkspaceFolder()).uri;
}

/** paperShelf.taxonomyFile: the user's taxonomy, or (empty setting) none. */
export function taxonomyFileTarget(): SettingTarget {
  return resolveSettingPath(settings.taxonomyFile(), firstWorkspaceFolder());
}

/**
 * paperShelf.bibliographyFile for a document: relative to the document's workspace folder (the
 * first one for an untitled document); a document outside any folder uses its own folder.
 */
export function bibliographyFileTarget(document: vscode.TextDocument): SettingTarget {
  const folder =
    vscode.workspace.getWorkspaceFolder(document.uri)?.uri ??
    firstWorkspaceFolder() ??
    (document.uri.scheme === 'untitled' ? undefined : vscode.Uri.joinPath(document.uri, '..'));
  return resolveSettingPath(settings.bibliographyFile(document.uri), folder);
}
