// arXiv identifiers: recognising, normalising and formatting them (see arXiv's "Understanding the
// arXiv identifier" help page). Pure domain code: runs in Node, a browser and the CLI.
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

/**
 * Archives of the old scheme (1991 to March 2007), including those merged into others later
 * (alg-geom, funct-an, chao-dyn, ...). An old-style id must name one of these.
 */
export const OLD_ARXIV_ARCHIVES: ReadonlySet<string> = new Set([
  // Archives still in use.
  'astro-ph', 'cond-mat', 'cs', 'gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph',
  'nlin', 'nucl-ex', 'nucl-th', 'physics', 'q-bio', 'q-fin', 'quant-ph', 'stat',
  // Archives that were folded into others.
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'atom-ph', 'bayes-an', 'chao-dyn', 'chem-ph',
  'cmp-lg', 'comp-gas', 'dg-ga', 'funct-an', 'mtrl-th', 'patt-sol', 'plasm-ph', 'q-alg',
  'solv-int', 'supr-con',
]);

// Every id contains one of these "anchors": YYMM.NNNN(N) for the new scheme, /YYMMNNN for the old.
// The scanner finds anchors with one precompiled global regex and only then looks around them.
const ANCHOR = /(?:\d{4}\.\d{4,5}|\/\d{7})/g; // no capture groups: measurably faster in V8

// What may stand before the id, matched against a short window that ends where the id starts.
// Leftmost match = longest prefix, so 'https://arxiv.org/abs/' wins over 'arxiv.org/abs/'.
const PREFIX_SRC =
  '(?:((?:https?:\\/\\/)?(?:www\\.|export\\.)?arxiv\\.org\\/(?:abs|pdf|html)\\/)' + // 1: url
  '|((?:(?:https?:\\/\\/)?(?:dx\\.)?doi\\.org\\/|doi:[ \\t]?)?10\\.48550\\/arxiv\\.)' + // 2: doi
  '|(arxiv(?::[ \\t]?|[ \\t])))'; // 3: prefixed
const NEW_PREFIX = new RegExp(`${PREFIX_SRC}$`, 'i');
// Old scheme: optional prefix, archive, optional subject class, right before the '/'.
const OLD_PREFIX = new RegExp(`${PREFIX_SRC}?([a-z]+(?:-[a-z]+)?)(?:\\.([a-z][a-z-]+))?$`, 'i');
const WINDOW = 64;
const VERSION = /v([1-9]\d*)/y;
const PDF_SUFFIX = /\.pdf/iy;

/** The whole string is one id in any accepted form (bare, arXiv: prefix, URL, DOI); else undefined. */
export function parseArxivId(text: string): ArxivId | undefined {
  const trimmed = text.trim();
  if (trimmed.length < 9 || trimmed.length > 200) return undefined;
  const matches = findArxivIds(trimmed);
  if (matches.length !== 1) return undefined;
  const [m] = matches;
  if (m.start !== 0 || m.end !== trimmed.length) return undefined;
  return m.version === undefined ? { id: m.id, scheme: m.scheme } : { id: m.id, version: m.version, scheme: m.scheme };
}

/** Canonical id (no version) for any accepted form, or undefined. */
export function normalizeArxivId(text: string): string | undefined {
  return parseArxivId(text)?.id;
}

/** Every id mentioned in free text, left to right, without the traps (versions, decimals, IPs, bad months). */
export function findArxivIds(text: string): ArxivIdMatch[] {
  const out: ArxivIdMatch[] = [];
  // Cheap pre-check: no '.' followed by digits and no '/' means no anchor can exist.
  if (text.indexOf('.') < 0 && text.indexOf('/') < 0) return out;
  // One shared regex: safe because nothing below re-enters findArxivIds while it is in use.
  const anchor = ANCHOR;
  anchor.lastIndex = 0;
  let a: RegExpExecArray | null;
  while ((a = anchor.exec(text)) !== null) {
    const match = a[0].charCodeAt(0) === 0x2f ? matchOld(text, a.index, a[0].slice(1)) : matchNew(text, a.index, a[0]);
    if (match) {
      out.push(match);
      anchor.lastIndex = match.end;
    }
  }
  anchor.lastIndex = 0;
  return out;
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

/** The id with its version suffix, as arXiv writes it: '2510.01152v2' (no suffix without a version). */
export function formatArxivId(id: string, version?: number): string {
  return version && version > 0 ? `${id}v${version}` : id;
}

/** True for a canonical new-scheme id (YYMM.NNNNN); false for old-scheme ids and non-ids. */
export function isNewScheme(id: string): boolean {
  return parseArxivId(id)?.scheme === 'new';
}

/** 'YYYY-MM' of first submission encoded in the id, or undefined when the id is not valid. */
export function submissionMonth(id: string): string | undefined {
  const parsed = parseArxivId(id);
  if (!parsed) return undefined;
  const digits = parsed.scheme === 'new' ? parsed.id : parsed.id.slice(parsed.id.indexOf('/') + 1);
  const yy = Number(digits.slice(0, 2));
  const century = parsed.scheme === 'new' || yy < 91 ? 2000 : 1900;
  return `${century + yy}-${digits.slice(2, 4)}`;
}

/** True when YYMM and the number's length fit the new scheme (0704-1412: 4 digits, 1501 on: 5). */
export function isValidNewScheme(yymm: string, number: string): boolean {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2, 4));
  if (mm < 1 || mm > 12) return false;
  const ym = yy * 100 + mm;
  if (ym < 704) return false;
  return number.length === (ym <= 1412 ? 4 : 5);
}

/** True when YYMM lies within the old scheme's life (August 1991 to March 2007). */
export function isValidOldScheme(yymm: string): boolean {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2, 4));
  if (mm < 1 || mm > 12) return false;
  if (yy >= 91) return yy * 100 + mm >= 9108;
  return yy * 100 + mm <= 703;
}

function matchNew(text: string, idStart: number, id: string): ArxivIdMatch | undefined {
  if (!isValidNewScheme(id.slice(0, 4), id.slice(5))) return undefined;
  const prefix = prefixBefore(text, idStart);
  if (prefix === null) return undefined;
  return finish(text, prefix.start, idStart + id.length, id, 'new', prefix.form);
}

function matchOld(text: string, slash: number, digits: string): ArxivIdMatch | undefined {
  if (!isValidOldScheme(digits)) return undefined;
  const windowStart = Math.max(0, slash - WINDOW);
  const m = OLD_PREFIX.exec(text.slice(windowStart, slash));
  if (!m) return undefined;
  const archive = m[4].toLowerCase();
  if (!OLD_ARXIV_ARCHIVES.has(archive)) return undefined;
  const form: ArxivIdForm = m[1] ? 'url' : m[2] ? 'doi' : m[3] ? 'prefixed' : 'bare';
  const start = windowStart + m.index;
  if (!prefixBoundaryOk(text, start, form)) return undefined;
  // 'x-hep-th/9901001': a bare archive name glued to a word by a hyphen is not an id.
  if (form === 'bare' && start > 0 && text.charCodeAt(start - 1) === 0x2d) return undefined;
  return finish(text, start, slash + 8, `${archive}/${digits}`, 'old', form);
}

/** The form and start of what precedes a new-scheme id, or null when the id is glued to something. */
function prefixBefore(text: string, idStart: number): { start: number; form: ArxivIdForm } | null {
  const before = idStart > 0 ? text.charCodeAt(idStart - 1) : -1;
  // Only these characters can end a prefix: '/' (URL), '.' (DOI), ':' / ' ' / '\t' (arXiv:).
  if (before === 0x2f || before === 0x2e || before === 0x3a || before === 0x20 || before === 0x09) {
    const windowStart = Math.max(0, idStart - WINDOW);
    const m = NEW_PREFIX.exec(text.slice(windowStart, idStart));
    if (m) {
      const form: ArxivIdForm = m[1] ? 'url' : m[2] ? 'doi' : 'prefixed';
      const start = windowStart + m.index;
      if (prefixBoundaryOk(text, start, form)) return { start, form };
      if (form !== 'prefixed') return null;
    }
  }
  return bareBoundaryOk(text, idStart) ? { start: idStart, form: 'bare' } : null;
}

/** Adds the version (and '.pdf' for URLs) after the digits and checks nothing is glued on the right. */
function finish(
  text: string,
  start: number,
  digitsEnd: number,
  id: string,
  scheme: ArxivScheme,
  form: ArxivIdForm,
): ArxivIdMatch | undefined {
  let end = digitsEnd;
  let version: number | undefined;
  if (text.charCodeAt(end) === 0x76 /* v */) {
    VERSION.lastIndex = end;
    const v = VERSION.exec(text);
    if (v) {
      version = Number(v[1]);
      if (!Number.isSafeInteger(version)) return undefined;
      end = VERSION.lastIndex;
    }
  }
  if (form === 'url' && text.charCodeAt(end) === 0x2e) {
    PDF_SUFFIX.lastIndex = end;
    if (PDF_SUFFIX.test(text)) end = PDF_SUFFIX.lastIndex;
  }
  if (!rightBoundaryOk(text, end)) return undefined;
  const match: ArxivIdMatch = { id, scheme, start, end, text: text.slice(start, end), form };
  if (version !== undefined) match.version = version;
  return match;
}

function isWordChar(code: number): boolean {
  if (code < 0) return false;
  if (code < 128) {
    return (
      (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f
    );
  }
  return WORD_UNICODE.test(String.fromCharCode(code));
}
const WORD_UNICODE = /[\p{L}\p{N}\p{M}]/u;

/** A bare id must stand alone: not after a digit, letter, '.', '/', '\', '$' or '_'. */
function bareBoundaryOk(text: string, start: number): boolean {
  if (start === 0) return true;
  const c = text.charCodeAt(start - 1);
  return !(isWordChar(c) || c === 0x2e || c === 0x2f || c === 0x5c || c === 0x24);
}

function prefixBoundaryOk(text: string, start: number, form: ArxivIdForm): boolean {
  if (form === 'bare') return bareBoundaryOk(text, start);
  if (start === 0) return true;
  const c = text.charCodeAt(start - 1);
  if (isWordChar(c)) return false;
  // 'arxiv.org/...' or '10.48550/...' inside a longer host or path is not an arXiv link.
  const head = text.charCodeAt(start);
  const schemeLess = head !== 0x68 && head !== 0x48; // not 'http'
  return !(schemeLess && form !== 'prefixed' && (c === 0x2e || c === 0x2f || c === 0x2d));
}

/** Nothing glued on the right: no letter or digit, and no '.digit' (a longer number or version string). */
function rightBoundaryOk(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const c = text.charCodeAt(end);
  if (isWordChar(c)) return false;
  if (c === 0x2e) {
    const next = text.charCodeAt(end + 1);
    return !(next >= 0x30 && next <= 0x39);
  }
  return true;
}
