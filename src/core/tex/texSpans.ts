// What reading TeX-ish text produces: typed spans of readable text, one list per paragraph.

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

export type Style = 'text' | 'strong' | 'em' | 'code';

export function spansToPlain(spans: readonly TexSpan[]): string {
  return spans
    .map((s) => s.text)
    .join('')
    .replace(/[ \t\u00a0]+/g, (m) => (m.includes('\u00a0') && m.length === 1 ? m : ' '))
    .trim();
}

/** Adjacent spans of one kind merged, leading/trailing spaces of the paragraph trimmed. */
export function normaliseSpans(spans: TexSpan[]): TexSpan[] {
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
