// Shelf text (titles, summaries, authors, theme names, ids) written into Markdown: the one escape
// for hovers, tree tooltips and completion documentation. Text goes in as text and comes out as
// exactly that text, whatever it holds: no link, image, autolink, HTML, emphasis or block syntax.
import { neutraliseInvisible } from './invisible';

/** Every ASCII punctuation character: CommonMark allows a backslash before each of them. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
/** VS Code's theme-icon syntax after a `$`: `$(name)` or `$(name~modifier)`. */
const ICON_AFTER_DOLLAR = /^\([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\)/;
/** Line breaks and control characters: they would end the paragraph or hide text. */
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * Plain text as one run of Markdown: every ASCII punctuation character is backslash-escaped, so
 * no emphasis, link, image, autolink, HTML, heading, list, table or code span can start.
 * Theme-icon syntax `$(name)` gets VS Code's own escape, and line breaks and control characters
 * become spaces, so the text stays inside its paragraph.
 */
export function escapeMarkdown(text: string): string {
  // Bidirectional overrides and invisible characters are dropped: shown, they reorder or hide text.
  const flat = neutraliseInvisible(text).replace(BREAKS_AND_CONTROLS, ' ');
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i]!;
    if (c === '$' && ICON_AFTER_DOLLAR.test(flat.slice(i + 1, i + 80))) {
      // A literal backslash before `$(icon)` tells VS Code's icon renderer to leave it as text.
      out += '\\\\\\$';
    } else if (PUNCTUATION.has(c)) {
      out += `\\${c}`;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Plain text of several paragraphs (separated by a blank line, as `texToPlain` writes them) as
 * Markdown paragraphs: each one escaped by `escapeMarkdown` and trimmed (leading spaces would
 * make an indented code block), joined by a blank line.
 */
export function escapeMarkdownParagraphs(text: string): string {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => escapeMarkdown(p).trim())
    .filter(Boolean)
    .join('\n\n');
}
