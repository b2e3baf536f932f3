// Writing characters as 7-bit LaTeX that bibtex and biber accept: a stray %, &, #, _, ^, $,
// trailing backslash or unbalanced brace can never break a run.
import { readTeX } from './texReading';
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
      // `{\relax ...}` makes the run one "special character" for bibtex's text.prefix$ and
      // format.name$, so alpha labels and initials never cut a UTF-8 sequence in half.
      const tex = w.map((x) => (x.raw ? `{\\relax ${x.tex}}` : x.tex)).join('');
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
