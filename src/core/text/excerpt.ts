// Text quoted back to the user in a message (the Problems panel, the CLI's check, a warning): a
// short excerpt, with control, bidirectional and invisible characters written out as \uXXXX so a
// message can neither hide what it quotes nor reorder or recolour the text around it.
import { hasInvisible } from './invisible';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** At most `max` characters of `text` (an ellipsis marks the cut), every unseen character made visible. */
export function messageExcerpt(text: string, max = 60): string {
  const chars = Array.from(text);
  const shown = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  return shown.map((c) => (CONTROL.test(c) || hasInvisible(c) ? visible(c) : c)).join('');
}

function visible(c: string): string {
  const code = c.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
