// paper-shelf show: one paper with every field the shelf knows.
import type { Command, CommandContext } from '../command';
import { JSON_OPTION, notOnShelfMessage } from '../command';
import { clean, displaySummary, displayTitle, json, wrap } from '../output';
import { absUrl } from '../../core/arxiv/arxivId';
import type { ShelfEntry } from '../../core/model/types';

/** The paper as JSON: its fields as the shelf resolved them; absent fields are left out. */
export function entryJson(entry: ShelfEntry): Record<string, unknown> {
  const p = entry.paper;
  return {
    id: p.id,
    version: p.version,
    key: entry.key,
    title: p.title,
    authors: p.authors,
    summary: p.summary,
    theme: entry.theme,
    month: entry.month || undefined,
    published: p.published,
    updated: p.updated,
    categories: p.categories,
    tags: p.tags,
    doi: p.doi,
    journalRef: p.journalRef,
    comment: p.comment,
    absUrl: absUrl(p.id, p.version),
    pdfUrl: p.pdfUrl,
    extra: p.extra,
    source: p.source,
  };
}

function sourceText(entry: ShelfEntry): string {
  const { file, line } = entry.paper.source;
  return file ? `${file}${line ? `:${line}` : ''}` : entry.sourceId;
}

function showText(ctx: CommandContext, entry: ShelfEntry): string {
  const p = entry.paper;
  const { style, io } = ctx;
  const fields: [string, string | undefined][] = [
    ['Id', p.version ? `${p.id}v${p.version}` : p.id],
    ['Key', entry.key],
    ['Authors', p.authors.join(', ') || undefined],
    ['Theme', entry.theme],
    ['Month', entry.month || undefined],
    ['Published', p.published],
    ['Updated', p.updated],
    ['Categories', p.categories.join(', ') || undefined],
    ['Tags', p.tags.join(', ') || undefined],
    ['DOI', p.doi],
    ['Journal', p.journalRef],
    ['Comment', p.comment],
    ['Abstract', absUrl(p.id, p.version)],
    ['PDF', p.pdfUrl],
    ...Object.entries(p.extra).map(([name, value]): [string, string] => [name, value]),
    ['Source', sourceText(entry)],
  ];
  const present = fields.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
  const width = Math.max(...present.map(([name]) => name.length)) + 2;
  const lines = [style.bold(displayTitle(p.title)), ''];
  for (const [name, value] of present) lines.push(`${style.dim(`${clean(name)}:`.padEnd(width))}${clean(value)}`);
  lines.push('');
  displaySummary(p.summary, p.title).forEach((para, i) => {
    if (i) lines.push('');
    lines.push(...wrap(para, io.columns));
  });
  return `${lines.join('\n')}\n`;
}

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one paper: title, key, theme, links, every field and the summary.',
  usage: ['show ID|KEY [--json]'],
  description: [
    'ID is an arXiv id in any form (2510.01152, arXiv:2510.01152v2, an abs/pdf URL, the DOI); KEY a cite key.',
    "JSON: the paper's fields (id, version, key, title, authors, summary, theme, month, published, updated,",
    'categories, tags, doi, journalRef, comment, absUrl, pdfUrl, extra, source); absent fields are left out.',
  ],
  exits: ['1  the paper is not on the shelf'],
  options: [JSON_OPTION],
  positionals: { min: 1, max: 1, name: 'ID|KEY' },
  run(ctx) {
    const ref = ctx.args.positionals[0];
    const entry = ctx.shelf().shelf.lookup(ref);
    if (!entry) {
      ctx.io.err(notOnShelfMessage(clean(ref)));
      return 1;
    }
    ctx.io.out(ctx.args.flags.has('json') ? json(entryJson(entry)) : showText(ctx, entry));
    return 0;
  },
};
