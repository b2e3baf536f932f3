import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paper, ShelfEntry } from '../../src/core/types';

// TEMPORARY reader of seeds/papers.txt for the search tests, until src/core/collection.ts's
// parseCollection lands; then this builds entries through parseCollection instead.
export function seedEntries(): ShelfEntry[] {
  const file = path.join(__dirname, '..', '..', '..', 'seeds', 'papers.txt');
  const text = fs.readFileSync(file, 'utf8');
  const out: ShelfEntry[] = [];
  for (const block of text.split(/^---\s*$/m)) {
    const fields: Record<string, string> = {};
    let current = '';
    for (const line of block.split('\n')) {
      const m = /^(Title|PDF|Summary):\s?(.*)$/.exec(line);
      if (m) {
        current = m[1];
        fields[current] = m[2];
      } else if (current && line.trim()) fields[current] += ' ' + line.trim();
    }
    if (!fields.Title || !fields.PDF) continue;
    const id = /pdf\/(.+?)(v\d+)?$/.exec(fields.PDF.trim())![1];
    const title = fields.Title.replace(/\s+/g, ' ').trim();
    const paper: Paper = {
      id,
      title,
      summary: (fields.Summary ?? '').split(/ {3}/).map((p) => p.replace(/\s+/g, ' ').trim()).join('\n\n'),
      pdfUrl: fields.PDF.trim(),
      authors: [],
      categories: [],
      tags: [],
      extra: {},
      source: { file, line: 1, column: 1 },
    };
    const key = `${title.split(/\W+/).filter(Boolean)[0].toLowerCase()}${id.slice(0, 2)}`;
    const theme = /reinforcement|\bRL\b/i.test(title) ? 'Reinforcement Learning' : /agent/i.test(title) ? 'Agents' : 'Other';
    out.push({ paper, key: out.some((e) => e.key === key) ? `${key}${out.length}` : key, theme, month: `20${id.slice(0, 2)}-${id.slice(2, 4)}`, sourceId: 'seeds', starred: false });
  }
  return out;
}
