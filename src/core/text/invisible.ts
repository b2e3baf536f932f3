// Characters that change how text reads without being seen: bidirectional embeddings, overrides
// and isolates (a title "\u202Efdp.exe" shows as "exe.pdf"), the Arabic letter mark, zero-width
// spaces and joiners, word joiners and invisible operators, the byte-order mark, interlinear
// annotation marks and the invisible "tag" characters. Text from collection files, arXiv answers
// and .bib files is shown with them removed (neutraliseInvisible), and they are refused outright
// in cite keys and ids (hasInvisible).

const INVISIBLE_SOURCE =
  '[\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}]';
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'u');
const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, 'gu');
/** Every code point of the set is above U+0600: plain ASCII and Latin text skips the regex. */
const MAYBE = /[\u0600-\uffff]/;

/** True when `text` holds a bidirectional control or an invisible format character. */
export function hasInvisible(text: string): boolean {
  return MAYBE.test(text) && INVISIBLE.test(text);
}

/** `text` without bidirectional controls and invisible format characters, for display. */
export function neutraliseInvisible(text: string): string {
  return MAYBE.test(text) ? text.replace(INVISIBLE_ALL, '') : text;
}

/** The first such character as "U+202E", for messages; undefined when there is none. */
export function firstInvisible(text: string): string | undefined {
  if (!MAYBE.test(text)) return undefined;
  const m = INVISIBLE.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * Text as one line for a label (a theme name, an author, a tag): no control character, no
 * bidirectional or invisible format character, white space collapsed.
 */
export function displayLine(text: string): string {
  return neutraliseInvisible(text)
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
