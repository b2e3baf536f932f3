// paper-shelf cited: every arXiv id and shelf key a document mentions, where, and whether it is on the shelf.
import type { Command } from '../command';
import { JSON_OPTION, readDocument } from '../command';
import { clean, json, table } from '../output';
import { findReferences } from '../references';

export const citedCommand: Command = {
  name: 'cited',
  summary: 'List every arXiv id and shelf cite key a document mentions, with line and column.',
  usage: ['cited FILE [--json]'],
  description: [
    'Finds ids in every form (arXiv:2510.01152v2, bare ids, old-style ids, abs/pdf URLs, the DOI) and',
    "shelf cite keys in \\cite{...}, [@...] and @key, with the same recognisers as the extension's hovers.",
    'Prints "FILE:LINE:COLUMN: TEXT  ID  KEY" per mention, in document order ("-" reads standard input);',
    'ids not on the shelf say so instead of a key.',
    'JSON: {"references":[{"id":"2510.01152","text":"arXiv:2510.01152v2","line":3,"column":17,"onShelf":true,"key":"..."}]}',
    '(line and column 1-based; id without version; key only for papers on the shelf).',
  ],
  exits: ['1  the file cannot be read'],
  options: [JSON_OPTION],
  positionals: { min: 1, max: 1, name: 'FILE' },
  async run(ctx) {
    const file = ctx.args.positionals[0];
    const text = await readDocument(ctx, file);
    const { references } = findReferences(text, ctx.shelf().shelf);
    if (ctx.args.flags.has('json')) {
      ctx.io.out(
        json({
          references: references.map((r) => ({
            id: r.id,
            text: r.text,
            line: r.line,
            column: r.column,
            onShelf: r.entry !== undefined,
            ...(r.entry ? { key: r.entry.key } : {}),
          })),
        }),
      );
      return 0;
    }
    const { style } = ctx;
    const name = file === '-' ? '<stdin>' : file;
    const rows = table(
      references.map((r) => [
        `${name}:${r.line}:${r.column}:`,
        clean(r.text),
        r.id,
        r.entry ? r.entry.key : '(not on the shelf)',
      ]),
      [style.dim, undefined, style.cyan, undefined],
    );
    if (rows.length) ctx.io.out(`${rows.join('\n')}\n`);
    return 0;
  },
};
