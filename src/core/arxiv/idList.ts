import { parseArxivId, type ArxivId } from './arxivId';

export interface IdList {
  /** Distinct ids in the order given (the first version named wins). */
  ids: ArxivId[];
  /** Pieces that are not arXiv ids or links, as typed. */
  invalid: string[];
}

/**
 * Several arXiv ids or links typed or pasted at once, separated by spaces, commas, semicolons or
 * new lines: '2510.01152, arXiv:hep-th/9711200v2 https://arxiv.org/abs/1706.03762'.
 */
export function parseIdList(text: string): IdList {
  const ids: ArxivId[] = [];
  const invalid: string[] = [];
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!;
    // "arXiv: 2510.01152" (a space after the prefix) is one id.
    if (/^arxiv:?$/i.test(token) && i + 1 < tokens.length) token = `arXiv:${tokens[++i]}`;
    const parsed = parseArxivId(token.replace(/^[<([{"'`]+|[>)\]}"'`.]+$/g, ''));
    if (!parsed) invalid.push(token);
    else if (!ids.some((known) => known.id === parsed.id)) ids.push(parsed);
  }
  return { ids, invalid };
}
