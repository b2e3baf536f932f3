// BibTeX in both directions: arXiv-style @misc entries that real `bibtex` and `biber` accept
// whatever the title holds, and a tolerant .bib reader for the bibliography and for imports.
//
// Titles and names on the shelf are TeX-ish source (arXiv metadata is written in TeX): known
// escapes and accents are understood, balanced $...$ with ordinary math is kept as math, and
// everything else is treated as literal text and re-encoded in 7-bit-safe LaTeX, so that a
// stray %, &, #, _, ^, $, trailing backslash or unbalanced brace can never break a run.
import { findArxivIds, parseArxivId, absUrl, submissionMonth } from '../arxiv/arxivId';
import type { Paper, Problem } from '../model/types';

// ---------------------------------------------------------------------------------------------
// Reading TeX-ish text into characters and math

type Piece = { kind: 'char'; ch: string } | { kind: 'math'; tex: string };

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
function readTeX(input: string): Piece[] {
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

// ---------------------------------------------------------------------------------------------
// Writing characters as 7-bit LaTeX that bibtex and biber accept

const ASCII_ESCAPES: Record<string, string> = {
  '\\': '{\\textbackslash}',
  '{': '{\\textbraceleft}',
  '}': '{\\textbraceright}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '{\\textasciicircum}',
  '~': '{\\textasciitilde}',
  '<': '{\\textless}',
  '>': '{\\textgreater}',
  '|': '{\\textbar}',
};
const UNICODE_ESCAPES: Record<string, string> = {
  '\u00a0': '~',
  '\u2009': '\\,',
  '–': '--',
  '—': '---',
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '„': ',,',
  '…': '{\\ldots}',
  '×': '{$\\times$}',
  '±': '{$\\pm$}',
  '≤': '{$\\leq$}',
  '≥': '{$\\geq$}',
  '≠': '{$\\neq$}',
  '≈': '{$\\approx$}',
  '→': '{$\\rightarrow$}',
  '←': '{$\\leftarrow$}',
  '↔': '{$\\leftrightarrow$}',
  '⇒': '{$\\Rightarrow$}',
  '∞': '{$\\infty$}',
  '·': '{$\\cdot$}',
  '−': '{$-$}',
  '∈': '{$\\in$}',
  '∑': '{$\\sum$}',
  '√': '{$\\surd$}',
  '∂': '{$\\partial$}',
  '°': '{\\textdegree}',
  '€': '{\\texteuro}',
  '§': '{\\S}',
  '¶': '{\\P}',
  '©': '{\\copyright}',
  '®': '{\\textregistered}',
  '™': '{\\texttrademark}',
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  ȷ: '{\\j}',
  '¡': '{\\textexclamdown}',
  '¿': '{\\textquestiondown}',
  '«': '{\\guillemotleft}',
  '»': '{\\guillemotright}',
  µ: '{$\\mu$}',
};
const GREEK =
  'α:alpha β:beta γ:gamma δ:delta ε:epsilon ζ:zeta η:eta θ:theta ι:iota κ:kappa λ:lambda μ:mu ν:nu ξ:xi π:pi ρ:rho ' +
  'σ:sigma ς:varsigma τ:tau υ:upsilon φ:phi χ:chi ψ:psi ω:omega ϕ:phi ϵ:epsilon Γ:Gamma Δ:Delta Θ:Theta Λ:Lambda ' +
  'Ξ:Xi Π:Pi Σ:Sigma Υ:Upsilon Φ:Phi Ψ:Psi Ω:Omega';
const GREEK_MACROS = new Map(GREEK.split(' ').map((pair) => pair.split(':') as [string, string]));
/** Capital Greek letters drawn like Latin ones: plain LaTeX has no macro for them. */
const GREEK_LATIN_LOOKALIKE: Record<string, string> = {
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  ο: 'o',
};
const COMBINING_TO_ACCENT: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0307': '.',
  '\u0308': '"',
  '\u0306': 'u ',
  '\u030a': 'r ',
  '\u030b': 'H ',
  '\u030c': 'v ',
  '\u0323': 'd ',
  '\u0327': 'c ',
  '\u0328': 'k ',
  '\u0331': 'b ',
};

/** One character as LaTeX; `raw` is true when no 7-bit form exists (it then goes out as UTF-8). */
function encodeChar(ch: string): { tex: string; raw: boolean } {
  if (ASCII_ESCAPES[ch]) return { tex: ASCII_ESCAPES[ch], raw: false };
  if (ch < '\x80') return { tex: /[\x20-\x7e]/.test(ch) ? ch : ' ', raw: false };
  if (UNICODE_ESCAPES[ch]) return { tex: UNICODE_ESCAPES[ch], raw: false };
  const greek = GREEK_MACROS.get(ch);
  if (greek) return { tex: `{$\\${greek}$}`, raw: false };
  if (GREEK_LATIN_LOOKALIKE[ch]) return { tex: `{$\\mathrm{${GREEK_LATIN_LOOKALIKE[ch]}}$}`, raw: false };
  const decomposed = ch.normalize('NFD');
  const base = decomposed[0]!;
  const marks = [...decomposed.slice(1)];
  if (/[A-Za-z]/.test(base) && marks.length >= 1 && marks.length <= 2 && marks.every((m) => COMBINING_TO_ACCENT[m])) {
    // Plain "i" under the accent (not \i): biber turns \"{\i} into a dotless i plus a combining
    // mark that has no precomposed form, which pdflatex cannot typeset; \"{i} becomes "ï".
    let tex = base;
    for (const m of marks) {
      const accent = COMBINING_TO_ACCENT[m]!;
      tex = accent.endsWith(' ') ? `\\${accent.trim()}{${tex}}` : `\\${accent}{${tex}}`;
    }
    return { tex: `{${tex}}`, raw: false };
  }
  const greekBase = GREEK_MACROS.get(base);
  if (greekBase) return { tex: `{$\\${greekBase}$}`, raw: false }; // accented Greek: the accent is dropped
  if (/\p{M}/u.test(ch) || /\p{Cc}|\p{Cf}/u.test(ch)) return { tex: '', raw: false }; // stray marks, controls
  return { tex: ch, raw: true };
}

export interface EncodeOptions {
  /** Brace words whose capitals must survive a style's sentence-casing (acronyms, CamelCase). */
  protectCase?: boolean;
}

/** A word needs protecting when a capital sits anywhere but the start of one of its parts. */
function needsProtection(plain: string, isFirstWord: boolean): boolean {
  const letters = plain.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (!letters) return false;
  if (/^\p{Lu}$/u.test(letters)) return !(isFirstWord || letters === 'A' || letters === 'I');
  return letters.split(/[-/'’.]/).some((part) => /^.+\p{Lu}/u.test(part) || /^\p{N}+\p{Lu}/u.test(part));
}

/**
 * TeX-ish text as a BibTeX field body: braces always balanced, special characters escaped,
 * accents as TeX commands, Greek as math, other scripts as UTF-8 in braces (biber reads them;
 * bibtex passes them through without splitting them).
 */
export function encodeBibtexText(text: string, options: EncodeOptions = {}): string {
  const pieces = readTeX(text);
  type Item = { tex: string; plain: string; raw: boolean };
  const words: Item[][] = [[]];
  for (const p of pieces) {
    if (p.kind === 'char' && p.ch === ' ') {
      words.push([]);
      continue;
    }
    const current = words[words.length - 1]!;
    if (p.kind === 'math') {
      current.push({ tex: `{$${p.tex}$}`, plain: '', raw: false });
      continue;
    }
    const { tex, raw } = encodeChar(p.ch);
    const last = current[current.length - 1];
    // Runs of characters without a 7-bit form share one brace group.
    if (raw && last?.raw) {
      last.tex += tex;
      last.plain += p.ch;
    } else current.push({ tex, plain: p.ch, raw });
  }
  return words
    .filter((w) => w.length)
    .map((w, index) => {
      const tex = w.map((x) => (x.raw ? `{${x.tex}}` : x.tex)).join('');
      const plain = w.map((x) => x.plain).join('');
      return options.protectCase && needsProtection(plain, index === 0) ? `{${tex}}` : tex;
    })
    .join(' ');
}

/** Author names for the `author` field: 'First Last and First Last', each name encoded. */
export function encodeBibtexAuthors(authors: readonly string[]): string {
  return (
    authors
      .map((name) => encodeBibtexText(name))
      .filter((name) => name.length > 0)
      // A name holding the word "and" (a collaboration) would be split by bibtex: brace it whole.
      .map((name) => (/(^|\s)and(\s|$)/i.test(name) ? `{${name}}` : name))
      .join(' and ')
  );
}

// ---------------------------------------------------------------------------------------------
// arXiv-style @misc entries

export interface BibtexEntryInput {
  paper: Paper;
  key: string;
}

export interface FormatOptions {
  eol?: '\n' | '\r\n';
  /** Indentation of the fields; two spaces by default. */
  indent?: string;
}

/** Year of the latest version (arXiv's own convention), else of the first, from dates or the id. */
export function bibtexYear(paper: Paper): string {
  const date = paper.updated ?? paper.published;
  if (date && /^\d{4}/.test(date)) return date.slice(0, 4);
  return submissionMonth(paper.id)?.slice(0, 4) ?? '';
}

const SAFE_DOI = /^10\.\d{4,9}\/[^\s{}%\\"#]+$/;
const SAFE_CLASS = /^[A-Za-z-]+(\.[A-Za-z-]+)?$/;

/**
 * An arXiv-style entry (the fields and order of arXiv's "Export BibTeX citation"):
 * title, author, year, eprint, archivePrefix, primaryClass, doi, url. Without authors a
 * `key` field is written so bibtex styles can sort and label the entry without warnings.
 */
export function formatBibtexEntry({ paper, key }: BibtexEntryInput, options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  const indent = options.indent ?? '  ';
  const fields: [string, string][] = [];
  const title = encodeBibtexText(paper.title, { protectCase: true });
  fields.push(['title', title]);
  // Author names and the key field become natbib's \bibitem[Label(Year)]: a bare parenthesis or
  // square bracket in them ("A. Smith (MIT)") would end the label early, so those are braced.
  const authors = braceParentheses(encodeBibtexAuthors(paper.authors));
  if (authors) fields.push(['author', authors]);
  // The key field only sorts and labels; bibtex styles stop at 500 characters (entry-string-size).
  else fields.push(['key', braceParentheses(encodeBibtexText(sortLabel(paper.title))) || paper.id]);
  const year = bibtexYear(paper);
  if (year) fields.push(['year', year]);
  fields.push(['eprint', paper.id]);
  fields.push(['archivePrefix', 'arXiv']);
  const primary = paper.categories[0];
  if (primary && SAFE_CLASS.test(primary)) fields.push(['primaryClass', primary]);
  if (paper.doi && SAFE_DOI.test(paper.doi) && !/^10\.48550\//i.test(paper.doi)) fields.push(['doi', paper.doi]);
  fields.push(['url', absUrl(paper.id)]);
  const body = fields.map(([name, value]) => `${indent}${name} = {${value}},`).join(eol);
  return `@misc{${key},${eol}${body}${eol}}`;
}

function braceParentheses(value: string): string {
  return value.replace(/[()[\]]/g, (c) => `{${c}}`);
}

/** The title's first 100 characters, cut at a space when there is one: enough to sort by. */
function sortLabel(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  if (flat.length <= 100) return flat;
  const cut = flat.slice(0, 100);
  const space = cut.lastIndexOf(' ');
  return space > 50 ? cut.slice(0, space) : cut;
}

/** Several entries separated by blank lines, ending with a line break. */
export function formatBibtexEntries(entries: readonly BibtexEntryInput[], options: FormatOptions = {}): string {
  const eol = options.eol ?? '\n';
  return entries.map((e) => formatBibtexEntry(e, options)).join(eol + eol) + eol;
}

// ---------------------------------------------------------------------------------------------
// Reading .bib files

export interface BibEntry {
  /** Entry type, lower-case ('misc', 'article'). */
  type: string;
  key: string;
  /** Field name (lower-case) -> value: outer delimiters removed, `#` concatenations and @string macros resolved. */
  fields: Record<string, string>;
  /** Offsets of the entry in the text: from its '@' to just after its closing delimiter. */
  start: number;
  end: number;
  /** Offsets of the key. */
  keyStart: number;
  keyEnd: number;
  /** Where the entry starts (1-based). */
  location: { line: number; column: number };
}

export interface BibParseResult {
  entries: BibEntry[];
  /** @string definitions (lower-case name -> value). */
  strings: Record<string, string>;
  problems: Problem[];
}

const MONTHS: Record<string, string> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

class BibSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * A tolerant .bib reader: everything outside entries is a comment, @comment/@preamble are
 * skipped, @string macros are expanded, and a broken entry costs only itself (reading resumes
 * at the next line starting with '@'). Never throws.
 */
export function parseBibtex(text: string, file = ''): BibParseResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const locate = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const entries: BibEntry[] = [];
  const strings: Record<string, string> = {};
  const problems: Problem[] = [];
  const seenKeys = new Map<string, number>();
  const problem = (severity: Problem['severity'], message: string, offset: number, code: string) =>
    problems.push({ severity, message, code, location: { file, ...locate(offset) } });

  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (message: string, code = 'bib-syntax'): never => {
    throw new BibSyntaxError(message, i, code);
  };
  const readBraced = (): string => {
    // text[i] === '{'
    const begin = i + 1;
    let depth = 0;
    // bibtex and biber count every brace, "\{" included, so this does too.
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        return text.slice(begin, i - 1);
      } else if (
        c === '@' &&
        depth === 1 &&
        /\n\s*$/.test(text.slice(Math.max(0, i - 80), i)) &&
        /^@[A-Za-z]+\s*[{(]/.test(text.slice(i, i + 40))
      ) {
        fail('Unbalanced braces: the value runs into the next entry.', 'bib-unbalanced');
      }
    }
    return fail('Unbalanced braces: the value is not closed.', 'bib-unbalanced');
  };
  const readQuoted = (): string => {
    const begin = ++i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        i++;
        return text.slice(begin, i - 1);
      }
    }
    return fail('A quoted value is not closed.', 'bib-unbalanced');
  };
  const readValue = (): string => {
    let value = '';
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === '{') value += readBraced();
      else if (c === '"') value += readQuoted();
      else {
        const word = /^[^\s,#{}()"=]+/.exec(text.slice(i, i + 200))?.[0];
        if (!word) fail('A field value is missing.', 'bib-missing-value');
        const start = i;
        i += word!.length;
        if (/^\d+$/.test(word!)) value += word;
        else {
          const name = word!.toLowerCase();
          if (strings[name] !== undefined) value += strings[name];
          else if (MONTHS[name]) value += MONTHS[name];
          else {
            problem('warning', `Unknown @string macro "${word}".`, start, 'bib-unknown-macro');
            value += word;
          }
        }
      }
      skipSpace();
      if (text[i] === '#') {
        i++;
        continue;
      }
      return value;
    }
  };

  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    i = at + 1;
    // A '%' line is a comment for people (and biber), even though bibtex itself ignores '%'.
    if (/^[ \t]*%/.test(text.slice(text.lastIndexOf('\n', at) + 1, at))) continue;
    const type = /^[A-Za-z][\w-]*/.exec(text.slice(i, i + 64))?.[0];
    if (!type) continue;
    i += type.length;
    skipSpace();
    const open = text[i];
    if (open !== '{' && open !== '(') continue; // an '@' in a comment
    const close = open === '{' ? '}' : ')';
    const lower = type.toLowerCase();
    try {
      if (lower === 'comment') {
        if (open === '{') readBraced();
        else i = text.indexOf(')', i) < 0 ? text.length : text.indexOf(')', i) + 1;
        continue;
      }
      i++;
      if (lower === 'preamble') {
        readValue();
        skipSpace();
        if (text[i] !== close) fail(`Expected "${close}" to close @preamble.`);
        i++;
        continue;
      }
      if (lower === 'string') {
        skipSpace();
        const name = /^[^\s={}(),#"]+/.exec(text.slice(i, i + 200))?.[0];
        if (!name) fail('@string needs a name.');
        i += name!.length;
        skipSpace();
        if (text[i] !== '=') fail('Expected "=" in @string.');
        i++;
        strings[name!.toLowerCase()] = readValue();
        skipSpace();
        if (text[i] !== close) fail(`Expected "${close}" to close @string.`);
        i++;
        continue;
      }
      skipSpace();
      const keyStart = i;
      const keyMatch = (open === '{' ? /^[^\s,{}]*/ : /^[^\s,{}()]*/).exec(text.slice(i, i + 1000))![0];
      i += keyMatch.length;
      const entry: BibEntry = {
        type: lower,
        key: keyMatch,
        fields: {},
        start: at,
        end: at,
        keyStart,
        keyEnd: i,
        location: locate(at),
      };
      if (!keyMatch) problem('warning', `@${type} entry without a key.`, at, 'bib-missing-key');
      try {
        for (;;) {
          skipSpace();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === close) {
            i++;
            break;
          }
          if (i >= text.length) fail(`Entry "${keyMatch}" is not closed.`, 'bib-unclosed');
          const name = /^[^\s=,{}()"#]+/.exec(text.slice(i, i + 200))?.[0];
          if (!name) fail(`Unexpected "${text[i]}" in entry "${keyMatch}".`);
          i += name!.length;
          skipSpace();
          if (text[i] !== '=') fail(`Expected "=" after field "${name}" in entry "${keyMatch}".`);
          i++;
          const field = name!.toLowerCase();
          const value = readValue();
          if (field in entry.fields)
            problem('warning', `Field "${field}" appears twice in entry "${keyMatch}".`, i, 'bib-duplicate-field');
          else entry.fields[field] = value;
        }
      } finally {
        entry.end = i;
        if (keyMatch) {
          if (seenKeys.has(keyMatch)) problem('warning', `Duplicate key "${keyMatch}".`, at, 'bib-duplicate-key');
          else seenKeys.set(keyMatch, entries.length);
          entries.push(entry);
        }
      }
    } catch (err) {
      if (!(err instanceof BibSyntaxError)) throw err;
      problem('error', err.message, err.offset, err.code);
      // Resume at the next line that starts an entry.
      const resume = /^[ \t]*@/gm;
      resume.lastIndex = Math.max(at + 1, text.lastIndexOf('\n', err.offset - 1) + 1);
      const m = resume.exec(text);
      i = m ? m.index : text.length;
    }
  }
  return { entries, strings, problems };
}

const ARXIV_PREFIXES = /^(arxiv|arXiv)$/i;

/**
 * The arXiv id (canonical, without version) an entry refers to, from whichever field names it:
 * eprint (when archivePrefix/eprinttype is arXiv or absent), arxivid/arxiv, url, doi
 * (10.48550/arXiv.*), or a mention in note/howpublished/journal. Undefined when none does.
 */
export function arxivIdOfBibEntry(entry: Pick<BibEntry, 'fields'>): string | undefined {
  const f = entry.fields;
  const prefix = (f['archiveprefix'] ?? f['eprinttype'] ?? '').trim();
  if (f['eprint'] && (!prefix || ARXIV_PREFIXES.test(prefix))) {
    const id = parseArxivId(f['eprint'].trim())?.id;
    if (id) return id;
  }
  for (const name of ['arxivid', 'arxiv', 'url', 'doi', 'eprint']) {
    const value = f[name]?.trim();
    if (!value) continue;
    if (name === 'eprint' && prefix && !ARXIV_PREFIXES.test(prefix)) continue;
    const direct = parseArxivId(value)?.id ?? parseArxivId(value.replace(/^doi:\s*/i, ''))?.id;
    if (direct) return direct;
    if (name === 'url' || name === 'doi') {
      const inside = findArxivIds(value).find((m) => m.form === 'url' || m.form === 'doi');
      if (inside) return inside.id;
    }
  }
  for (const name of ['note', 'howpublished', 'journal', 'booktitle', 'publisher']) {
    const value = f[name];
    if (!value || !/arxiv/i.test(value)) continue;
    const found = findArxivIds(value).find((m) => m.form !== 'bare' || /arxiv/i.test(value));
    if (found) return found.id;
  }
  return undefined;
}

/** True when `key` is usable as a BibTeX/biber key (no spaces, commas, braces, quotes, '#', '%'). */
export function isValidBibKey(key: string): boolean {
  return /^[^\s,{}()"#%'=\\~]+$/.test(key);
}
