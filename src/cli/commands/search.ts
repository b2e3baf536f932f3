// paper-shelf search: the extension's full-text index, queried from the shell.
import type { Command } from '../command';
import { JSON_OPTION, optionValue } from '../command';
import { UsageError } from '../args';
import { clean, displayTitle, json, table } from '../output';
import { ShelfSearch } from '../../core/search/search';

export const DEFAULT_LIMIT = 20;

/** Scores are shown to two decimals; ranking uses the full value. */
function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search titles, summaries, authors, ids, keys, themes and tags, best match first.',
  usage: ['search QUERY... [--limit N] [--json]'],
  description: [
    "Uses the same index as the extension's search (title boosted, prefix and typo tolerant).",
    'Several words form one query. Prints "SCORE  ID  KEY  TITLE" per match, best first.',
    'JSON: {"results":[{"id":"...","key":"...","title":"...","score":12.3}]}',
  ],
  exits: ['1  nothing matched'],
  options: [{ name: 'limit', value: 'N', description: `At most N results (default ${DEFAULT_LIMIT}).` }, JSON_OPTION],
  positionals: { min: 1, max: Infinity, name: 'QUERY' },
  run(ctx) {
    const query = ctx.args.positionals.join(' ').trim();
    if (!query) throw new UsageError('the query is empty', 'search');
    const limitText = optionValue(ctx.args, 'limit');
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError(`--limit must be a positive whole number (got "${limitText}")`, 'search');

    const shelf = ctx.shelf().shelf;
    const index = new ShelfSearch();
    index.setEntries(shelf.entries());
    const results = index
      .search(query, { limit })
      .slice(0, limit)
      .flatMap((r) => {
        const entry = shelf.get(r.id);
        return entry
          ? [{ id: entry.paper.id, key: entry.key, title: entry.paper.title, score: roundScore(r.score) }]
          : [];
      });
    if (ctx.args.flags.has('json')) {
      ctx.io.out(json({ results }));
    } else if (results.length) {
      const scoreWidth = Math.max(...results.map((r) => r.score.toFixed(2).length));
      const rows = table(
        results.map((r) => [r.score.toFixed(2).padStart(scoreWidth), r.id, r.key, displayTitle(r.title)]),
        [ctx.style.dim, ctx.style.cyan, ctx.style.dim],
      );
      ctx.io.out(`${rows.join('\n')}\n`);
    }
    if (!results.length) {
      ctx.io.err(`paper-shelf: no paper matches "${clean(query)}"\n`);
      return 1;
    }
    return 0;
  },
};
