// Every `paperShelf.*` setting of package.json, read in one place, typed, with its default and
// the checks a hand-edited settings.json needs (a wrong type falls back to the default).
import * as vscode from 'vscode';
import { DEFAULT_ARXIV_ENDPOINT } from '../core/arxiv/arxivApi';
import { DEFAULT_MAX_COLLECTION_MB } from '../core/collection/collectionInput';
import { LINK_TARGETS, type LinkTarget } from '../core/present/documentLinks';
import { ENTRY_FORMS, type EntryForm } from '../core/bibtex/bibtex';
import { DEFAULT_CROSSREF_ENDPOINT } from '../core/published/crossref';

/** The name of each setting, without the `paperShelf.` section. */
export const SETTINGS = {
  hoverEnabled: 'hover.enabled',
  documentLinksEnabled: 'documentLinks.enabled',
  documentLinksTarget: 'documentLinks.target',
  taxonomyFile: 'taxonomyFile',
  citeCommand: 'citeCommand',
  linkTarget: 'linkTarget',
  bibliographyFile: 'bibliographyFile',
  citeKeyPattern: 'citeKeyPattern',
  collectionFiles: 'collectionFiles',
  shelfFile: 'shelfFile',
  showShippedPapers: 'showShippedPapers',
  arxivApiUrl: 'arxivApiUrl',
  maxCollectionFileMB: 'maxCollectionFileMB',
  bibtexEntryForm: 'bibtex.entryForm',
  bibtexPreferPublished: 'bibtex.preferPublished',
  crossrefApiUrl: 'crossrefApiUrl',
  crossrefMailto: 'crossrefMailto',
} as const;

export type SettingName = (typeof SETTINGS)[keyof typeof SETTINGS];

const SECTION = 'paperShelf';
const DEFAULT_SHELF_FILE = 'shelf.papers.txt';
const DEFAULT_COLLECTION_GLOBS: readonly string[] = ['**/*.papers.txt', '**/.papershelf/*.txt'];
const DEFAULT_CITE_COMMAND = 'cite';
export type InsertedLinkTarget = 'abs' | 'pdf' | 'doi';
const INSERTED_LINK_TARGETS: readonly InsertedLinkTarget[] = ['abs', 'pdf', 'doi'];

function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

function read<T>(name: SettingName, valid: (v: unknown) => v is T, fallback: T, scope?: vscode.ConfigurationScope): T {
  const value = config(scope).get<unknown>(name);
  return valid(value) ? value : fallback;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as readonly string[]).includes(v);

/** True when the change touches any of the named settings (for `scope` when given). */
export function affects(
  event: vscode.ConfigurationChangeEvent,
  names: readonly SettingName[],
  scope?: vscode.ConfigurationScope,
): boolean {
  return names.some((name) => event.affectsConfiguration(`${SECTION}.${name}`, scope));
}

/** The typed settings, each read when asked (settings change while the extension runs). */
export const settings = {
  hoverEnabled: (scope?: vscode.ConfigurationScope): boolean => read(SETTINGS.hoverEnabled, isBoolean, true, scope),

  documentLinksEnabled: (scope?: vscode.ConfigurationScope): boolean =>
    read(SETTINGS.documentLinksEnabled, isBoolean, true, scope),

  documentLinksTarget: (scope?: vscode.ConfigurationScope): LinkTarget =>
    read(SETTINGS.documentLinksTarget, oneOf(LINK_TARGETS), 'abs', scope),

  /** The raw path (see settingPaths.ts for what it names). */
  taxonomyFile: (): string => read(SETTINGS.taxonomyFile, isString, '').trim(),

  citeCommand: (scope?: vscode.ConfigurationScope): string =>
    read(SETTINGS.citeCommand, isString, DEFAULT_CITE_COMMAND, scope).trim() || DEFAULT_CITE_COMMAND,

  linkTarget: (scope?: vscode.ConfigurationScope): InsertedLinkTarget =>
    read(SETTINGS.linkTarget, oneOf(INSERTED_LINK_TARGETS), 'abs', scope),

  /** The raw path (see settingPaths.ts); '' when none is set. */
  bibliographyFile: (scope?: vscode.ConfigurationScope): string =>
    read(SETTINGS.bibliographyFile, isString, '', scope).trim(),

  /** The cite key pattern, or undefined for the default one. */
  citeKeyPattern: (): string | undefined => read(SETTINGS.citeKeyPattern, isString, '').trim() || undefined,

  /** The glob patterns (blank and non-string entries dropped; a single string is one pattern). */
  collectionFiles: (): string[] => {
    const value = config().get<unknown>(SETTINGS.collectionFiles);
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : DEFAULT_COLLECTION_GLOBS;
    return list.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim());
  },

  /** The raw path (see settingPaths.ts); the default file name when empty. */
  shelfFile: (): string => read(SETTINGS.shelfFile, isString, DEFAULT_SHELF_FILE).trim() || DEFAULT_SHELF_FILE,

  showShippedPapers: (): boolean => read(SETTINGS.showShippedPapers, isBoolean, true),

  /** Only the user's own value counts: a workspace cannot redirect the extension's requests. */
  arxivApiUrl: (): string => {
    const value = config().inspect<unknown>(SETTINGS.arxivApiUrl)?.globalValue;
    return (typeof value === 'string' && value.trim()) || DEFAULT_ARXIV_ENDPOINT;
  },

  bibtexEntryForm: (scope?: vscode.ConfigurationScope): EntryForm =>
    read(SETTINGS.bibtexEntryForm, oneOf(ENTRY_FORMS), 'portable', scope),

  bibtexPreferPublished: (scope?: vscode.ConfigurationScope): boolean =>
    read(SETTINGS.bibtexPreferPublished, isBoolean, true, scope),

  /** Only the user's own value counts, as for arxivApiUrl. */
  crossrefApiUrl: (): string => {
    const value = config().inspect<unknown>(SETTINGS.crossrefApiUrl)?.globalValue;
    return (typeof value === 'string' && value.trim()) || DEFAULT_CROSSREF_ENDPOINT;
  },

  /** The user's own contact address for Crossref's polite pool ('' when none). */
  crossrefMailto: (): string => {
    const value = config().inspect<unknown>(SETTINGS.crossrefMailto)?.globalValue;
    return typeof value === 'string' ? value.trim() : '';
  },

  maxCollectionFileMB: (): number => {
    const value = config().get<unknown>(SETTINGS.maxCollectionFileMB);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_COLLECTION_MB;
  },
};
