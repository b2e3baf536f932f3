// The summary panel's page, as one HTML string. No 'vscode' import: the page is a pure function
// of the paper and a few URIs, unit-tested for escaping and its Content Security Policy.
import { doiUrl, publishedIn, type PublishedVersion } from '../published/crossrefWork';
import { absUrl } from '../arxiv/arxivId';
import { monthLabel } from '../shelf/grouping';
import { escapeHtml, shortName, texToHtml, texToPlainLine } from '../tex/texText';
import type { ShelfEntry } from '../model/types';

export interface PanelAction {
  command: string;
  label: string;
  /** Shown to screen readers and as the tooltip. */
  description: string;
}

export interface RelatedPaper {
  id: string;
  title: string;
  theme: string;
  month: string;
}

export interface SummaryPageInput {
  entry: ShelfEntry;
  /** The paper's published version, when it is known. */
  published?: PublishedVersion;
  /** Actions whose commands are registered, in display order (the first is the primary one). */
  actions: readonly PanelAction[];
  /** The papers most like this one; undefined while they are still being found (the index follows the shelf). */
  related: readonly RelatedPaper[] | undefined;
  /** Where the paper's theme sits among nested themes (broad theme first), when themes nest. */
  themePath?: readonly string[];
  /** What sets the paper's theme apart (its distinctive terms). */
  themeTerms?: readonly string[];
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri(...) of media/panel.css and media/panel.js, as strings. */
  styleUri: string;
  scriptUri: string;
  nonce: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

/** The page for one paper. Every piece of paper text is escaped (texToHtml escapes its spans). */
export function summaryPage(input: SummaryPageInput): string {
  const { entry } = input;
  const p = entry.paper;
  const title = texToPlainLine(p.title);
  const facts: [string, string][] = [
    [
      'arXiv',
      `<a href="${escapeHtml(absUrl(p.id))}">${escapeHtml(p.id)}</a>${p.version ? ` <span class="muted">v${p.version}</span>` : ''}`,
    ],
  ];
  if (entry.month) facts.push(['Submitted', escapeHtml(monthLabel(entry.month))]);
  const path = input.themePath?.length ? input.themePath : [entry.theme];
  const terms = input.themeTerms?.length
    ? `<br><span class="muted">Distinctive terms: ${input.themeTerms.map(escapeHtml).join(', ')}</span>`
    : '';
  facts.push(['Theme', `${path.map(escapeHtml).join(' › ')}${terms}`]);
  if (p.authors.length) facts.push([p.authors.length === 1 ? 'Author' : 'Authors', escapeHtml(p.authors.join(', '))]);
  if (p.categories.length)
    facts.push([
      p.categories.length === 1 ? 'Category' : 'Categories',
      p.categories.map((c) => `<code>${escapeHtml(c)}</code>`).join(' '),
    ]);
  facts.push(['Cite key', `<code>${escapeHtml(entry.key)}</code>`]);
  if (p.tags.length) facts.push(['Tags', p.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')]);
  if (input.published)
    facts.push([
      'Published',
      `${escapeHtml(publishedIn(input.published).replace(/^Published /, ''))} · <a href="${escapeHtml(doiUrl(input.published.doi))}">doi:${escapeHtml(input.published.doi)}</a>`,
    ]);
  if (p.journalRef) facts.push(['Journal', escapeHtml(p.journalRef)]);
  if (p.comment) facts.push(['Comment', escapeHtml(p.comment)]);

  const summary = p.summary.trim()
    ? texToHtml(p.summary, { name: shortName(p.title) })
    : '<p class="muted">This paper has no summary on the shelf.</p>';
  const actions = input.actions
    .map(
      (a, i) =>
        `<button type="button" class="${i === 0 ? 'primary' : 'secondary'}" data-command="${escapeHtml(a.command)}" title="${escapeHtml(a.description)}">${escapeHtml(a.label)}</button>`,
    )
    .join('\n      ');
  const related = !input.related
    ? '<p class="muted" role="status">Finding the related papers while the shelf is indexed…</p>'
    : input.related.length
      ? `<ol class="related">\n${input.related
          .map(
            (r) =>
              `      <li><button type="button" class="link" data-open="${escapeHtml(r.id)}">${escapeHtml(texToPlainLine(r.title))}</button>` +
              `<span class="muted">${escapeHtml(r.id)}${r.month ? ` · ${escapeHtml(monthLabel(r.month))}` : ''} · ${escapeHtml(r.theme)}</span></li>`,
          )
          .join('\n')}\n    </ol>`
      : '<p class="muted">No other paper on the shelf is close to this one.</p>';

  return `${pageHead(title, input.cspSource, input.nonce, input.styleUri)}
<body data-paper-id="${escapeHtml(p.id)}">
  <main>
    <header>
      <p class="eyebrow">${escapeHtml(entry.theme)}</p>
      <h1 id="paper-title">${escapeHtml(title)}</h1>
      <dl class="facts">
        ${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v}</dd></div>`).join('\n        ')}
      </dl>
      ${input.actions.length ? `<div class="actions" role="toolbar" aria-label="Paper actions">\n      ${actions}\n      </div>` : ''}
    </header>
    <section class="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      ${summary}
    </section>
    <section aria-labelledby="related-heading">
      <h2 id="related-heading">Related on this shelf</h2>
    ${related}
    </section>
  </main>
  <script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/** Everything up to <body>: one place for the CSP every webview page runs under. */
export function pageHead(title: string, cspSource: string, nonce: string, styleUri: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(styleUri)}">
  <title>${escapeHtml(title)}</title>
</head>`;
}

/** The page shown when the panel's paper is no longer on the shelf. */
export function missingPage(id: string, cspSource: string, styleUri: string, nonce: string): string {
  return `${pageHead('Paper not on the shelf', cspSource, nonce, styleUri)}
<body>
  <main>
    <h1>Not on the shelf</h1>
    <p>The paper <code>${escapeHtml(id)}</code> is no longer on the shelf (it was removed, or its collection file is gone).</p>
  </main>
</body>
</html>`;
}
