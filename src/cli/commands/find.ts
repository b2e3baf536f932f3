// paper-shelf find: search arXiv by words (the extension's search client: one request at a time,
// 3 s apart, retries when arXiv is busy), print the results, and optionally add them to a file.
import type { Command } from '../command';
import { JSON_OPTION, optionValue } from '../command';
import { UsageError } from '../args';
import { CliError } from '../loadShelf';
import { clean, displayTitle, json, table } from '../output';
import { ARXIV_OPTIONS, arxivClient } from '../arxiv';
import { ArxivError } from '../../core/arxiv/arxivError';
import { ArxivSearch } from '../../core/arxiv/arxivSearch';
import { ARXIV_SORTS, type ArxivSort } from '../../core/arxiv/searchQuery';
import { readExisting } from '../replaceFile';
import { appendToFile, idsIn } from './add';

export const DEFAULT_FIND_LIMIT = 10;
/** More than this is not a search any more but a harvest (arXiv's terms ask for OAI-PMH then). */
export const MAX_FIND_LIMIT = 1000;

export const findCommand: Command = {
  name: 'find',
  summary: 'Search arXiv by words; print the papers found, or add them to a collection file.',
  usage: [
    'find WORDS... [--limit N] [--sort relevance|submitted|updated] [--json] [--api-url URL] [--timeout SECONDS]',
    'find WORDS... --add --to FILE [--limit N] [--sort ...] [--json] [--api-url URL] [--timeout SECONDS]',
  ],
  description: [
    'Asks the arXiv API for papers matching WORDS. Plain words must all match, in any field;',
    "arXiv's own syntax passes through: ti: (title), au: (author), abs: (abstract), cat: (category),",
    'co:, jr:, rn:, all:, "quoted phrases", AND, OR, ANDNOT and parentheses.',
    'Prints "ID  YEAR  TITLE" per paper (the id without version, the year of the first version),',
    "in arXiv's order. More results than one page are fetched page by page, one request every",
    "3 seconds, as arXiv's terms of use ask.",
    'JSON: {"total": N, "results": [{"id", "title", "authors", "published", "categories", "onShelf"}]};',
    'total is the number of matches arXiv counts, onShelf whether the paper is on the shelf the',
    'global options name (or in FILE).',
    "--add --to FILE appends every printed paper to FILE exactly as 'paper-shelf add' does: papers",
    'already there are skipped with a notice; FILE is replaced atomically or left as it was.',
  ],
  exits: ['1  nothing was found, arXiv could not be reached or refused the query, or FILE could not be written'],
  options: [
    {
      name: 'limit',
      value: 'N',
      description: `At most N papers (default ${DEFAULT_FIND_LIMIT}, at most ${MAX_FIND_LIMIT}).`,
    },
    {
      name: 'sort',
      value: 'ORDER',
      choices: ARXIV_SORTS,
      description: 'relevance (default), submitted (newest first) or updated (last updated first).',
    },
    JSON_OPTION,
    ...ARXIV_OPTIONS,
    { name: 'add', description: 'Add the papers found to the collection file given with --to.' },
    { name: 'to', value: 'FILE', description: 'With --add: the collection file to append to (created if missing).' },
  ],
  positionals: { min: 1, max: Infinity, name: 'WORDS' },
  async run(ctx) {
    const words = ctx.args.positionals.join(' ').trim();
    if (!words) throw new UsageError('the words to search for are empty', 'find');
    const limitText = optionValue(ctx.args, 'limit');
    const limit = limitText === undefined ? DEFAULT_FIND_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FIND_LIMIT)
      throw new UsageError(
        `--limit must be a whole number from 1 to ${MAX_FIND_LIMIT} (got "${clean(limitText ?? '')}")`,
        'find',
      );
    const adding = ctx.args.flags.has('add');
    const file = optionValue(ctx.args, 'to');
    if (adding && !file)
      throw new UsageError('--add needs --to FILE: the collection file to add the papers to', 'find');
    if (file && !adding) throw new UsageError('--to FILE goes with --add', 'find');
    const client = arxivClient(ctx.args, 'find');
    const before = file ? await readExisting(file, 'add to') : undefined;

    let found;
    try {
      found = await new ArxivSearch(client).collect(words, {
        limit,
        sort: (optionValue(ctx.args, 'sort') as ArxivSort | undefined) ?? 'relevance',
      });
    } catch (err) {
      if (err instanceof ArxivError) throw new CliError(`${err.message}${file ? ` ${file} was left as it was.` : ''}`);
      throw err;
    }
    if (!found.papers.length) {
      ctx.io.err(`paper-shelf: arXiv found no paper for "${clean(words)}"\n`);
      return 1;
    }
    if (ctx.args.flags.has('json')) {
      const shelf = ctx.shelf().shelf;
      const inFile = file && before ? idsIn(file, before) : new Set<string>();
      ctx.io.out(
        json({
          total: found.total,
          results: found.papers.map((p) => ({
            id: p.id,
            title: p.title,
            authors: p.authors,
            published: p.published ?? null,
            categories: p.categories,
            onShelf: !!shelf.get(p.id) || inFile.has(p.id),
          })),
        }),
      );
    } else {
      const rows = table(
        found.papers.map((p) => [p.id, p.published?.slice(0, 4) ?? '    ', displayTitle(p.title)]),
        [ctx.style.cyan, ctx.style.dim],
      );
      ctx.io.out(`${rows.join('\n')}\n`);
    }
    if (file && before) await appendToFile(ctx, file, before, found.papers);
    return 0;
  },
};
