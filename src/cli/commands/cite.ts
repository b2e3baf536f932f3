// paper-shelf cite: exactly the text the extension's Insert Citation / Insert Link commands write.
import type { Command } from '../command';
import { notOnShelfMessage, optionValue, resolveRefs } from '../command';
import { UsageError } from '../args';
import { clean } from '../output';
import { absUrl, doiUrl, pdfUrl } from '../../core/arxiv/arxivId';
import { latexToText } from '../../core/bibtex/texReading';
import { formatLink, joinLinks, newCitation, normalizeCiteCommand, type LinkDialect } from '../../core/cite/citeFormat';
import type { ShelfEntry } from '../../core/model/types';

const MARKUPS: readonly LinkDialect[] = [
  'markdown',
  'latex',
  'rst',
  'asciidoc',
  'org',
  'html',
  'typst',
  'textile',
  'wiki',
  'plain',
  'bare',
];
type LinkTarget = 'abs' | 'pdf' | 'doi';

function urlFor(entry: ShelfEntry, target: LinkTarget): string {
  return target === 'pdf' ? pdfUrl(entry.paper.id) : target === 'doi' ? doiUrl(entry.paper.id) : absUrl(entry.paper.id);
}

export const citeCommand: Command = {
  name: 'cite',
  summary: 'Print the citation or link the extension would insert for papers.',
  usage: [
    'cite ID|KEY... [--format latex|markdown|link] [--command NAME] [--link-target abs|pdf|doi] [--markup MARKUP]',
  ],
  description: [
    'latex: \\cite{key1,key2} (the command as the paperShelf.citeCommand setting: --command citep).',
    'markdown: [@key1; @key2] (Pandoc, Quarto, R Markdown).',
    "link: a link per paper titled with the paper's title, in the markup of --markup, joined as the",
    'extension joins them in such a document; the URL as the paperShelf.linkTarget setting.',
    'Papers are cited in the order given. If any is not on the shelf, nothing is printed.',
  ],
  exits: ['1  an id or key is not on the shelf'],
  options: [
    {
      name: 'format',
      value: 'FORMAT',
      choices: ['latex', 'markdown', 'link'],
      description: 'What to print (default: latex).',
    },
    {
      name: 'command',
      value: 'NAME',
      description: 'LaTeX citation command: cite, citep, citet, autocite, ... (default: cite).',
    },
    {
      name: 'link-target',
      value: 'TARGET',
      choices: ['abs', 'pdf', 'doi'],
      description: 'Where links lead (default: abs).',
    },
    {
      name: 'markup',
      value: 'MARKUP',
      choices: MARKUPS,
      description: `Markup of links: ${MARKUPS.join(', ')} (default: markdown).`,
    },
  ],
  positionals: { min: 1, max: Infinity, name: 'ID|KEY' },
  run(ctx) {
    const format = optionValue(ctx.args, 'format') ?? 'latex';
    const command = optionValue(ctx.args, 'command');
    if (command !== undefined && !/^\\?[A-Za-z]+\*?$/.test(command)) {
      throw new UsageError(
        `--command must be a LaTeX command name such as cite or citep (got "${clean(command)}")`,
        'cite',
      );
    }
    if (format !== 'latex' && command !== undefined)
      throw new UsageError('--command applies to --format latex only', 'cite');
    if (format !== 'link' && (ctx.args.values.has('link-target') || ctx.args.values.has('markup'))) {
      throw new UsageError('--link-target and --markup apply to --format link only', 'cite');
    }
    const { entries, missing } = resolveRefs(ctx, ctx.args.positionals);
    if (missing.length) {
      for (const ref of missing) ctx.io.err(notOnShelfMessage(clean(ref)));
      return 1;
    }
    let text: string;
    if (format === 'link') {
      const markup = (optionValue(ctx.args, 'markup') ?? 'markdown') as LinkDialect;
      const target = (optionValue(ctx.args, 'link-target') ?? 'abs') as LinkTarget;
      text = joinLinks(
        markup,
        entries.map((e) => formatLink(markup, latexToText(e.paper.title), urlFor(e, target))),
      );
    } else {
      const keys = entries.map((e) => e.key);
      text =
        format === 'latex' ? newCitation('latex', keys, normalizeCiteCommand(command)) : newCitation('pandoc', keys);
    }
    ctx.io.out(`${text}\n`);
    return 0;
  },
};
