// paper-shelf add: fetch papers from the arXiv API (the extension's client: batching, rate limit,
// timeouts, retries) and append them to a collection file, which is replaced atomically or not at all.
import type { Command, CommandContext } from '../command';
import { optionValue } from '../command';
import { UsageError } from '../args';
import { CliError } from '../loadShelf';
import { type ExistingFile, readExisting, replaceFile } from '../replaceFile';
import { clean, displayTitle, plural, table } from '../output';
import { parseArxivId } from '../../core/arxiv/arxivId';
import { ARXIV_OPTIONS, arxivClient } from '../arxiv';
import { ArxivError } from '../../core/arxiv/arxivError';
import { appendPapers } from '../../core/collection/collectionFormat';
import { parseCollection } from '../../core/collection/collection';
import type { Paper } from '../../core/model/types';

/** The canonical ids a collection file already lists. */
export function idsIn(file: string, before: ExistingFile): Set<string> {
  return new Set(parseCollection(before.text, file).papers.map((p) => p.id));
}

/**
 * Appends `papers` to `file` (as read in `before`) in one atomic replacement, skipping those it
 * already lists with a notice on standard error; says how many were added. Returns those written.
 */
export async function appendToFile(
  ctx: CommandContext,
  file: string,
  before: ExistingFile,
  papers: readonly Paper[],
): Promise<Paper[]> {
  const present = idsIn(file, before);
  const fresh = papers.filter((p) => {
    if (!present.has(p.id)) return true;
    ctx.io.err(`paper-shelf: ${p.id} is already in ${file}; skipped\n`);
    return false;
  });
  if (!fresh.length) return [];
  await replaceFile(file, appendPapers(before.text, fresh), before, 'the papers were being fetched');
  ctx.io.err(`paper-shelf: added ${plural(fresh.length, 'paper')} to ${file}\n`);
  return fresh;
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Fetch papers from the arXiv API and append them to a collection file.',
  usage: ['add ID|URL... --to FILE [--api-url URL]'],
  description: [
    'Looks the papers up on arXiv (title, authors, summary, dates, categories, DOI, comment) with the',
    "extension's client: one batched request, at most one every 3 seconds, a 10 s timeout, retries",
    'when arXiv is busy. The papers are appended to FILE in the collection format (FILE is created',
    'if needed). Ids already in FILE are skipped with a notice. Each added paper is printed as',
    '"ID  TITLE". Ids arXiv does not know and arguments that are not arXiv ids are named on standard',
    'error and make the exit status 1; the others are still added. If anything goes wrong while',
    'writing, or the request as a whole fails (no network, timeout, bad answer), FILE is left as it was.',
  ],
  exits: ['1  an id is malformed or unknown to arXiv, the API could not be reached, or FILE could not be written'],
  options: [
    { name: 'to', value: 'FILE', description: 'The collection file to append to (created if missing).' },
    ...ARXIV_OPTIONS,
  ],
  positionals: { min: 1, max: Infinity, name: 'ID|URL' },
  async run(ctx) {
    const file = optionValue(ctx.args, 'to');
    if (!file) {
      throw new UsageError('--to FILE is required: the collection file to add the papers to', 'add');
    }
    const client = arxivClient(ctx.args, 'add');
    let failed = false;
    const wanted: string[] = [];
    for (const arg of ctx.args.positionals) {
      const parsed = parseArxivId(arg.trim());
      if (!parsed) {
        ctx.io.err(`paper-shelf: "${clean(arg)}" is not an arXiv id or link; skipped\n`);
        failed = true;
        continue;
      }
      const asked = parsed.version ? `${parsed.id}v${parsed.version}` : parsed.id;
      if (!wanted.some((w) => w.replace(/v\d+$/, '') === parsed.id)) wanted.push(asked);
    }

    const before = await readExisting(file, 'add to');
    const present = idsIn(file, before);
    const toFetch: string[] = [];
    for (const id of wanted) {
      const canonical = id.replace(/v\d+$/, '');
      if (present.has(canonical)) ctx.io.err(`paper-shelf: ${canonical} is already in ${file}; skipped\n`);
      else toFetch.push(id);
    }
    if (!toFetch.length) return failed ? 1 : 0;

    let outcome;
    try {
      outcome = await client.fetchPapers(toFetch);
    } catch (err) {
      if (err instanceof ArxivError) throw new CliError(`${err.message} ${file} was left as it was.`);
      throw err;
    }
    for (const failure of outcome.failures) {
      ctx.io.err(`paper-shelf: ${clean(failure.message)}\n`);
      failed = true;
    }
    const written = await appendToFile(ctx, file, before, outcome.papers);
    if (written.length) {
      const rows = table(
        written.map((p) => [p.id, displayTitle(p.title)]),
        [ctx.style.cyan],
      );
      ctx.io.out(`${rows.join('\n')}\n`);
    }
    return failed ? 1 : 0;
  },
};
