// CONTRACT (filled in by the core-ids work): signatures are fixed; bodies are being written.
export type ArxivScheme = 'new' | 'old';

export interface ArxivId {
  /** Canonical id without version: '2510.01152', 'hep-th/9901001', 'math/0309136' (subject class dropped). */
  id: string;
  version?: number;
  scheme: ArxivScheme;
}

export type ArxivIdForm = 'prefixed' | 'bare' | 'url' | 'doi';

export interface ArxivIdMatch extends ArxivId {
  /** Offsets into the scanned text: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
  form: ArxivIdForm;
}

/** The whole string is one id in any accepted form (bare, arXiv: prefix, URL, DOI); else undefined. */
export function parseArxivId(_text: string): ArxivId | undefined {
  throw new Error('parseArxivId: not written yet');
}

/** Canonical id (no version) for any accepted form, or undefined. */
export function normalizeArxivId(text: string): string | undefined {
  return parseArxivId(text)?.id;
}

/** Every id mentioned in free text, left to right, without the traps (versions, decimals, IPs, bad months). */
export function findArxivIds(_text: string): ArxivIdMatch[] {
  throw new Error('findArxivIds: not written yet');
}

/** The id whose match covers `offset` in `text` (e.g. one line, for a hover), if any. */
export function findArxivIdAt(text: string, offset: number): ArxivIdMatch | undefined {
  return findArxivIds(text).find((m) => m.start <= offset && offset <= m.end);
}

export function absUrl(id: string, version?: number): string {
  return `https://arxiv.org/abs/${id}${version ? `v${version}` : ''}`;
}

export function pdfUrl(id: string, version?: number): string {
  return `https://arxiv.org/pdf/${id}${version ? `v${version}` : ''}`;
}

export function doi(id: string): string {
  return `10.48550/arXiv.${id}`;
}

export function doiUrl(id: string): string {
  return `https://doi.org/${doi(id)}`;
}

/** 'YYYY-MM' of first submission encoded in the id, or undefined when the id is not valid. */
export function submissionMonth(_id: string): string | undefined {
  throw new Error('submissionMonth: not written yet');
}
