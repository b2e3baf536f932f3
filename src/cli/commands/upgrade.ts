// paper-shelf upgrade: the preprint entries of a .bib whose papers are now published, and, with
// --write, the file with those entries rewritten (keys, other entries and every other byte kept).
import type { Command } from '../command';
import { UsageError } from '../args';
import { CliError } from '../loadShelf';
import { clean, plural } from '../output';
import { readExisting, replaceFile } from '../replaceFile';
import { CROSSREF_OPTIONS, crossrefClient } from '../crossref';
import { parseBibtex } from '../../core/bibtex/bibParse';
import { publishedIn } from '../../core/published/crossrefWork';
import { findPublishedVersions } from '../../core/published/lookup';
import { applyUpgrades, preprintEntries, upgradedEntry } from '../../core/published/upgrade';

export const upgradeCommand: Command = {
  name: 'upgrade',
  summary: 'Replace preprint entries of a .bib file with their published versions (Crossref).',
  usage: ['upgrade FILE.bib [--write] [--crossref-url URL] [--mailto ADDRESS]'],
  description: [
    'Finds the entries of FILE.bib that cite an arXiv preprint (by eprint, url or doi), looks up the',
    "DOI of each (the entry's own, or the shelf paper's) on Crossref, and accepts a record only when",
    "its title is the entry's. Each entry with a published version is printed as",
    '"KEY  arXiv:ID -> Published in VENUE (YEAR)  doi:DOI"; every entry left as a preprint is named on',
    'standard error with the reason. With --write the file is rewritten: only those entries change',
    '(type, venue, volume, pages, year, publisher, doi; key, authors, arXiv fields and any other',
    'field kept), atomically, and not at all if the file changed meanwhile.',
  ],
  exits: ['1  FILE cannot be read or written, or Crossref could not be reached for some entry'],
  options: [{ name: 'write', description: 'Rewrite FILE.bib with the published entries.' }, ...CROSSREF_OPTIONS],
  positionals: { min: 1, max: 1, name: 'FILE.bib' },
  async run(ctx) {
    const file = ctx.args.positionals[0]!;
    if (file === '-') throw new UsageError('upgrade needs a file (it may rewrite it), not standard input', 'upgrade');
    const before = await readExisting(file, 'upgrade');
    if (!before.exists) throw new CliError(`cannot read ${file}: no such file`);
    const text = before.text;
    const parsed = parseBibtex(text, file);
    for (const p of parsed.problems.filter((q) => q.severity === 'error'))
      ctx.io.err(`${file}:${p.location.line}:${p.location.column}: warning: ${clean(p.message)} (entry skipped)\n`);
    const shelf = ctx.shelf().shelf;
    const items = preprintEntries(parsed.entries, (id) => shelf.lookup(id)?.paper);
    if (!items.length) {
      ctx.io.err(`paper-shelf: no entry of ${file} cites an arXiv preprint\n`);
      return 0;
    }
    const lookups = await findPublishedVersions(
      items.map((i) => i.query),
      crossrefClient(ctx.args, 'upgrade'),
    );
    const upgrades: { entry: (typeof items)[number]['entry']; after: string }[] = [];
    let offline = false;
    lookups.forEach((lookup, i) => {
      const item = items[i]!;
      const where = `${file}:${item.entry.location.line}:${item.entry.location.column}`;
      if (lookup.kind === 'preprint') {
        offline ||= !!lookup.offline;
        ctx.io.err(`${where}: ${clean(item.entry.key)} stays a preprint: ${clean(lookup.reason)}\n`);
        return;
      }
      upgrades.push({ entry: item.entry, after: upgradedEntry(text, item, lookup.version) });
      ctx.io.out(
        `${ctx.style.cyan(clean(item.entry.key))}  arXiv:${item.arxivId} -> ${clean(publishedIn(lookup.version))}  doi:${clean(lookup.version.doi)}\n`,
      );
    });
    if (upgrades.length && ctx.args.flags.has('write')) {
      await replaceFile(file, applyUpgrades(text, upgrades), before, 'Crossref was being asked');
      ctx.io.err(`paper-shelf: upgraded ${plural(upgrades.length, 'entry', 'entries')} in ${file}\n`);
    } else if (upgrades.length) {
      ctx.io.err(
        `paper-shelf: ${plural(upgrades.length, 'entry has', 'entries have')} a published version; run with --write to rewrite ${file}\n`,
      );
    }
    return offline ? 1 : 0;
  },
};
