// Writing the collection format: one block per paper, wrapped at 80 columns, appended to a file
// without touching what is already there.
import type { Paper } from '../model/types';
import { collapseSpace } from '../text/spaces';
import { formatAuthors } from './authors';
import { EXTERNAL_PDF, FIELD_NAME, FIELD_NAMES, SEPARATOR, URL_SCHEME } from './collectionSyntax';
import { formatArxivId, parseArxivId, pdfUrl as arxivPdfUrl } from '../arxiv/arxivId';
import { eolOf } from '../text/lineEndings';
const WRAP = 80;
const INDENT = '  ';

/** One paper as a block of the collection format, ending with a '---' line (uses `eol`). */
export function formatPaper(paper: Paper, eol: '\n' | '\r\n' = '\n'): string {
  const lines: string[] = [];
  const field = (name: string, value: string | undefined) => {
    const v = value === undefined ? '' : oneLine(value);
    if (v) lines.push(...wrap(`${name}: `, v.split(' ')));
  };
  lines.push(...wrap('Title: ', oneLine(paper.title).split(' ').filter(Boolean)));
  const ownPdf = parseArxivId(paper.pdfUrl)?.id === paper.id;
  if (ownPdf || !EXTERNAL_PDF.test(paper.pdfUrl)) {
    lines.push(`PDF: ${arxivPdfUrl(paper.id, paper.version)}`);
  } else {
    // A PDF hosted elsewhere: the id travels on its own line.
    lines.push(`PDF: ${paper.pdfUrl}`, `ID: ${formatArxivId(paper.id, paper.version)}`);
  }
  field('Authors', formatAuthors(paper.authors));
  field('Published', paper.published);
  field('Updated', paper.updated);
  field('Categories', paper.categories.map(oneLine).filter(Boolean).join(' '));
  field('Theme', paper.theme);
  field('Key', paper.key);
  field('Tags', paper.tags.map(oneLine).filter(Boolean).join(', '));
  field('DOI', paper.doi);
  field('Journal-Ref', paper.journalRef);
  field('Comment', paper.comment);
  for (const [name, value] of Object.entries(paper.extra)) {
    if (FIELD_NAME.test(name) && !FIELD_NAMES.has(name.toLowerCase()) && !URL_SCHEME.test(name)) field(name, value);
  }
  const summary = summaryTokens(paper.summary);
  if (summary.length) lines.push(...wrap('Summary: ', summary));
  lines.push('---');
  return lines.map((l) => l + eol).join('');
}

/** `existing` with `papers` appended: the existing text is kept byte for byte, its line endings followed. */
export function appendPapers(existing: string, papers: readonly Paper[]): string {
  if (!papers.length) return existing;
  const eol = eolOf(existing);
  let out = existing;
  const content = existing.replace(/^\ufeff/, '');
  if (content.trim()) {
    if (!/[\r\n]$/.test(out)) out += eol;
    const lastLine =
      content
        .replace(/[\s]+$/, '')
        .split(/\r\n|\r|\n/)
        .pop() ?? '';
    if (!SEPARATOR.test(lastLine)) out += `---${eol}`;
  }
  return out + papers.map((p) => formatPaper(p, eol)).join('');
}

/** Words of the summary; a paragraph break glues two words with 3 spaces so no wrap can lose it. */
function summaryTokens(summary: string): string[] {
  const paragraphs = summary
    .split(/\n[ \t]*\n/)
    .map((p) => oneLine(p))
    .filter(Boolean);
  const tokens: string[] = [];
  for (const p of paragraphs) {
    const words = p.split(' ');
    if (tokens.length) tokens[tokens.length - 1] += `   ${words.shift()}`;
    tokens.push(...words);
  }
  return tokens;
}

/** Greedy wrap at WRAP columns; continuation lines are indented. A too-long word gets its own line. */
function wrap(head: string, tokens: readonly string[]): string[] {
  const lines: string[] = [];
  let line = head.trimEnd();
  let empty = true;
  for (const token of tokens) {
    if (!token) continue;
    if (empty) {
      line = head + token;
      empty = false;
    } else if (line.length + 1 + token.length <= WRAP) {
      line += ` ${token}`;
    } else {
      lines.push(line);
      line = INDENT + token;
    }
  }
  lines.push(line);
  return lines;
}

function oneLine(value: string): string {
  return collapseSpace(value);
}
