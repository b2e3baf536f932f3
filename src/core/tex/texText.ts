// TeX-isms in arXiv titles and abstracts, turned into text people can read: ``quotes'',
// **bold**, \emph{..}, $math$, \% and friends, author macros like \mname, bare URLs.
// The result is a list of typed spans (for the summary panel, escaped there), plain text (for
// hovers, pickers, the CLI) or escaped HTML. Nothing here trusts its input: bidirectional and
// invisible format characters are dropped (core/text/invisible) before anything is shown.
import { displayLine, neutraliseInvisible } from '../text/invisible';

export type TexSpan =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'code'; text: string }
  /** Math, already rewritten to readable Unicode (x², α ≤ β, a/b). */
  | { kind: 'math'; text: string }
  /** Only http(s) links; `href` is the URL as written, `text` what to show. */
  | { kind: 'link'; text: string; href: string };

export type TexParagraph = TexSpan[];

export interface TexOptions {
  /**
   * What author placeholder macros (\mname, \method, \ours, ...) stand for, usually the
   * paper's short name (see `shortName`). Without it they show as their own name, sans backslash.
   */
  name?: string;
}

type Style = 'text' | 'strong' | 'em' | 'code';

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

export function spansToPlain(spans: readonly TexSpan[]): string {
  return spans
    .map((s) => s.text)
    .join('')
    .replace(/[ \t\u00a0]+/g, (m) => (m.includes('\u00a0') && m.length === 1 ? m : ' '))
    .trim();
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

export function spansToHtml(spans: readonly TexSpan[]): string {
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
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** arXiv's listings sometimes lose a macro's backslash: "256times256" was "256\times256". */
function fixLostBackslashes(text: string): string {
  return text.replace(/(\d)times(\d)/g, '$1\u00d7$2');
}

// Author macros that stand for the paper's own method or model name.
const NAME_PLACEHOLDERS =
  /^(mname|method|methodname|methodName|ours|ourmethod|model|modelname|sysname|system|systemname|approach|algname|algo|framework|frameworkname|toolname|name|our)$/i;
const BENCH_PLACEHOLDERS = /^(bench|benchname|benchmark|benchmarkname|bname)$/i;
const DATA_PLACEHOLDERS = /^(dataset|datasetname|dataname|dname|data)$/i;

const FONT_SWITCHES = new Set([
  'small',
  'footnotesize',
  'scriptsize',
  'tiny',
  'normalsize',
  'large',
  'Large',
  'LARGE',
  'huge',
  'Huge',
  'rm',
  'sf',
  'tt',
  'bf',
  'it',
  'em',
  'sl',
  'sc',
  'upshape',
  'itshape',
  'bfseries',
  'mdseries',
  'ttfamily',
  'rmfamily',
  'sffamily',
  'scshape',
  'normalfont',
  'xspace',
  'noindent',
  'centering',
  'par',
  'newline',
  'linebreak',
  'allowbreak',
  'hfill',
  'vfill',
  'smallskip',
  'medskip',
  'bigskip',
  'nolinkurl',
]);
const SWITCH_STYLE: Record<string, Style> = {
  bf: 'strong',
  bfseries: 'strong',
  it: 'em',
  em: 'em',
  sl: 'em',
  itshape: 'em',
  tt: 'code',
  ttfamily: 'code',
};

/** Macros with one argument, by the style their argument takes. */
const STYLE_MACROS: Record<string, Style | 'same'> = {
  textbf: 'strong',
  mathbf: 'strong',
  bm: 'strong',
  boldsymbol: 'strong',
  emph: 'em',
  textit: 'em',
  textsl: 'em',
  mathit: 'em',
  texttt: 'code',
  code: 'code',
  mathtt: 'code',
  verb: 'code',
  textrm: 'same',
  textsf: 'same',
  textsc: 'same',
  textup: 'same',
  textmd: 'same',
  textnormal: 'same',
  text: 'same',
  mbox: 'same',
  hbox: 'same',
  mathrm: 'same',
  mathsf: 'same',
  underline: 'same',
  uline: 'same',
};
const DROPPED_MACROS = new Set([
  'cite',
  'citep',
  'citet',
  'citealp',
  'ref',
  'eqref',
  'label',
  'footnote',
  'footnotemark',
  'thanks',
  'vspace',
  'hspace',
  'includegraphics',
]);

/** Symbols as text, in or out of math. */
const SYMBOLS: Record<string, string> = {
  textgreater: '>',
  textless: '<',
  textasciitilde: '~',
  textasciicircum: '^',
  textbackslash: '\\',
  textbar: '|',
  textbullet: '•',
  textemdash: '—',
  textendash: '–',
  textquotedblleft: '“',
  textquotedblright: '”',
  textquoteleft: '‘',
  textquoteright: '’',
  textdegree: '°',
  textregistered: '®',
  texttrademark: '™',
  copyright: '©',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  textellipsis: '…',
  S: '§',
  P: '¶',
  dag: '†',
  ddag: '‡',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  mp: '∓',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  simeq: '≃',
  equiv: '≡',
  propto: '∝',
  ll: '≪',
  gg: '≫',
  infty: '∞',
  partial: '∂',
  nabla: '∇',
  sum: 'Σ',
  prod: '∏',
  int: '∫',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  neg: '¬',
  land: '∧',
  lor: '∨',
  wedge: '∧',
  vee: '∨',
  oplus: '⊕',
  otimes: '⊗',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  leftrightarrow: '↔',
  Leftrightarrow: '⇔',
  mapsto: '↦',
  uparrow: '↑',
  downarrow: '↓',
  circ: '∘',
  star: '⋆',
  ast: '∗',
  bullet: '•',
  langle: '⟨',
  rangle: '⟩',
  lceil: '⌈',
  rceil: '⌉',
  lfloor: '⌊',
  rfloor: '⌋',
  vert: '|',
  Vert: '‖',
  mid: '|',
  emptyset: '∅',
  varnothing: '∅',
  top: '⊤',
  bot: '⊥',
  perp: '⊥',
  angle: '∠',
  triangle: '△',
  prime: '′',
  ell: 'ℓ',
  hbar: 'ℏ',
  Re: 'ℜ',
  Im: 'ℑ',
  aleph: 'ℵ',
  checkmark: '✓',
  surd: '√',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  varpi: 'ϖ',
  rho: 'ρ',
  varrho: 'ϱ',
  sigma: 'σ',
  varsigma: 'ς',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Upsilon: 'Υ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  log: 'log',
  ln: 'ln',
  exp: 'exp',
  max: 'max',
  min: 'min',
  arg: 'arg',
  argmax: 'argmax',
  argmin: 'argmin',
  sup: 'sup',
  inf: 'inf',
  lim: 'lim',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  det: 'det',
  Pr: 'Pr',
  mathbb: '',
  quad: ' ',
  qquad: ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '!': '',
  ' ': ' ',
  left: '',
  right: '',
  big: '',
  Big: '',
  bigl: '',
  bigr: '',
  Bigl: '',
  Bigr: '',
  displaystyle: '',
  textstyle: '',
  limits: '',
  nolimits: '',
};
const ESCAPED_CHARS: Record<string, string> = {
  '%': '%',
  '&': '&',
  _: '_',
  '#': '#',
  $: '$',
  '{': '{',
  '}': '}',
  '\\': ' ',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '!': '',
  '/': '',
  '-': '',
  '@': '',
  "'": '',
  '`': '',
  '"': '',
  '^': '',
  '~': '',
};
const DOUBLE_STRUCK: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ', '1': '𝟙' };

const SUPERSCRIPTS: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  '−': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  n: 'ⁿ',
  i: 'ⁱ',
  T: 'ᵀ',
  k: 'ᵏ',
  t: 'ᵗ',
  '*': '*',
  '′': '′',
};
const SUBSCRIPTS: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '−': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  a: 'ₐ',
  e: 'ₑ',
  o: 'ₒ',
  x: 'ₓ',
  i: 'ᵢ',
  j: 'ⱼ',
  k: 'ₖ',
  n: 'ₙ',
  t: 'ₜ',
  m: 'ₘ',
  p: 'ₚ',
  s: 'ₛ',
  r: 'ᵣ',
  l: 'ₗ',
  h: 'ₕ',
  u: 'ᵤ',
  v: 'ᵥ',
};

/** Raised or lowered text as Unicode when every character has a form, else ^(..) / _(..). */
function script(content: string, table: Record<string, string>, mark: '^' | '_'): string {
  const chars = [...content.trim()];
  if (chars.length && chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join('');
  return chars.length === 1 ? `${mark}${content.trim()}` : `${mark}(${content.trim()})`;
}

/** Scans one paragraph left to right; groups and macro arguments recurse with their style. */
class InlineScanner {
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

function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ') i++;
  return i;
}

/** Index of the '}' closing the '{' at `open`, or -1. Escaped braces do not count. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function findClosingDollar(s: string, from: number, display: boolean): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '$' && (!display || s[i + 1] === '$')) return i;
  }
  return -1;
}

/** End of a \frac{..}{..} or \sqrt[..]{..} written outside $..$. */
function scanMathCommand(s: string, i: number): number {
  let j = i + 1;
  while (/[a-zA-Z]/.test(s[j] ?? '')) j++;
  if (s[j] === '[') {
    const close = s.indexOf(']', j);
    if (close > 0) j = close + 1;
  }
  for (let n = 0; n < 2 && s[j] === '{'; n++) {
    const close = matchingBrace(s, j);
    if (close < 0) return s.length;
    j = close + 1;
  }
  return j;
}

/** TeX math as readable Unicode text: \frac{a}{b} -> a/b, x^{2} -> x², \alpha -> α, \mathbb{R} -> ℝ. */
export function mathToText(math: string, depth = 0): string {
  if (depth > 20) return math.replace(/[{}\\]/g, '');
  let out = '';
  let i = 0;
  const group = (at: number): { text: string; end: number } => {
    let j = at;
    while (math[j] === ' ') j++;
    if (math[j] === '{') {
      const close = matchingBrace(math, j);
      const end = close < 0 ? math.length : close;
      return { text: mathToText(math.slice(j + 1, end), depth + 1), end: close < 0 ? math.length : close + 1 };
    }
    if (math[j] === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(math.slice(j));
      const name = m ? m[1]! : '';
      return { text: SYMBOLS[name] ?? ESCAPED_CHARS[name] ?? name, end: j + (m ? m[0].length : 1) };
    }
    return { text: math[j] ?? '', end: j + 1 };
  };
  const wrap = (t: string): string => (/^[\p{L}\p{N}.′]+$/u.test(t) ? t : `(${t})`);
  while (i < math.length) {
    const c = math[i]!;
    if (c === '^' || c === '_') {
      const g = group(i + 1);
      out += script(g.text, c === '^' ? SUPERSCRIPTS : SUBSCRIPTS, c);
      i = g.end;
    } else if (c === '{' || c === '}') {
      if (c === '{') {
        const g = group(i);
        out += g.text;
        i = g.end;
      } else i++;
    } else if (c === '\\') {
      const m = /^\\([a-zA-Z]+|.)/.exec(math.slice(i));
      const name = m ? m[1]! : '';
      i += m ? m[0].length : 1;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const a = group(i);
        const b = group(a.end);
        out += `${wrap(a.text)}/${wrap(b.text)}`;
        i = b.end;
      } else if (name === 'sqrt') {
        if (math[i] === '[') {
          const close = math.indexOf(']', i);
          i = close < 0 ? math.length : close + 1;
        }
        const a = group(i);
        out += `√${wrap(a.text)}`;
        i = a.end;
      } else if (name === 'mathbb') {
        const a = group(i);
        out += [...a.text].map((ch) => DOUBLE_STRUCK[ch] ?? ch).join('');
        i = a.end;
      } else if (
        STYLE_MACROS[name] !== undefined ||
        [
          'mathcal',
          'mathfrak',
          'mathscr',
          'operatorname',
          'hat',
          'bar',
          'tilde',
          'vec',
          'overline',
          'widehat',
          'widetilde',
          'dot',
        ].includes(name)
      ) {
        const a = group(i);
        const accent = {
          hat: '\u0302',
          bar: '\u0304',
          tilde: '\u0303',
          vec: '\u20d7',
          dot: '\u0307',
          overline: '\u0305',
          widehat: '\u0302',
          widetilde: '\u0303',
        }[name];
        out += accent && [...a.text].length === 1 ? a.text + accent : a.text;
        i = a.end;
      } else {
        out += SYMBOLS[name] ?? ESCAPED_CHARS[name] ?? name;
      }
    } else if (c === '~') {
      out += ' ';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/ ?([=<>≤≥≈≠]) ?/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Adjacent spans of one kind merged, leading/trailing spaces of the paragraph trimmed. */
function normaliseSpans(spans: TexSpan[]): TexSpan[] {
  const out: TexSpan[] = [];
  for (const span of spans) {
    const text = span.text.replace(/[ \t\n]+/g, ' ');
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && last.kind === span.kind && span.kind !== 'link') last.text += text;
    else out.push({ ...span, text });
  }
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^ +/, '');
    out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/ +$/, '');
  }
  return out.filter((s) => s.text.length > 0);
}
