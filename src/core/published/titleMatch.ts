// Is a Crossref record the paper? Only when its title is the paper's title, allowing for case,
// punctuation, TeX (accents, escapes, math), accents written as Unicode, and JATS markup (<i>…</i>).
import { latexToText } from '../bibtex/texReading';
import { SYMBOLS } from '../tex/texSymbols';
import { stripMarkup } from './crossrefWork';

/** Letters and digits only, lower-case, accents dropped, symbol macros (\\alpha) as their characters. */
export function titleFingerprint(title: string, { tex = true } = {}): string {
  const plain = tex ? latexToText(title) : stripMarkup(title);
  return plain
    .replace(/\\([A-Za-z]+)/g, (_whole, name: string) => SYMBOLS[name] ?? ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * True when a record's title (with or without its subtitle) is the paper's title. The paper's
 * title is TeX-ish source (arXiv metadata); the record's is JATS/HTML text.
 */
export function titlesMatch(paperTitle: string, recordTitle: string, recordSubtitle = ''): boolean {
  const mine = titleFingerprint(paperTitle);
  if (!mine) return false;
  const theirs = titleFingerprint(recordTitle, { tex: false });
  if (theirs === mine) return true;
  return !!recordSubtitle && titleFingerprint(`${recordTitle} ${recordSubtitle}`, { tex: false }) === mine;
}
