import { marked } from 'marked';

/** Offsets where `seq` occurs in `markdown` with its first character not backslash-escaped. */
export function unescapedAt(markdown: string, seq: string): number[] {
  const out: number[] = [];
  for (let i = markdown.indexOf(seq); i >= 0; i = markdown.indexOf(seq, i + 1)) {
    let slashes = 0;
    while (i - slashes - 1 >= 0 && markdown[i - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 0) out.push(i);
  }
  return out;
}

/**
 * Renders hover Markdown the way VS Code's markdown renderer does for a MarkdownString with
 * supportThemeIcons: escaped icons kept escaped, marked (GFM) to HTML, then `$(icon)` to spans.
 */
export function render(markdown: string): string {
  const pre = markdown.replace(/\\\$\([A-Za-z0-9-]+?(?:~[A-Za-z0-9-]*?)?\)/g, (m) => `\\${m}`);
  const html = marked.parse(pre, { gfm: true, async: false }) as string;
  return html.replace(
    /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?)\)/g,
    (m, escaped: string | undefined, name: string) =>
      escaped ? m.slice(1) : `<span class="codicon codicon-${name}"></span>`,
  );
}

/** Visible text of rendered HTML (tags dropped, entities decoded). */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function hrefs(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
}

/** Text that would be links, images, HTML, autolinks and formatting if it were read as Markdown. */
export const HOSTILE =
  'Evil [click](command:workbench.action.terminal.new?%5B%5D) ![img](https://evil.example/x.png) ' +
  '<script>alert(1)</script> <img src=x onerror=alert(1)> [ref]: https://evil.example ' +
  'javascript:alert(1) <https://evil.example/auto> https://evil.example/bare www.evil.example mail@evil.example ' +
  '**bold** _em_ `code` # heading | table | ~~strike~~ &lt;b&gt; [x][ref] [[wiki]] \\[esc\\](command:x)';
