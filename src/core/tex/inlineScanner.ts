// Reading one paragraph of TeX-ish text into typed spans, left to right.
import { findClosingDollar, matchingBrace, mathToText, scanMathCommand, skipSpaces } from './texMath';
import { type Style, type TexOptions, type TexSpan, spansToPlain } from './texSpans';
import {
  BENCH_PLACEHOLDERS,
  DATA_PLACEHOLDERS,
  DOUBLE_STRUCK,
  DROPPED_MACROS,
  ESCAPED_CHARS,
  FONT_SWITCHES,
  NAME_PLACEHOLDERS,
  STYLE_MACROS,
  SUBSCRIPTS,
  SUPERSCRIPTS,
  SWITCH_STYLE,
  SYMBOLS,
  script,
} from './texSymbols';

/** Scans one paragraph left to right; groups and macro arguments recurse with their style. */
export class InlineScanner {
  private readonly spans: TexSpan[] = [];

  constructor(
    private readonly source: string,
    private readonly options: TexOptions,
  ) {}

  run(): TexSpan[] {
    this.scan(this.source, 'text', 0);
    return this.spans;
  }

  private emit(kind: Style | 'math', text: string): void {
    if (!text) return;
    const last = this.spans[this.spans.length - 1];
    if (last && last.kind === kind) last.text += text;
    else this.spans.push({ kind, text } as TexSpan);
  }

  private emitLink(href: string, text: string): void {
    const last = this.spans[this.spans.length - 1];
    // "https://x{\small\texttt{https://x}}": the same link written twice in a row shows once.
    if (last && last.kind === 'link' && last.href === href) return;
    this.spans.push({ kind: 'link', href, text });
  }

  private scan(s: string, style: Style, depth: number): void {
    if (depth > 20) {
      this.emit(style, s.replace(/[{}\\]/g, ''));
      return;
    }
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      const rest = s.slice(i);
      const url = c === 'h' && /^https?:\/\//.test(rest) ? /^https?:\/\/[^\s{}<>"'\\]+/.exec(rest) : null;
      if (url && (i === 0 || !/[a-z0-9]/i.test(s[i - 1]!))) {
        const href = url[0].replace(/[.,;:!?)\]]+$/, '');
        this.emitLink(href, href);
        i += href.length;
      } else if (c === '*' && s[i + 1] === '*') {
        const close = s.indexOf('**', i + 2);
        if (close > i + 2) {
          this.scan(s.slice(i + 2, close), style === 'code' ? 'code' : 'strong', depth + 1);
          i = close + 2;
        } else {
          this.emit(style, '**');
          i += 2;
        }
      } else if (c === '$' && style !== 'code') {
        const display = s[i + 1] === '$';
        const open = display ? 2 : 1;
        const close = findClosingDollar(s, i + open, display);
        if (close > i + open) {
          this.emit('math', mathToText(s.slice(i + open, close)));
          i = close + open;
        } else {
          this.emit(style, s.slice(i, i + open));
          i += open;
        }
      } else if (c === '\\' && (s[i + 1] === '(' || s[i + 1] === '[')) {
        const end = s[i + 1] === '(' ? '\\)' : '\\]';
        const close = s.indexOf(end, i + 2);
        if (close > i + 2) {
          this.emit('math', mathToText(s.slice(i + 2, close)));
          i = close + 2;
        } else {
          i += 2;
        }
      } else if (c === '\\') {
        i = this.macro(s, i, style, depth);
      } else if (c === '{') {
        const close = matchingBrace(s, i);
        const inner = close < 0 ? s.slice(i + 1) : s.slice(i + 1, close);
        // {\bf x}, {\em x}: a font switch at the start of a group styles the group.
        const sw = /^\\([a-zA-Z]+)\s*/.exec(inner);
        const groupStyle = sw && FONT_SWITCHES.has(sw[1]!) ? (SWITCH_STYLE[sw[1]!] ?? style) : style;
        this.scan(inner, groupStyle, depth + 1);
        i = close < 0 ? s.length : close + 1;
      } else if (c === '}') {
        i++;
      } else if ((c === '^' || c === '_') && s[i + 1] === '{' && style !== 'code') {
        const close = matchingBrace(s, i + 1);
        if (close < 0) {
          this.emit(style, c);
          i++;
        } else {
          this.emit(style, script(mathToText(s.slice(i + 2, close)), c === '^' ? SUPERSCRIPTS : SUBSCRIPTS, c));
          i = close + 1;
        }
      } else if (c === '`' && s[i + 1] === '`') {
        this.emit(style, '“');
        i += 2;
      } else if (c === "'" && s[i + 1] === "'") {
        this.emit(style, '”');
        i += 2;
      } else if (c === '`' && style !== 'code') {
        this.emit(style, '‘');
        i++;
      } else if (c === "'" && style !== 'code') {
        // Closing quote and apostrophe are the same character in print.
        this.emit(style, '’');
        i++;
      } else if (c === '-' && s[i + 1] === '-' && style !== 'code') {
        const triple = s[i + 2] === '-';
        this.emit(style, triple ? '—' : '–');
        i += triple ? 3 : 2;
      } else if (c === '~' && style !== 'code') {
        this.emit(style, '\u00a0');
        i++;
      } else {
        // Copy a run of ordinary characters at once.
        let j = i + 1;
        while (j < s.length && !/[\\{}$*`'~^_\-h]/.test(s[j]!)) j++;
        this.emit(style, s.slice(i, j));
        i = j;
      }
    }
  }

  /** Handles the macro starting at s[i] === '\\'; returns the index after it. */
  private macro(s: string, i: number, style: Style, depth: number): number {
    const named = /^\\([a-zA-Z]+)\*?/.exec(s.slice(i));
    if (!named) {
      const ch = s[i + 1];
      if (ch === undefined) return i + 1;
      this.emit(style, ESCAPED_CHARS[ch] ?? ch);
      return i + 2;
    }
    const name = named[1]!;
    let next = i + named[0].length;
    const argument = (): string | undefined => {
      let j = next;
      while (s[j] === ' ') j++;
      if (s[j] !== '{') return undefined;
      const close = matchingBrace(s, j);
      const arg = close < 0 ? s.slice(j + 1) : s.slice(j + 1, close);
      next = close < 0 ? s.length : close + 1;
      return arg;
    };

    if (name === 'url') {
      const arg = argument();
      if (arg !== undefined) this.link(arg.trim(), arg.trim());
      return next;
    }
    if (name === 'href') {
      const url = argument();
      const label = url === undefined ? undefined : argument();
      if (url !== undefined) this.link(url.trim(), label === undefined ? url.trim() : plainOf(label, this.options));
      return next;
    }
    const styled = STYLE_MACROS[name];
    if (styled !== undefined) {
      const arg = argument();
      if (arg !== undefined) this.scan(arg, styled === 'same' ? style : style === 'code' ? 'code' : styled, depth + 1);
      return next;
    }
    if (DROPPED_MACROS.has(name)) {
      argument();
      return next;
    }
    if (name === 'mathbb' || name === 'mathcal' || name === 'mathfrak' || name === 'mathscr') {
      const arg = argument() ?? '';
      this.emit('math', name === 'mathbb' ? [...arg].map((ch) => DOUBLE_STRUCK[ch] ?? ch).join('') : arg);
      return next;
    }
    if (name === 'frac' || name === 'sqrt') {
      const rewind = i;
      const end = scanMathCommand(s, rewind);
      this.emit('math', mathToText(s.slice(rewind, end)));
      return end;
    }
    if (FONT_SWITCHES.has(name)) return skipSpaces(s, next);
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      this.emit(style, symbol);
      // A symbol macro eats the spaces after it in TeX ("\ldots and" reads "… and" anyway).
      return s[next] === '{' && s[next + 1] === '}' ? next + 2 : next;
    }
    if (s[next] === '{') {
      // An unknown macro with an argument (\textcolor-like wrappers): its argument is the text.
      const arg = argument() ?? '';
      if (arg.trim()) {
        this.scan(arg, style, depth + 1);
        return next;
      }
    }
    this.emit(style, this.placeholder(name));
    return next;
  }

  private link(url: string, text: string): void {
    if (/^https?:\/\/[^\s<>"]+$/i.test(url)) this.emitLink(url, text);
    else this.emit('text', text);
  }

  private placeholder(name: string): string {
    if (NAME_PLACEHOLDERS.test(name)) return this.options.name ?? name;
    if (BENCH_PLACEHOLDERS.test(name)) return 'benchmark';
    if (DATA_PLACEHOLDERS.test(name)) return 'dataset';
    // An author's own macro (\DisORM): its name is almost always what it prints.
    return name;
  }
}

function plainOf(text: string, options: TexOptions): string {
  return spansToPlain(new InlineScanner(text, options).run());
}
