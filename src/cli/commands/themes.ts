// paper-shelf themes: the shelf's themes as the sidebar shows them, with their sizes and the
// terms that set each apart, nested where the sidebar nests them.
import type { Command } from '../command';
import { JSON_OPTION } from '../command';
import { clean, json } from '../output';
import { groupEntries, type Group } from './list';

interface ThemeRow {
  name: string;
  size: number;
  /** discovered: found in the papers; taxonomy: a taxonomy's theme; user: a name a user gave. */
  origin: 'discovered' | 'taxonomy' | 'user' | 'catch-all';
  terms: string[];
  themes?: ThemeRow[];
}

export const themesCommand: Command = {
  name: 'themes',
  summary: "List the shelf's themes with their sizes and distinctive terms, nested as in the sidebar.",
  usage: ['themes [--json]'],
  description: [
    'Prints every theme as "NAME (PAPERS)  terms" in the sidebar\'s order (biggest first, the catch-all',
    'last), its topics indented under it where themes nest. Themes are discovered from the papers',
    "(their titles, summaries and arXiv categories) unless --taxonomy fixes them; 'paper-shelf list",
    "--group theme' lists the papers of each.",
    'JSON: {"source":"discovered|taxonomy","themes":[{"name","size","origin","terms":[...],"themes":[...]}]}',
  ],
  options: [JSON_OPTION],
  positionals: { min: 0, max: 0, name: '' },
  run(ctx) {
    const loaded = ctx.shelf();
    const { themes, classifier } = loaded;
    const row = (g: Group): ThemeRow => {
      const described = themes.describe(g.name);
      const origin: ThemeRow['origin'] =
        g.name === themes.fallback
          ? 'catch-all'
          : (described?.origin ?? (classifier?.definition(g.name) && themes.isFixed ? 'taxonomy' : 'user'));
      return {
        name: g.name,
        size: g.total,
        origin,
        terms: themes.termsOf(g.name),
        ...(g.groups ? { themes: g.groups.map(row) } : {}),
      };
    };
    const rows = groupEntries(loaded.shelf.entries(), 'theme', themes).map(row);
    if (ctx.args.flags.has('json')) {
      ctx.io.out(json({ source: themes.isFixed ? 'taxonomy' : 'discovered', themes: rows }));
      return 0;
    }
    const { style } = ctx;
    const lines: string[] = [];
    const print = (r: ThemeRow, indent: string) => {
      const terms = r.terms.length ? `  ${style.dim(clean(r.terms.join(', ')))}` : '';
      lines.push(`${indent}${style.bold(clean(r.name))} ${style.dim(`(${r.size})`)}${terms}`);
      for (const c of r.themes ?? []) print(c, `${indent}  `);
    };
    for (const r of rows) print(r, '');
    if (lines.length) ctx.io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
