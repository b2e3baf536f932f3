import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildShelf } from '../../src/core/shelf/shelfFactory';
import type { ShelfEntry } from '../../src/core/model/types';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The shipped 50 papers as the extension shelves them: parsed, themed and keyed. */
export function seedEntries(): ShelfEntry[] {
  const read = (name: string) => ({
    file: `seeds/${name}`,
    text: fs.readFileSync(path.join(ROOT, 'seeds', name), 'utf8'),
  });
  const { shelf } = buildShelf({ seeds: read('papers.txt'), taxonomy: read('themes.json') });
  return [...shelf.entries()];
}
