// Every arXiv id in a document, with where it is and where a link on it should go. Pure and
// cheap: used by the editor's DocumentLinkProvider on every edit and by the link-pass benchmark.
import { absUrl, findArxivIds, pdfUrl, type ArxivIdForm, type ArxivIdMatch } from './arxivId';

/** Where a document link on an id leads. */
export type LinkTarget = 'abs' | 'pdf' | 'summary';

export const LINK_TARGETS: readonly LinkTarget[] = ['abs', 'pdf', 'summary'];

export interface DocumentIdLink {
  /** Offsets into the document text. */
  start: number;
  end: number;
  /** 0-based line and character range (ids never span lines). */
  line: number;
  character: number;
  endCharacter: number;
  /** Canonical id and the version the text named, if any. */
  id: string;
  version?: number;
  form: ArxivIdForm;
  /** https URL, or a `command:` URI opening the summary panel for papers on the shelf. */
  target: string;
  tooltip: string;
}

export interface DocumentLinkOptions {
  target: LinkTarget;
  /** Whether an id (canonical) is on the shelf; the summary target needs a paper to show. */
  onShelf?: (id: string) => boolean;
  /** Command opening the summary panel (paperShelf.openSummary); without it 'summary' falls back to 'abs'. */
  summaryCommand?: string;
}

/**
 * Remembers the ids found on each line text of the last pass, so the pass after an edit parses
 * only the lines that changed. Holds at most the lines of two passes; one cache per document.
 */
export class LineIdCache {
  private previous = new Map<string, readonly ArxivIdMatch[]>();
  private current = new Map<string, readonly ArxivIdMatch[]>();

  idsOf(line: string): readonly ArxivIdMatch[] {
    let ids = this.current.get(line) ?? this.previous.get(line);
    if (!ids) ids = findArxivIds(line);
    this.current.set(line, ids);
    return ids;
  }

  /** Called after each pass: lines not seen in it are forgotten at the end of the next. */
  endPass(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/**
 * Every id contains one of these (the same anchors findArxivIds looks for): a new-scheme
 * 'YYMM.NNNN' or an old-scheme '/YYMMNNN'. Only lines holding one are parsed.
 */
const CANDIDATE = /\d{4}\.\d{4}|\/\d{7}/g;

export function findDocumentLinks(text: string, options: DocumentLinkOptions, cache: LineIdCache = new LineIdCache()): DocumentIdLink[] {
  const out: DocumentIdLink[] = [];
  // Documents cite the same papers again and again: one target per id and version per pass.
  const targets = new Map<string, { target: string; tooltip: string }>();
  let line = 0;
  let counted = 0; // the line breaks before this offset are counted in `line`
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < lineStart; nl = text.indexOf('\n', nl + 1)) line++;
    counted = lineStart;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    for (const id of cache.idsOf(text.slice(lineStart, contentEnd))) {
      const cacheKey = id.version ? `${id.id}v${id.version}` : id.id;
      let target = targets.get(cacheKey);
      if (!target) targets.set(cacheKey, (target = linkTarget(id.id, id.version, options)));
      const link: DocumentIdLink = {
        start: lineStart + id.start,
        end: lineStart + id.end,
        line,
        character: id.start,
        endCharacter: id.end,
        id: id.id,
        form: id.form,
        target: target.target,
        tooltip: target.tooltip,
      };
      if (id.version) link.version = id.version;
      out.push(link);
    }
    CANDIDATE.lastIndex = lineEnd;
  }
  CANDIDATE.lastIndex = 0;
  cache.endPass();
  return out;
}

/** The link target and tooltip for one id under the chosen setting. */
export function linkTarget(id: string, version: number | undefined, options: DocumentLinkOptions): { target: string; tooltip: string } {
  const label = `arXiv:${id}${version ? `v${version}` : ''}`;
  if (options.target === 'summary' && options.summaryCommand && options.onShelf?.(id)) {
    return {
      target: `command:${options.summaryCommand}?${encodeURIComponent(JSON.stringify([id]))}`,
      tooltip: `Open the summary of ${label}`,
    };
  }
  if (options.target === 'pdf') return { target: pdfUrl(id, version), tooltip: `Open the PDF of ${label}` };
  return { target: absUrl(id, version), tooltip: `Open ${label} on arxiv.org` };
}
