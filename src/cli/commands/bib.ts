// paper-shelf bib: the BibTeX the extension inserts, for named papers, the whole shelf, or
// exactly what a draft cites — the command a Makefile or latexmkrc runs to build references.bib.
import type { Command, CommandContext } from '../command';
import { optionValue, readDocument, resolveRefs } from '../command';
import { UsageError } from '../args';
import { clean } from '../output';
import { findReferences } from '../references';
import { ENTRY_FORMS, type EntryForm, formatBibtexEntries } from '../../core/bibtex/bibtex';
import type { PublishedVersion } from '../../core/published/crossrefWork';
import { findPublishedVersions, queryOfPaper } from '../../core/published/lookup';
import { CROSSREF_OPTIONS, crossrefClient } from '../crossref';
import type { ShelfEntry } from '../../core/model/types';

interface Missing {
  /** How the reference was written. */
  text: string;
  /** 'FILE:LINE:COLUMN: ' when it came from a document. */
  where: string;
}

/** The papers a document cites, in order of first mention, and the ids it names that are not on the shelf. */
async function citedEntries(ctx: CommandContext, file: string): Promise<{ entries: ShelfEntry[]; missing: Missing[] }> {
  const text = await readDocument(ctx, file);
  const name = file === '-' ? '<stdin>' : file;
  const { references, foreignKeys } = findReferences(text, ctx.shelf().shelf);
  const entries: ShelfEntry[] = [];
  const missing: Missing[] = [];
  for (const ref of references) {
    if (ref.entry) {
      if (!entries.includes(ref.entry)) entries.push(ref.entry);
    } else if (!missing.some((m) => m.text === ref.id)) {
      missing.push({ text: ref.id, where: `${name}:${ref.line}:${ref.column}: ` });
    }
  }
  // Keys in \cite{} that the shelf does not know usually come from another bibliography; say so once each.
  const noted = new Set<string>();
  for (const key of foreignKeys) {
    if (key.style !== 'latex' || noted.has(key.key)) continue;
    noted.add(key.key);
    ctx.io.err(
      `${name}:${key.line}:${key.column}: note: cite key "${clean(key.key)}" is not on the shelf (not written; another bibliography must provide it)\n`,
    );
  }
  return { entries, missing };
}

export const bibCommand: Command = {
  name: 'bib',
  summary: 'Print BibTeX for papers, for the whole shelf, or for exactly what documents cite.',
  usage: [
    'bib [ID|KEY...] [--cited FILE...] [--allow-missing]',
    'bib --all',
    'bib ... [--form FORM] [--published [--crossref-url URL] [--mailto ADDRESS]]',
  ],
  description: [
    'Prints arXiv-style @misc entries with the same keys and format the extension inserts,',
    'separated by blank lines, in the order the papers are named or first cited.',
    '--cited reads documents (LaTeX, Markdown, anything; "-" is standard input) and takes every',
    'paper they cite by shelf key (\\cite{...}, [@...], @key) or by an arXiv id in any form.',
    'All arguments after --cited up to the next option are documents.',
    'Ids not on the shelf are named on standard error and make the exit status 1; with',
    '--allow-missing they are only reported. The entries found are printed either way.',
    'Example (Makefile): references.bib: paper.tex ; paper-shelf bib --cited $< > $@',
    '--form chooses how preprints are written: portable (default; shows the arXiv id once in every',
    'classic, natbib and biblatex style), scholar, eprint or arxiv (see the README for what each prints).',
    '--published looks each paper with a DOI up on Crossref and writes its published version',
    '(@article, @inproceedings, ...) when the record is the paper; every paper left as a preprint is',
    'named on standard error with the reason. Records are cached per DOI (PAPER_SHELF_CACHE_DIR).',
  ],
  exits: ['1  an id or key is not on the shelf (without --allow-missing), or a file cannot be read'],
  options: [
    { name: 'all', description: 'Every paper on the shelf.' },
    { name: 'cited', value: 'FILE', multiple: true, greedy: true, description: 'The papers these documents cite.' },
    { name: 'allow-missing', description: 'Report ids not on the shelf but still exit with status 0.' },
    { name: 'form', value: 'FORM', choices: ENTRY_FORMS, description: 'How preprint entries are written.' },
    { name: 'published', description: 'Write the published version of papers that have one (Crossref).' },
    ...CROSSREF_OPTIONS,
  ],
  positionals: { min: 0, max: Infinity, name: 'ID|KEY' },
  async run(ctx) {
    const cited = ctx.args.values.get('cited') ?? [];
    const all = ctx.args.flags.has('all');
    const refs = ctx.args.positionals;
    if (!all && !refs.length && !cited.length)
      throw new UsageError('name papers (ID or KEY), --all, or --cited FILE', 'bib');
    if (all && (refs.length || cited.length))
      throw new UsageError('--all prints every paper; it cannot be combined with papers or --cited', 'bib');

    const shelf = ctx.shelf().shelf;
    const entries: ShelfEntry[] = [];
    const missing: Missing[] = [];
    const take = (found: ShelfEntry[]) => {
      for (const entry of found) if (!entries.includes(entry)) entries.push(entry);
    };
    if (all) take([...shelf.entries()]);
    const named = resolveRefs(ctx, refs);
    take(named.entries);
    missing.push(...named.missing.map((text) => ({ text, where: '' })));
    for (const file of cited) {
      const found = await citedEntries(ctx, file);
      take(found.entries);
      missing.push(...found.missing);
    }

    const form = (optionValue(ctx.args, 'form') ?? 'portable') as EntryForm;
    let versions: (PublishedVersion | undefined)[] = [];
    if (ctx.args.flags.has('published') && entries.length) {
      const lookups = await findPublishedVersions(
        entries.map((e) => queryOfPaper(e.paper)),
        crossrefClient(ctx.args, 'bib'),
      );
      versions = lookups.map((l) => (l.kind === 'published' ? l.version : undefined));
      lookups.forEach((l, i) => {
        if (l.kind === 'preprint')
          ctx.io.err(
            `paper-shelf: ${clean(entries[i]!.key)} (arXiv:${entries[i]!.paper.id}) stays a preprint: ${clean(l.reason)}\n`,
          );
      });
    }
    if (entries.length)
      ctx.io.out(
        formatBibtexEntries(
          entries.map((e, i) => ({ paper: e.paper, key: e.key, published: versions[i] })),
          { form },
        ),
      );
    const allow = ctx.args.flags.has('allow-missing');
    for (const m of missing) {
      const what = `${clean(m.text)} is not on the shelf${allow ? ' (left out)' : ''}`;
      ctx.io.err(
        m.where
          ? `${m.where}${allow ? 'warning' : 'error'}: ${what}\n`
          : `paper-shelf: ${allow ? 'warning: ' : ''}${what}\n`,
      );
    }
    if (!entries.length && !missing.length) ctx.io.err('paper-shelf: note: no paper on the shelf is cited\n');
    return missing.length && !allow ? 1 : 0;
  },
};
