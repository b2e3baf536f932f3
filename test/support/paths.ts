// Where the repository is, for tests compiled to out/test/<stage>/... at any depth.
import * as path from 'node:path';

/** The repository's root folder (this file runs from out/test/support/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
