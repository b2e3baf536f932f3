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
  'astro-ph',
  'cond-mat',
  'cs',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'physics',
  'q-bio',
  'q-fin',
  'quant-ph',
  'stat',
  // Archives that were folded into others.
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'dg-ga',
  'funct-an',
  'mtrl-th',
  'patt-sol',
  'plasm-ph',
  'q-alg',
  'solv-int',
  'supr-con',
]);

// Every id contains one of these "anchors": YYMM.NNNN(N) for the new scheme, /YYMMNNN for the old.
// The scanner finds anchors with one precompiled global regex and only then looks around them.
const ANCHOR = /(?:\d{4}\.\d{4,5}|\/\d{7})/g; // no capture groups: measurably faster in V8

// URL and DOI prefixes, matched against a short window that ends where the id starts.
// Leftmost match = longest prefix, so 'https://arxiv.org/abs/' wins over 'arxiv.org/abs/'.
const URL_PREFIX = /(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/$/i;
const DOI_PREFIX = /(?:(?:https?:\/\/)?(?:dx\.)?doi\.org\/|doi:[ \t]?)?10\.48550\/arxiv\.$/i;
const PREFIX_WINDOW = 40;
/** An old-scheme subject class: 'GT', 'mes-hall', 'acc-ph'. */
const SUBJECT_CLASS = /^[A-Za-z][A-Za-z-]+$/;
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
  // test() instead of exec(): no result array per candidate; the anchor's kind follows from
  // where its '.' is (YYMM.NNNN ends '.'+4, YYMM.NNNNN ends '.'+5, /YYMMNNN has none).
  const anchor = ANCHOR;
  anchor.lastIndex = 0;
  while (anchor.test(text)) {
    const end = anchor.lastIndex;
    const match =
      text.charCodeAt(end - 5) === 0x2e
        ? matchNew(text, end - 9, end)
        : text.charCodeAt(end - 6) === 0x2e
          ? matchNew(text, end - 10, end)
          : matchOld(text, end - 8);
    if (match) {
      out.push(match);
      anchor.lastIndex = match.end;
    }
  }
  anchor.lastIndex = 0;
  return out;
}

/** The canonical id of the first arXiv id `text` mentions, in any form (bare, arXiv:, versioned, URL, DOI). */
export function firstArxivId(text: string): string | undefined {
  return findArxivIds(text)[0]?.id;
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

/** YYMM and the number's length fit the new scheme (0704-1412: 4 digits, 1501 on: 5). */
function fitsNewScheme(yy: number, mm: number, digits: number): boolean {
  if (mm < 1 || mm > 12) return false;
  const ym = yy * 100 + mm;
  return ym >= 704 && digits === (ym <= 1412 ? 4 : 5);
}

/** YYMM lies within the old scheme's life (August 1991 to March 2007). */
function fitsOldScheme(yy: number, mm: number): boolean {
  if (mm < 1 || mm > 12) return false;
  return yy >= 91 ? yy * 100 + mm >= 9108 : yy * 100 + mm <= 703;
}

/** Two decimal digits of `text` at `i` as a number. */
function twoDigits(text: string, i: number): number {
  return (text.charCodeAt(i) - 0x30) * 10 + (text.charCodeAt(i + 1) - 0x30);
}

/** A new-scheme candidate 'YYMM.NNNN(N)' at [start, end). */
function matchNew(text: string, start: number, end: number): ArxivIdMatch | undefined {
  if (!fitsNewScheme(twoDigits(text, start), twoDigits(text, start + 2), end - start - 5)) return undefined;
  const prefix = prefixBefore(text, start);
  if (prefix === null) return undefined;
  return finish(text, prefix.start, end, text.slice(start, end), 'new', prefix.form);
}

/** An old-scheme candidate: '/YYMMNNN' at `slash`, to be preceded by 'archive' or 'archive.SUBJECT'. */
function matchOld(text: string, slash: number): ArxivIdMatch | undefined {
  if (!fitsOldScheme(twoDigits(text, slash + 1), twoDigits(text, slash + 3))) return undefined;
  // Walk back over the last [A-Za-z-] run before the slash ...
  const segment = archiveRunStart(text, slash);
  if (segment === slash) return undefined;
  let start = segment;
  let archive = text.slice(segment, slash).toLowerCase();
  // ... and, after a '.', the run before it: 'math.GT/...' names archive 'math', class 'GT'.
  if (segment > 0 && text.charCodeAt(segment - 1) === 0x2e) {
    const before = archiveRunStart(text, segment - 1);
    const outer = text.slice(before, segment - 1).toLowerCase();
    if (OLD_ARXIV_ARCHIVES.has(outer) && SUBJECT_CLASS.test(text.slice(segment, slash))) {
      start = before;
      archive = outer;
    }
  }
  if (!OLD_ARXIV_ARCHIVES.has(archive)) return undefined;
  const prefix = prefixBefore(text, start);
  if (prefix === null) return undefined;
  return finish(text, prefix.start, slash + 8, `${archive}/${text.slice(slash + 1, slash + 8)}`, 'old', prefix.form);
}

/** Start of the run of ASCII letters and '-' that ends at `end` (at most 24 characters back). */
function archiveRunStart(text: string, end: number): number {
  let p = end;
  const limit = Math.max(0, end - 24);
  while (p > limit) {
    const c = text.charCodeAt(p - 1);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d)) break;
    p--;
  }
  return p;
}

/** The form and start of what precedes an id starting at `idStart`, or null when the id is glued to something. */
function prefixBefore(text: string, idStart: number): { start: number; form: ArxivIdForm } | null {
  if (idStart === 0) return { start: 0, form: 'bare' };
  const before = text.charCodeAt(idStart - 1);
  if (before === 0x2f || before === 0x2e) {
    // After '/' only an arXiv URL may precede, after '.' only the arXiv DOI.
    const windowStart = Math.max(0, idStart - PREFIX_WINDOW);
    const m = (before === 0x2f ? URL_PREFIX : DOI_PREFIX).exec(text.slice(windowStart, idStart));
    if (!m) return null;
    const form: ArxivIdForm = before === 0x2f ? 'url' : 'doi';
    const start = windowStart + m.index;
    return prefixBoundaryOk(text, start, form) ? { start, form } : null;
  }
  if (before === 0x3a || before === 0x20 || before === 0x09) {
    // 'arXiv:', 'arXiv: ', 'arXiv ' (any case).
    let q = idStart - 1;
    if (before !== 0x3a && q > 0 && text.charCodeAt(q - 1) === 0x3a) q--;
    if (q >= 5 && text.slice(q - 5, q).toLowerCase() === 'arxiv' && prefixBoundaryOk(text, q - 5, 'prefixed')) {
      return { start: q - 5, form: 'prefixed' };
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
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x5f
    );
  }
  return WORD_UNICODE.test(String.fromCharCode(code));
}
// Letters of scripts written without spaces between words (Chinese, Japanese) do not glue:
// '論文2510.01152を参照' mentions the id.
const WORD_UNICODE = /(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}\p{M}]/u;

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
