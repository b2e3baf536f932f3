/**
 * Glob patterns as VS Code's file search reads them (`**` any folders, `*` and `?` within one
 * path segment, `{a,b}` alternatives, `[abc]`/`[!abc]` character classes), matched against a
 * workspace-relative path written with `/`. Used where file search cannot answer (virtual
 * folders) and the workspace is walked instead.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.trim().replace(/\\/g, '/').replace(/^\.\//, ''), 0).source}$`);
}

/** True when the workspace-relative `path` matches one of the globs. */
export function matchesAnyGlob(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(path));
}

function translate(glob: string, depth: number): { source: string; end: number } {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const slashAfter = glob[i + 2] === '/';
      if (atStart && slashAfter) {
        out += '(?:[^/]*/)*';
        i += 3;
      } else if (atStart && i + 2 === glob.length && i > 0) {
        // `dir/**`: the folder itself and everything below it.
        out = out.replace(/\/$/, '') + '(?:/.*)?';
        i += 2;
      } else {
        out += '.*';
        i += 2;
      }
    } else if (c === '*') {
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
      } else {
        let body = glob.slice(i + 1, close);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close + 1;
      }
    } else if (c === '{' && depth < 8) {
      const alternatives: string[] = [];
      let rest = glob.slice(i + 1);
      let consumed = i + 1;
      let closed = false;
      for (;;) {
        const part = translateAlternative(rest, depth + 1);
        alternatives.push(part.source);
        consumed += part.end + 1;
        if (part.stop === '}') {
          closed = true;
          break;
        }
        if (part.stop !== ',') break;
        rest = rest.slice(part.end + 1);
      }
      if (!closed) {
        out += '\\{';
        i++;
      } else {
        out += `(?:${alternatives.join('|')})`;
        i = consumed;
      }
    } else {
      out += c.replace(/[.+^$()|\\\]}{]/g, '\\$&');
      i++;
    }
  }
  return { source: out, end: i };
}

/** One alternative inside braces: up to the `,` or `}` at this level. */
function translateAlternative(glob: string, depth: number): { source: string; end: number; stop?: string } {
  let level = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') level++;
    else if (c === '}' && level > 0) level--;
    else if ((c === ',' || c === '}') && level === 0) {
      return { source: translate(glob.slice(0, i), depth).source, end: i, stop: c };
    }
  }
  return { source: translate(glob, depth).source, end: glob.length };
}
