// TeX math as readable Unicode text, and the scanning helpers it shares with the inline reader.
import { DOUBLE_STRUCK, ESCAPED_CHARS, STYLE_MACROS, SUBSCRIPTS, SUPERSCRIPTS, SYMBOLS, script } from './texSymbols';

export function skipSpaces(s: string, i: number): number {
  while (s[i] === ' ') i++;
  return i;
}

/** Index of the '}' closing the '{' at `open`, or -1. Escaped braces do not count. */
export function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

export function findClosingDollar(s: string, from: number, display: boolean): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '$' && (!display || s[i + 1] === '$')) return i;
  }
  return -1;
}

/** End of a \frac{..}{..} or \sqrt[..]{..} written outside $..$. */
export function scanMathCommand(s: string, i: number): number {
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
