// Every arXiv id in a document, with where it is and where a link on it should go. Pure and
// cheap: used by the editor's DocumentLinkProvider on every edit and by the link-pass benchmark.
import { absUrl, findArxivIds, pdfUrl, type ArxivIdForm } from './arxivId';

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
 * Every id in `text` must contain one of these: a new-scheme 'YYMM.NNNN' or an old-scheme
 * '/YYMMNNN'. Only lines holding such a candidate are handed to the full parser.
 */
const CANDIDATE = /\d{4}\.\d{4}|\/\d{7}/g;

export function findDocumentLinks(text: string, options: DocumentLinkOptions): DocumentIdLink[] {
  const out: DocumentIdLink[] = [];
  CANDIDATE.lastIndex = 0;
  let line = 0;
  let counted = 0; // newlines before `counted` are in `line`
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
    counted = lineStart;
    const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    for (const id of findArxivIds(lineText)) {
      const { target, tooltip } = linkTarget(id.id, id.version, options);
      out.push({
        start: lineStart + id.start,
        end: lineStart + id.end,
        line,
        character: id.start,
        endCharacter: id.end,
        id: id.id,
        ...(id.version ? { version: id.version } : {}),
        form: id.form,
        target,
        tooltip,
      });
    }
    CANDIDATE.lastIndex = lineEnd;
  }
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
