// Builds the Markdown shown when hovering an arXiv id or a cite key. Pure, so the escaping that
// keeps collection text inert is unit-tested without the editor.
//
// Trust model: every piece of text that comes from a collection, an API answer or the document
// (titles, summaries, authors, theme names, ids) goes through `escapeMarkdown` (core/text/markdown.ts), which makes it
// plain text. The only links in the result are built here from validated ids: https links to
// arxiv.org / doi.org, and `command:` links to the extension's own commands, which the caller
// lists in `enabledCommands` (VS Code's MarkdownString.isTrusted) and nothing else.
import { publishedIn, type PublishedVersion } from '../published/crossrefWork';
import { absUrl, doi, doiUrl, pdfUrl, submissionMonth } from '../arxiv/arxivId';
import { shortName, texToPlain, texToPlainLine } from '../tex/texText';
import type { ShelfEntry } from '../model/types';
import { escapeMarkdown } from '../text/markdown';
import { USER_THEME_ICON } from '../themes/themeIcon';
import { formatMonth } from '../shelf/grouping';

/** The commands a hover may link to, by role. A role left out (not registered) gets no link. */
export interface HoverCommands {
  openSummary?: string;
  insertCitation?: string;
  copyBibtex?: string;
  openPdf?: string;
  addPaper?: string;
}

export interface HoverOptions {
  /** Commands that exist at runtime; links to any other command are never emitted. */
  commands: HoverCommands;
  /** The version the document named (arXiv:2510.01152v2), shown and used for the links. */
  version?: number;
  /** The paper's published version, when it is known: "Published in VENUE (YEAR)" with the DOI link. */
  published?: PublishedVersion;
  /** Codicon id of the entry's theme (from the taxonomy); ignored unless it is a plain icon id. */
  themeIcon?: string;
  /** How many sentences of the summary to show (default 2). */
  sentences?: number;
  /**
   * Where the hovered id or key ends (document URI, 0-based line and character): "Cite" then
   * inserts the citation there, not at the editor's cursor.
   */
  citeAt?: { uri: string; line: number; character: number };
}

export interface HoverContent {
  /** Markdown for a MarkdownString with supportHtml false and supportThemeIcons true. */
  markdown: string;
  /** The command ids the markdown links to: exactly what isTrusted.enabledCommands should list. */
  enabledCommands: string[];
}

const MAX_AUTHORS = 4;
const MAX_SUMMARY_CHARS = 360;

/** Hover for a paper on the shelf: title, theme, month, authors, the summary's opening, actions. */
export function entryHover(entry: ShelfEntry, options: HoverOptions): HoverContent {
  const links = new LinkBuilder(options.commands);
  const paper = entry.paper;
  const version = options.version;
  const idText = `arXiv:${paper.id}${version ? `v${version}` : ''}`;
  const parts: string[] = [];

  const title = texToPlainLine(paper.title);
  parts.push(`**${escapeMarkdown(title || paper.id)}**`);

  const facts: string[] = [];
  const icon = options.themeIcon && /^[a-z0-9-]+$/.test(options.themeIcon) ? options.themeIcon : USER_THEME_ICON;
  if (entry.theme) facts.push(`$(${icon}) ${escapeMarkdown(entry.theme)}`);
  const month = formatMonth(entry.month);
  if (month) facts.push(`$(calendar) ${escapeMarkdown(month)}`);
  facts.push(escapeMarkdown(idText));
  if (entry.starred) facts.push('$(star-full) starred');
  parts.push(facts.join(' · '));

  const authors = formatAuthors(paper.authors);
  if (authors) parts.push(`$(person) ${escapeMarkdown(authors)}`);

  const published = options.published;
  if (published) {
    const doi = /[#?%\s]/.test(published.doi)
      ? escapeMarkdown(`doi:${published.doi}`)
      : links.url(
          escapeMarkdown(`doi:${published.doi}`),
          `https://doi.org/${published.doi}`,
          'Open the published version',
        );
    parts.push(`$(verified) ${escapeMarkdown(publishedIn(published))} · ${doi}`);
  }

  const opening = firstSentences(paper.summary, options.sentences ?? 2, MAX_SUMMARY_CHARS, shortName(paper.title));
  if (opening) parts.push(escapeMarkdown(opening));

  const actions = [
    links.command('openSummary', '$(book) Summary', 'Open the summary panel', entry.paper.id),
    options.citeAt
      ? links.command('insertCitation', '$(quote) Cite', 'Insert a citation right after this id', entry.paper.id, {
          at: options.citeAt,
        })
      : links.command('insertCitation', '$(quote) Cite', 'Insert a citation at the cursor', entry.paper.id),
    links.command('copyBibtex', '$(copy) BibTeX', 'Copy the BibTeX entry', entry.paper.id),
    links.command('openPdf', '$(file-pdf) PDF', 'Open the PDF', entry.paper.id),
    links.url('$(link-external) arXiv', absUrl(paper.id, version), 'Open the abstract page on arxiv.org'),
  ].filter((a): a is string => a !== undefined);
  parts.push(actions.join(' · '));
  parts.push(`Cite key: ${escapeMarkdown(entry.key)}`);

  return { markdown: parts.join('\n\n'), enabledCommands: links.used() };
}

/** Hover for an id that is not on the shelf: canonical links and, when available, "Add to shelf". */
export function unknownIdHover(id: string, options: HoverOptions): HoverContent {
  const links = new LinkBuilder(options.commands);
  const version = options.version;
  const parts: string[] = [];
  parts.push(`**${escapeMarkdown(`arXiv:${id}${version ? `v${version}` : ''}`)}** · not on your shelf`);
  const month = formatMonth(submissionMonth(id) ?? '');
  if (month) parts.push(`$(calendar) Submitted ${escapeMarkdown(month)}`);
  const actions = [
    links.url('$(link-external) Abstract', absUrl(id, version), 'Open the abstract page on arxiv.org'),
    links.url('$(file-pdf) PDF', pdfUrl(id, version), 'Open the PDF on arxiv.org'),
    links.url(`$(link) DOI ${escapeMarkdown(doi(id))}`, doiUrl(id), 'Resolve the DOI'),
    links.command('addPaper', '$(add) Add to shelf', 'Fetch this paper from arXiv and add it to the shelf', id),
  ].filter((a): a is string => a !== undefined);
  parts.push(actions.join(' · '));
  return { markdown: parts.join('\n\n'), enabledCommands: links.used() };
}

class LinkBuilder {
  private readonly usedCommands = new Set<string>();
  constructor(private readonly commands: HoverCommands) {}

  /** A command link with JSON arguments `[...args]`, or undefined when the role has no command. */
  command(role: keyof HoverCommands, label: string, tooltip: string, ...args: unknown[]): string | undefined {
    const id = this.commands[role];
    if (!id || !/^[A-Za-z0-9_.-]+$/.test(id)) return undefined;
    this.usedCommands.add(id);
    const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
    return `[${label}](command:${id}?${encoded} "${escapeTitle(tooltip)}")`;
  }

  url(label: string, url: string, tooltip: string): string {
    return `[${label}](${encodeURI(url).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))} "${escapeTitle(tooltip)}")`;
  }

  used(): string[] {
    return [...this.usedCommands];
  }
}

/** A link title in double quotes: only our own strings go here, but keep them well formed. */
function escapeTitle(text: string): string {
  return text.replace(/["\\]/g, '\\$&').replace(/[\r\n]+/g, ' ');
}

/**
 * The first `count` sentences of the summary's first paragraph, as plain text (TeX made
 * readable, author macros like \mname named after the paper), cut at a word if they run long.
 */
export function firstSentences(summary: string, count = 2, maxChars = MAX_SUMMARY_CHARS, name?: string): string {
  const paragraph = texToPlain(summary, name ? { name } : {}).split('\n\n')[0] ?? '';
  if (!paragraph) return '';
  // A sentence ends at . ! ? followed by white space and a capital, digit or opening bracket;
  // "e.g. pitch" and "i.e. search" do not end one.
  const ends = [...paragraph.matchAll(/[.!?](?=\s+["'([]?[\p{Lu}\p{N}])/gu)].map((m) => m.index! + 1);
  const cut = ends.length >= count ? ends[count - 1]! : paragraph.length;
  let text = paragraph.slice(0, cut).trim();
  if (text.length > maxChars) {
    const space = text.lastIndexOf(' ', maxChars);
    text = `${text.slice(0, space > maxChars / 2 ? space : maxChars).replace(/[\s,;:]+$/, '')}…`;
  } else if (cut < paragraph.length) {
    text = `${text} …`;
  }
  return text;
}

// Month names have one home, beside the tree's month groups.
export { formatMonth };

function formatAuthors(authors: readonly string[]): string {
  if (!authors.length) return '';
  if (authors.length <= MAX_AUTHORS) return authors.join(', ');
  const more = authors.length - (MAX_AUTHORS - 1);
  return `${authors.slice(0, MAX_AUTHORS - 1).join(', ')} and ${more} more`;
}
