// Reading TeX-ish text (arXiv titles and names, .bib fields) into characters and math: known
// escapes and accents are understood, balanced $...$ with ordinary math is kept as math, and
// everything else is literal text.
export type Piece = { kind: 'char'; ch: string } | { kind: 'math'; tex: string };

const ACCENT_SYMBOL: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
};
const ACCENT_LETTER: Record<string, string> = {
  c: '\u0327',
  v: '\u030c',
  u: '\u0306',
  H: '\u030b',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};
const NAMED_CHARS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  relax: '',
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  ldots: '…',
  dots: '…',
  textendash: '–',
  textemdash: '—',
  textdegree: '°',
  texteuro: '€',
  S: '§',
  P: '¶',
  copyright: '©',
  textregistered: '®',
  texttrademark: '™',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  textunderscore: '_',
  '&': '&',
  '%': '%',
  $: '$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': '\u2009',
  '\\': ' ',
};
/** Formatting macros whose argument is kept as text ("\emph{x}" -> "x"). */
const FORMAT_MACROS = new Set([
  'emph',
  'textit',
  'textbf',
  'texttt',
  'textsc',
  'textrm',
  'textsf',
  'textsl',
  'textup',
  'mbox',
  'text',
  'textnormal',
  'uppercase',
  'lowercase',
  'MakeUppercase',
]);

/** Macros allowed inside kept math: defined by plain LaTeX without extra packages. */
const MATH_MACROS = new Set(
  (
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho ' +
    'sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ' +
    'mathcal mathbf mathrm mathit mathsf mathtt sqrt frac log ln exp sin cos tan sum prod int oint infty times cdot ' +
    'ldots cdots dots leq le geq ge neq ne approx sim simeq equiv pm mp to rightarrow leftarrow Rightarrow Leftarrow ' +
    'leftrightarrow mapsto ell partial nabla in notin subset subseteq supset supseteq mid left right langle rangle ' +
    'lfloor rfloor lceil rceil min max sup inf lim arg det dim ker deg prime star ast circ bullet hat tilde bar vec dot ' +
    'ddot widetilde widehat overline underline top bot forall exists neg wedge vee cap cup emptyset setminus ll gg ' +
    'propto perp parallel div oplus otimes odot dagger hbar imath jmath wp Re Im aleph quad qquad cdotp colon'
  ).split(' '),
);

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z]/.test(c);
}

/** Offsets of braces that have a partner; the others are literal characters. */
function matchedBraces(text: string): Set<number> {
  const matched = new Set<number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++; // an escaped character is never a grouping brace
    } else if (c === '{') stack.push(i);
    else if (c === '}' && stack.length) {
      matched.add(stack.pop()!);
      matched.add(i);
    }
  }
  return matched;
}

function mathIsSafe(tex: string): boolean {
  if (!tex.trim() || /[%#&$]|[^\x20-\x7e]/.test(tex) || /\\$/.test(tex)) return false;
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i]!;
    if (c === '\\') {
      const name = /^[A-Za-z]+/.exec(tex.slice(i + 1))?.[0];
      if (name) {
        if (!MATH_MACROS.has(name)) return false;
        i += name.length;
      } else i++; // \{ \} \, \; \! \| \ : single-character commands are fine
    } else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The accent (combining mark) applied to the argument that follows position `i`, and where it ends. */
function accentArgument(text: string, i: number): { base: string; end: number } | undefined {
  let j = i;
  if (text[j] === '{') {
    const close = text.indexOf('}', j + 1);
    if (close < 0) return undefined;
    let inner = text.slice(j + 1, close).trim();
    if (inner === '\\i') inner = 'i';
    if (inner === '\\j') inner = 'j';
    return inner.length === 1 && /[A-Za-z]/.test(inner) ? { base: inner, end: close + 1 } : undefined;
  }
  while (text[j] === ' ') j++;
  if (text.startsWith('\\i', j) && !isLetter(text[j + 2])) return { base: 'i', end: j + 2 };
  return isLetter(text[j]) ? { base: text[j]!, end: j + 1 } : undefined;
}

/** TeX-ish text as characters (accents composed, escapes resolved) and kept math. */
export function readTeX(input: string): Piece[] {
  const text = input.normalize('NFC');
  const braces = matchedBraces(text);
  /** Closing '$' of a pair whose content was not safe math: both are then plain text. */
  const literalDollars = new Set<number>();
  const out: Piece[] = [];
  const push = (s: string) => {
    for (const ch of s) out.push({ kind: 'char', ch });
  };
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) {
        push('\\'); // a trailing backslash is text
        i++;
        continue;
      }
      const name = /^[A-Za-z]+/.exec(text.slice(i + 1))?.[0];
      if (name && ACCENT_LETTER[name] && name.length === 1) {
        const arg = accentArgument(text, i + 2);
        if (arg) {
          push((arg.base + ACCENT_LETTER[name]).normalize('NFC'));
          i = arg.end;
          continue;
        }
      }
      if (!name && ACCENT_SYMBOL[next]) {
        const arg = accentArgument(text, i + 2);
        if (arg) {
          push((arg.base + ACCENT_SYMBOL[next]).normalize('NFC'));
          i = arg.end;
          continue;
        }
      }
      if (name && NAMED_CHARS[name] !== undefined) {
        push(NAMED_CHARS[name]);
        i += 1 + name.length;
        if (text[i] === '{' && text[i + 1] === '}')
          i += 2; // "\ss{}"
        else while (text[i] === ' ' && i < text.length) i++; // the space ending a control word
        continue;
      }
      if (name && FORMAT_MACROS.has(name) && text[i + 1 + name.length] === '{') {
        i += 1 + name.length; // the argument's braces are grouping, read as such below
        continue;
      }
      if (!name && NAMED_CHARS[next] !== undefined) {
        push(NAMED_CHARS[next]);
        i += 2;
        continue;
      }
      // Anything else (\mname, \foo) is kept as the literal text it shows.
      push('\\');
      i++;
      continue;
    }
    if ((c === '{' || c === '}') && braces.has(i)) {
      i++; // grouping: protection is recomputed on output
      continue;
    }
    if (c === '$' && !literalDollars.has(i)) {
      const display = text[i + 1] === '$';
      const open = display ? 2 : 1;
      const close = text.indexOf(display ? '$$' : '$', i + open);
      if (close > i + open - 1) {
        const tex = text.slice(i + open, close);
        if (mathIsSafe(tex)) {
          out.push({ kind: 'math', tex });
          i = close + open;
          continue;
        }
        for (let k = close; k < close + open; k++) literalDollars.add(k);
      }
      push('$');
      i++;
      continue;
    }
    if (c === '~') {
      push('\u00a0');
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      push(' ');
      i++;
      continue;
    }
    push(c);
    i += c.length;
  }
  // Collapse white space.
  const collapsed: Piece[] = [];
  for (const p of out) {
    const space = p.kind === 'char' && p.ch === ' ';
    const last = collapsed[collapsed.length - 1];
    if (space && (!last || (last.kind === 'char' && last.ch === ' '))) continue;
    collapsed.push(p);
  }
  while (
    collapsed.length &&
    collapsed[collapsed.length - 1]!.kind === 'char' &&
    (collapsed[collapsed.length - 1] as { ch: string }).ch === ' '
  )
    collapsed.pop();
  return collapsed;
}

/** Plain Unicode text of a TeX-ish value (a .bib field, an arXiv title): braces and escapes resolved. */
export function latexToText(value: string): string {
  return readTeX(value)
    .map((p) => (p.kind === 'math' ? `$${p.tex}$` : p.ch === '\u00a0' || p.ch === '\u2009' ? ' ' : p.ch))
    .join('');
}
