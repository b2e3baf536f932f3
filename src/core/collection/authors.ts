// Author lists as the collection format writes them: split on reading, joined on writing.
import { collapseSpace } from '../text/spaces';
/**
 * Authors separated by ';', or by ' and ' and ','. BibTeX-style "Last, First and Last, First"
 * (every ' and '-part has exactly one comma) becomes "First Last".
 */
export function splitAuthors(value: string): string[] {
  const text = collapseSpace(value);
  if (!text) return [];
  if (text.includes(';')) return clean(text.split(';'));
  const byAnd = text.split(/\s+and\s+/);
  if (byAnd.length > 1 && byAnd.every((p) => p.split(',').length === 2 && !/,\s*$/.test(p))) {
    return clean(
      byAnd.map((p) => {
        const [last, firstName] = p.split(',');
        return `${firstName.trim()} ${last.trim()}`;
      }),
    );
  }
  return clean(byAnd.flatMap((p) => p.split(',')));

  function clean(names: string[]): string[] {
    return names.map((n) => n.replace(/^and\s+/, '').trim()).filter(Boolean);
  }
}

export function formatAuthors(authors: readonly string[]): string {
  const names = authors.map((a) => collapseSpace(a).replace(/;/g, ',')).filter(Boolean);
  // ' and ' reads naturally; ';' when a name itself holds a comma or the word 'and'.
  const needsSemicolons = names.some((n) => n.includes(',') || /(^|\s)and(\s|$)/.test(n));
  if (!needsSemicolons) return names.join(' and ');
  // A lone 'Lovelace, Ada' needs a ';' too, or it would read as two authors.
  return names.length === 1 ? `${names[0]};` : names.join('; ');
}
