// What a cite key may be. A key goes raw into `\cite{...}`, into `[@...]` and into the `.bib`, so
// it must be read the same way by LaTeX, BibTeX, biber/biblatex and Pandoc at once. The
// intersection of what they accept is kept conservative:
//   - ASCII letters, digits and `_`, with single `:` `.` `-` `/` `+` between them (Pandoc reads a
//     bare `@key` only with "internal" punctuation, one at a time, and ends a key at anything else);
//   - starting with a letter, a digit or `_`; at most MAX_CITE_KEY_LENGTH characters.
// So no space, comma, brace, quote, `%`, `#`, `~`, `\`, `=`, `$`, `&`, `^`, `;`, `[`, `]`, `@`, no
// control character, no bidirectional or invisible format character and no non-ASCII letter.

/** The longest key accepted or made. */
export const MAX_CITE_KEY_LENGTH = 64;

const KEY_SHAPE = /^[A-Za-z0-9_]+(?:[:.\-/+][A-Za-z0-9_]+)*$/;

/** True when `key` is safe for LaTeX, BibTeX, biblatex and Pandoc alike. */
export function isSafeCiteKey(key: string): boolean {
  return key.length > 0 && key.length <= MAX_CITE_KEY_LENGTH && KEY_SHAPE.test(key);
}

/** Why `key` cannot be a cite key, as the end of a sentence; undefined when it can. */
export function citeKeyProblem(key: string): string | undefined {
  if (isSafeCiteKey(key)) return undefined;
  if (!key) return 'it is empty';
  if (key.length > MAX_CITE_KEY_LENGTH) return `it is ${key.length} characters long (at most ${MAX_CITE_KEY_LENGTH})`;
  const bad = /[^A-Za-z0-9_:.\-/+]/u.exec(key);
  if (bad) return `it holds ${describeCharacter(bad[0])}`;
  return 'punctuation (: . - / +) may only stand alone between letters or digits';
}

/**
 * A key made from text (a pattern's expansion): only the safe characters, punctuation runs
 * collapsed to their first character and trimmed from the ends, and at most `max` characters.
 */
export function shapeCiteKey(raw: string, max = MAX_CITE_KEY_LENGTH): string {
  let key = raw
    .replace(/[^A-Za-z0-9_:.\-/+]+/g, '')
    .replace(/([:.\-/+])[:.\-/+]+/g, '$1')
    .replace(/^[:.\-/+]+/, '');
  if (key.length > max) key = key.slice(0, max);
  return key.replace(/[:.\-/+]+$/, '');
}

function describeCharacter(c: string): string {
  const code = c.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `a control character (${hex})`;
  if (/\s/u.test(c)) return `white space (${hex})`;
  if (/\p{Cf}/u.test(c)) return `an invisible format character (${hex})`;
  if (code > 0x7e) return `a non-ASCII character "${c}" (${hex})`;
  return `"${c}"`;
}
