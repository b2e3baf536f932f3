// TeX-isms in arXiv titles and abstracts, turned into text people can read: ``quotes'',
// **bold**, \emph{..}, $math$, \% and friends, author macros like \mname, bare URLs.
// The result is a list of typed spans (for the summary panel, escaped there), plain text (for
// hovers, pickers, the CLI) or escaped HTML. Nothing here trusts its input: bidirectional and
// invisible format characters are dropped (core/text/invisible) before anything is shown.
import { displayLine, neutraliseInvisible } from '../text/invisible';
import { InlineScanner } from './inlineScanner';
import { type TexOptions, type TexParagraph, type TexSpan, normaliseSpans, spansToPlain } from './texSpans';
import { collapseSpace } from '../text/spaces';

/** The readable paragraphs of a TeX-ish text (summary paragraphs are "\n\n" or 3+ spaces apart). */
export function texToParagraphs(text: string, options: TexOptions = {}): TexParagraph[] {
  return splitParagraphs(neutraliseInvisible(text))
    .map((p) => normaliseSpans(new InlineScanner(fixLostBackslashes(p), options).run()))
    .filter((spans) => spans.length > 0);
}

/** Plain text without TeX: paragraphs separated by a blank line, white space collapsed. */
export function texToPlain(text: string, options: TexOptions = {}): string {
  return texToParagraphs(text, options)
    .map((spans) => spansToPlain(spans))
    .join('\n\n');
}

/** One line of plain text (titles, tree labels, quick picks); control characters dropped. */
export function texToPlainLine(text: string, options: TexOptions = {}): string {
  return displayLine(texToPlain(text, options));
}

/**
 * Escaped HTML: one <p> per paragraph; <strong>, <em>, <code>, <span class="math">, <a href> (with
 * its destination shown after it when the link's text is something else).
 */
export function texToHtml(text: string, options: TexOptions = {}): string {
  return texToParagraphs(text, options)
    .map((spans) => `<p>${spansToHtml(spans)}</p>`)
    .join('\n');
}

function spansToHtml(spans: readonly TexSpan[]): string {
  return spans
    .map((s) => {
      const t = escapeHtml(s.text);
      switch (s.kind) {
        case 'text':
          return t;
        case 'strong':
          return `<strong>${t}</strong>`;
        case 'em':
          return `<em>${t}</em>`;
        case 'code':
          return `<code>${t}</code>`;
        case 'math':
          return `<span class="math">${t}</span>`;
        case 'link': {
          // Text that is not the destination (\href{https://evil.example}{https://arxiv.org/...})
          // is followed by where the link really leads.
          const href = escapeHtml(s.href);
          const link = `<a href="${href}">${t}</a>`;
          return s.text.trim() === s.href ? link : `${link} <span class="link-target">(${href})</span>`;
        }
      }
    })
    .join('');
}

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return neutraliseInvisible(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * The name a paper gives itself before the colon of its title ("EditReward" for
 * "EditReward: A Human-Aligned Reward Model ..."), when that looks like a name.
 */
export function shortName(title: string): string | undefined {
  const m = /^\s*([^:]{2,40}?)\s*:\s/.exec(title);
  if (!m) return undefined;
  const name = m[1]!;
  return name.split(/\s+/).length <= 3 && /[A-Z]/.test(name) && !/[{}\\$]/.test(name) ? name : undefined;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n|[ \t]{3,}/)
    .map(collapseSpace)
    .filter(Boolean);
}

/** arXiv's listings sometimes lose a macro's backslash: "256times256" was "256\times256". */
function fixLostBackslashes(text: string): string {
  return text.replace(/(\d)times(\d)/g, '$1\u00d7$2');
}
