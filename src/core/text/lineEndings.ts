// The line ending of a text, decided once for every writer (collection files, .bib files).

export type Eol = '\n' | '\r\n';

/**
 * The line ending `text` mostly uses, by VS Code's own rule (so what is written matches what the
 * editor shows for the file): '\r\n' when more than half of its line breaks are CRLF (a lone CR
 * counts with them), else '\n'; '\n' for a text without line breaks.
 */
export function eolOf(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) cr++;
  const total = crlf + lf + cr;
  return total > 0 && crlf + cr > total / 2 ? '\r\n' : '\n';
}
