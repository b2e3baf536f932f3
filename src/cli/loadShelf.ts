// Reads the shipped seeds, the taxonomy and the user's --collection files from disk and hands
// the texts to the core's shelf factory: the same shelf the extension builds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { cacheDir, readCached, writeCached } from './cache';
import { MODEL_VERSION } from '../core/themes/themeModel';
import { decodeCollection } from '../core/collection/collectionInput';
import { buildShelf, type BuiltShelf, type CollectionText } from '../core/shelf/shelfFactory';
import type { Problem } from '../core/model/types';
import { describeFileError } from '../core/runtime/safeReplace';

/** The extension's install folder: dist/cli.js sits in dist/, the seeds in seeds/ beside it. */
export const PACKAGE_ROOT = path.join(__dirname, '..');
export const SEEDS_FILE = path.join(PACKAGE_ROOT, 'seeds', 'papers.txt');
export const TAXONOMY_FILE = path.join(PACKAGE_ROOT, 'seeds', 'themes.json');

export interface ShelfRequest {
  seeds: boolean;
  collections: readonly string[];
  keyPattern?: string;
  /** A taxonomy replacing the shipped one. */
  taxonomyFile?: string;
}

export interface LoadedShelf extends BuiltShelf {
  /** Problems of the user's own collection files (not of the shipped data). */
  userProblems: Problem[];
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${describeFileError(err)}`);
  }
}

function readBytes(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${describeFileError(err)}`);
  }
}

export function loadShelf(request: ShelfRequest): LoadedShelf {
  const inputProblems: Problem[] = [];
  const collections: CollectionText[] = request.collections.map((file) => {
    const decoded = decodeCollection(readBytes(file), file);
    inputProblems.push(...decoded.problems);
    return { file, text: decoded.text ?? '' };
  });
  const seeds = request.seeds ? { file: 'seeds/papers.txt', text: readTextFile(SEEDS_FILE) } : undefined;
  let taxonomy: { file: string; text: string } | undefined;
  if (request.taxonomyFile) {
    taxonomy = { file: request.taxonomyFile, text: readTextFile(request.taxonomyFile) };
  } else {
    try {
      taxonomy = { file: 'seeds/themes.json', text: fs.readFileSync(TAXONOMY_FILE, 'utf8') };
    } catch {
      // Without a taxonomy every paper lands in the fallback theme, as in the extension.
    }
  }
  // Themes are discovered from the papers unless a taxonomy file fixes them (as in the extension);
  // what a discovery found is cached under a hash of everything it read, so the next command on
  // the same files files every paper alike without discovering again.
  const discover = !request.taxonomyFile;
  const themesDir = cacheDir('themes');
  const themesFile = discover ? `${themesKey(seeds, taxonomy, collections)}.json` : undefined;
  const saved = themesFile ? readCached(themesDir, themesFile) : undefined;
  const built = buildShelf({
    seeds,
    taxonomy,
    collections,
    keyPattern: request.keyPattern,
    discover,
    savedThemes: saved === undefined ? undefined : parseJson(saved),
  });
  const model = built.themes.model;
  if (themesFile && built.discovered && model) writeCached(themesDir, themesFile, JSON.stringify(model.toJSON()));
  if (request.taxonomyFile && !built.classifier) {
    const first = built.problems.find((p) => p.location.file === request.taxonomyFile && p.severity === 'error');
    const where = first
      ? `${first.location.file}:${first.location.line}:${first.location.column}: ${first.message}`
      : request.taxonomyFile;
    throw new CliError(`the taxonomy cannot be used: ${where}`);
  }
  const userFiles = new Set(request.collections);
  return {
    ...built,
    problems: [...inputProblems, ...built.problems],
    userProblems: [...inputProblems, ...built.problems.filter((p) => userFiles.has(p.location.file))],
  };
}

/** What discovery depends on: this build of the tool, the seeds, the taxonomy and each collection (name and text), in order. */
function themesKey(
  seeds: CollectionText | undefined,
  taxonomy: { file: string; text: string } | undefined,
  collections: readonly CollectionText[],
): string {
  const hash = createHash('sha256');
  let build = '';
  try {
    const stat = fs.statSync(__filename);
    build = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // Bundled elsewhere: the model's own version still guards its format.
  }
  const part = (s: string) => hash.update(`${s.length}:`).update(s);
  part(`themes v${MODEL_VERSION} ${build}`);
  for (const text of [seeds?.text ?? '', taxonomy?.text ?? '']) part(text);
  for (const c of collections) {
    part(c.file);
    part(c.text);
  }
  return hash.digest('hex').slice(0, 40);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
