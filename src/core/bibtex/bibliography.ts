// A document's bibliography: which .bib files it names, and how a paper gets into one without
// rewriting what is there. Pure text in, text out; the editor side applies the result.
import { bibLayoutOf, type BibLayout } from './bibLayout';
import { arxivIdOfBibEntry, parseBibtex } from './bibParse';
import { clashSuffix } from '../cite/keys';
import { eolOf } from '../text/lineEndings';

/**
 * The .bib files a document names, as written (relative paths, '.bib' added where LaTeX adds it):
 * LaTeX `\bibliography{a,b}` and `\addbibresource[..]{x.bib}`, or a Pandoc front matter
 * `bibliography:` (a string or a list). Commented-out LaTeX lines are ignored.
 */
export function bibliographyReferences(text: string, dialect: 'latex' | 'pandoc'): string[] {
  const out: string[] = [];
  if (dialect === 'latex') {
    const uncommented = text.replace(/(^|[^\\])%.*$/gm, '$1');
    for (const m of uncommented.matchAll(/\\bibliography\s*\{([^}]*)\}/g)) {
      for (const name of m[1]!.split(',')) {
        const n = name.trim();
        if (n) out.push(/\.bib$/i.test(n) ? n : `${n}.bib`);
      }
    }
    for (const m of uncommented.matchAll(
      /\\(?:addbibresource|addglobalbib|addsectionbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}/g,
    )) {
      const n = m[1]!.trim();
      if (n) out.push(n);
    }
    return [...new Set(out)];
  }
  const front = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!front) return out;
  const lines = front[1]!.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^bibliography\s*:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const value = m[1]!.replace(/\s+#.*$/, '').trim();
    if (value.startsWith('[')) {
      out.push(
        ...value
          .replace(/^\[|\]$/g, '')
          .split(',')
          .map(unquote)
          .filter(Boolean),
      );
    } else if (value) out.push(unquote(value));
    else {
      for (let j = i + 1; j < lines.length && /^\s+-\s*/.test(lines[j]!); j++)
        out.push(unquote(lines[j]!.replace(/^\s+-\s*/, '')));
    }
  }
  return [...new Set(out.filter(Boolean))];
}

function unquote(s: string): string {
  return s
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim();
}

/** What citing a paper needs done to a .bib text. */
export type BibliographyPlan =
  /** The file holds the paper already (under `key`, which may differ from the shelf's). */
  | { kind: 'present'; key: string }
  /** Append `text` at the end of the file (offset `at`), citing `key`. */
  | { kind: 'append'; key: string; text: string; at: number };

/**
 * How to make sure `paperId` is in the bibliography `bibText`: if an entry already refers to the
 * paper, cite its key; else append an entry (made by `entry(key, eol)`), under `key` unless the
 * file uses that key for something else, in which case the first free `key` + a, b, ... is used.
 * The existing text is never changed, only appended to, with the file's own line endings.
 */
export function planBibliographyAddition(
  bibText: string,
  paperId: string,
  key: string,
  entry: (key: string, eol: '\n' | '\r\n', layout: BibLayout) => string,
): BibliographyPlan {
  const { entries } = parseBibtex(bibText);
  const existing = entries.find((e) => arxivIdOfBibEntry(e) === paperId);
  if (existing) return { kind: 'present', key: existing.key };
  const used = new Set(entries.map((e) => e.key.toLowerCase())); // biber compares keys case-insensitively in places
  let chosen = key;
  for (let n = 0; used.has(chosen.toLowerCase()); n++) chosen = key + clashSuffix(n);
  const eol = eolOf(bibText);
  let prefix = '';
  if (bibText.length) {
    if (bibText.endsWith(eol + eol) || /^\s+$/.test(bibText)) prefix = '';
    else if (bibText.endsWith(eol) || bibText.endsWith('\n')) prefix = eol;
    else prefix = eol + eol;
  }
  // The new entry follows the file's own layout (indentation, aligned `=`), as a person would write it.
  return {
    kind: 'append',
    key: chosen,
    text: prefix + entry(chosen, eol, bibLayoutOf(bibText)) + eol,
    at: bibText.length,
  };
}

/** The keys of a .bib text, by the arXiv id their entry refers to (entries without one are left out). */
export function keysByArxivId(bibText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of parseBibtex(bibText).entries) {
    const id = arxivIdOfBibEntry(e);
    if (id && !out.has(id)) out.set(id, e.key);
  }
  return out;
}
