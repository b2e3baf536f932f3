// What to insert for a citation or a link, by the document's language and the text around the
// cursor. Pure: works on one line of text and offsets into it, so every case is unit-tested.
import { encodeBibtexText } from '../bibtex/latexEncoding';
import { collapseSpace } from '../text/spaces';

/** How a document cites: LaTeX \cite{}, Pandoc [@key], a .bib file (the entry), or a link. */
export type CiteDialect = 'latex' | 'pandoc' | 'bibtex' | 'link';

/** The markup a link is written in. */
export type LinkDialect =
  'markdown' | 'latex' | 'rst' | 'asciidoc' | 'org' | 'html' | 'typst' | 'textile' | 'wiki' | 'plain' | 'bare';

const LATEX_LANGUAGES = new Set(['latex', 'tex', 'latex-expl3', 'doctex', 'context', 'rsweave', 'jlweave', 'pweave']);
const PANDOC_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc', 'markdown-math']);
const BIB_LANGUAGES = new Set(['bibtex', 'biblatex', 'bib']);

/** The citation dialect of a document, from its language id (and file name for .bib files). */
export function citeDialect(languageId: string, fileName = ''): CiteDialect {
  if (BIB_LANGUAGES.has(languageId) || /\.bib$/i.test(fileName)) return 'bibtex';
  if (LATEX_LANGUAGES.has(languageId)) return 'latex';
  if (PANDOC_LANGUAGES.has(languageId) || /\.(qmd|rmd|md)$/i.test(fileName)) return 'pandoc';
  return 'link';
}

/** The link idiom of a document's language; code gets a bare URL (it lands in a comment or a string). */
export function linkDialect(languageId: string, fileName = ''): LinkDialect {
  if (PANDOC_LANGUAGES.has(languageId) || ['mdx', 'github-markdown', 'jupyter'].includes(languageId)) return 'markdown';
  if (LATEX_LANGUAGES.has(languageId)) return 'latex';
  switch (languageId) {
    case 'restructuredtext':
    case 'rst':
      return 'rst';
    case 'asciidoc':
    case 'asciidoctor':
      return 'asciidoc';
    case 'org':
      return 'org';
    case 'html':
    case 'vue-html':
    case 'xml':
    case 'xhtml':
    case 'svelte':
    case 'php':
    case 'erb':
    case 'jinja-html':
    case 'django-html':
    case 'handlebars':
      return 'html';
    case 'typst':
      return 'typst';
    case 'textile':
      return 'textile';
    case 'mediawiki':
    case 'wikitext':
      return 'wiki';
    case 'plaintext':
      return /\.(md|markdown)$/i.test(fileName) ? 'markdown' : 'plain';
    default:
      return 'bare';
  }
}

/** A replacement within one line: text.slice(start, end) becomes `text`. */
export interface LineEdit {
  start: number;
  end: number;
  text: string;
}

/** A LaTeX cite command name: letters with an optional star; a leading backslash is tolerated. */
export function normalizeCiteCommand(command: string | undefined): string {
  const name = (command ?? '').trim().replace(/^\\/, '');
  return /^[A-Za-z]+\*?$/.test(name) ? name : 'cite';
}

/** Any LaTeX citation command (\cite, \citep, \citet*, \parencite, \autocite, \nocite, \footcite, ...). */
const LATEX_CITE_OPENING = /\\(?:[A-Za-z]*[Cc]ite[A-Za-z]*|nocite)\*?\s*(?:\[[^\]]*\]\s*){0,2}\{/g;

export interface CiteGroup {
  /** Offset just after the opening delimiter. */
  contentStart: number;
  /** Offset of the closing delimiter, or the line's end when it is not on this line. */
  contentEnd: number;
  /** Keys already in the group. */
  keys: string[];
}

/** The LaTeX citation group `{...}` that holds `offset`, if any. */
export function latexCiteGroupAt(line: string, offset: number): CiteGroup | undefined {
  LATEX_CITE_OPENING.lastIndex = 0;
  let found: CiteGroup | undefined;
  for (let m = LATEX_CITE_OPENING.exec(line); m; m = LATEX_CITE_OPENING.exec(line)) {
    const contentStart = m.index + m[0].length;
    if (contentStart > offset) break;
    const close = line.indexOf('}', contentStart);
    const contentEnd = close < 0 ? line.length : close;
    if (offset <= contentEnd) {
      const keys = line
        .slice(contentStart, contentEnd)
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      found = { contentStart, contentEnd, keys };
    }
  }
  return found;
}

/** The Pandoc citation group `[...@...]` that holds `offset`, if any. */
export function pandocCiteGroupAt(line: string, offset: number): CiteGroup | undefined {
  const open = line.lastIndexOf('[', offset - 1);
  if (open < 0 || line.lastIndexOf(']', offset - 1) > open) return undefined;
  const close = line.indexOf(']', offset);
  const nextOpen = line.indexOf('[', offset);
  if (close < 0 || (nextOpen >= 0 && nextOpen < close)) return undefined;
  const content = line.slice(open + 1, close);
  if (!/(^|[\s;-])@/.test(content)) return undefined;
  const keys = [...content.matchAll(/-?@\{?([\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?)?\}?/gu)]
    .map((k) => k[1] ?? '')
    .filter(Boolean);
  return { contentStart: open + 1, contentEnd: close, keys };
}

/**
 * The edit that cites `keys` with the cursor (or selection) at [start, end) of `line`:
 * inside an existing group the new keys join it (after the key the cursor is on); elsewhere a
 * new citation replaces the selection. Keys already in the group are not repeated; when all
 * are, the result is an empty insertion.
 */
export function citationEdit(
  dialect: 'latex' | 'pandoc',
  line: string,
  start: number,
  end: number,
  keys: readonly string[],
  citeCommand = 'cite',
): LineEdit {
  const group = dialect === 'latex' ? latexCiteGroupAt(line, start) : pandocCiteGroupAt(line, start);
  if (group && end <= group.contentEnd) {
    const fresh = keys.filter((k) => !group.keys.includes(k));
    if (start !== end) {
      // A selection inside a group is replaced by the keys (a key being swapped for another).
      const atSign = dialect === 'pandoc' && line[start - 1] !== '@' ? '@' : '';
      const sep = dialect === 'latex' ? ',' : '; @';
      return { start, end, text: fresh.length ? atSign + fresh.join(sep) : '' };
    }
    if (!fresh.length) return { start, end, text: '' };
    // After the item the cursor is on: up to the next separator or the group's end.
    const sepChar = dialect === 'latex' ? ',' : ';';
    let at = start;
    while (at < group.contentEnd && line[at] !== sepChar) at++;
    // Do not leave trailing spaces between the previous key and the new separator.
    while (at > group.contentStart && line[at - 1] === ' ') at--;
    const before = line.slice(group.contentStart, at).trim();
    if (dialect === 'latex') {
      const text = (before && !before.endsWith(',') ? ',' : '') + fresh.join(',');
      return { start: at, end: at, text };
    }
    const text = (before && !before.endsWith(';') ? '; ' : '') + fresh.map((k) => `@${k}`).join('; ');
    return { start: at, end: at, text };
  }
  return { start, end, text: newCitation(dialect, keys, citeCommand) };
}

/** A whole new citation of `keys`: \cite{a,b} or [@a; @b]. */
export function newCitation(dialect: 'latex' | 'pandoc', keys: readonly string[], citeCommand = 'cite'): string {
  return dialect === 'latex'
    ? `\\${normalizeCiteCommand(citeCommand)}{${keys.join(',')}}`
    : `[${keys.map((k) => `@${k}`).join('; ')}]`;
}

/** Escapes for each markup's link text. */
function latexText(text: string): string {
  return encodeBibtexText(text);
}

function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A URL made safe for markups that end it at spaces or brackets (only arXiv/DOI URLs reach here). */
function safeUrl(url: string): string {
  return url.replace(/[\s()<>[\]{}"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A link to `url` titled `title`, in the document's markup. */
export function formatLink(dialect: LinkDialect, title: string, url: string): string {
  const u = safeUrl(url);
  const t = collapseSpace(title);
  switch (dialect) {
    case 'markdown':
      return `[${t.replace(/([\\[\]`*_<>])/g, '\\$1')}](${u})`;
    case 'latex':
      // In \href's URL argument, '%' and '#' must be escaped; the text is ordinary LaTeX.
      return `\\href{${u.replace(/([%#])/g, '\\$1')}}{${latexText(t)}}`;
    case 'rst':
      return `\`${t.replace(/([`<>\\])/g, '\\$1')} <${u}>\`__`;
    case 'asciidoc':
      return `${u}[${t.replace(/\]/g, '\\]')}]`;
    case 'org':
      return `[[${u}][${t.replace(/\[/g, '(').replace(/\]/g, ')')}]]`;
    case 'html':
      return `<a href="${htmlEscape(u)}">${htmlEscape(t)}</a>`;
    case 'typst':
      return `#link("${u}")[${t.replace(/([\\\][#$*_`<>@])/g, '\\$1')}]`;
    case 'textile':
      return `"${t.replace(/"/g, "'")}":${u}`;
    case 'wiki':
      return `[${u} ${t.replace(/\]/g, ')')}]`;
    case 'plain':
      return `${t} <${u}>`;
    case 'bare':
      return u;
  }
}

/** Several links: one per line for block markups, separated by ', ' in running text. */
export function joinLinks(dialect: LinkDialect, links: readonly string[], eol = '\n'): string {
  return dialect === 'bare' || dialect === 'plain' ? links.join(eol) : links.join(', ');
}

/** The key prefix typed so far when completion is asked for at `offset`, and where it starts. */
export interface CompletionContext {
  dialect: 'latex' | 'pandoc';
  /** Offset where the partial key starts (the replaced range is [start, offset)). */
  start: number;
  prefix: string;
  /** Keys already in the group (LaTeX) to leave out. */
  existing: string[];
}

/** Whether `offset` in `line` is where a cite key is being typed, and what has been typed. */
export function citeCompletionContext(
  dialect: CiteDialect,
  line: string,
  offset: number,
): CompletionContext | undefined {
  if (dialect === 'latex') {
    const group = latexCiteGroupAt(line, offset);
    if (!group) return undefined;
    let start = offset;
    while (start > group.contentStart && !/[,\s{]/.test(line[start - 1]!)) start--;
    return { dialect, start, prefix: line.slice(start, offset), existing: group.keys };
  }
  if (dialect === 'pandoc') {
    let start = offset;
    while (start > 0 && /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u.test(line[start - 1]!)) start--;
    if (line[start - 1] !== '@') return undefined;
    // '@' must start a citation: at the line start, after a space, '[', ';' or '-' (suppress author).
    const before = line[start - 2];
    if (before !== undefined && !/[\s[;\-(]/.test(before)) return undefined; // e-mail addresses, decorators
    if (before === '-' && start - 3 >= 0 && !/[\s[;]/.test(line[start - 3]!)) return undefined;
    const group = pandocCiteGroupAt(line, offset);
    return { dialect, start, prefix: line.slice(start, offset), existing: group?.keys ?? [] };
  }
  return undefined;
}
