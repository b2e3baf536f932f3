// Every arXiv id in a document, with where it is and where a link on it should go. Pure and
// cheap: used by the editor's DocumentLinkProvider on every edit and by the link-pass benchmark.
import { absUrl, findArxivIds, pdfUrl, type ArxivIdForm } from '../arxiv/arxivId';

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
 * One pass of findArxivIds over the whole text, then line numbers by counting line breaks
 * between consecutive ids. (Measured: parsing costs less than a per-line cache would.)
 */
export function findDocumentLinks(text: string, options: DocumentLinkOptions): DocumentIdLink[] {
  const out: DocumentIdLink[] = [];
  // Documents cite the same papers again and again: one target per id and version per pass.
  const targets = new Map<string, { target: string; tooltip: string }>();
  let line = 0;
  let lineStart = 0; // offset where `line` starts
  let nextBreak = text.indexOf('\n'); // the line break ending `line`, -1 on the last line
  for (const id of findArxivIds(text)) {
    // Ids never span lines: count the line breaks between the previous id and this one.
    while (nextBreak >= 0 && nextBreak < id.start) {
      line++;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    const cacheKey = id.version ? `${id.id}v${id.version}` : id.id;
    let target = targets.get(cacheKey);
    if (!target) targets.set(cacheKey, (target = linkTarget(id.id, id.version, options)));
    const link: DocumentIdLink = {
      start: id.start,
      end: id.end,
      line,
      character: id.start - lineStart,
      endCharacter: id.end - lineStart,
      id: id.id,
      form: id.form,
      target: target.target,
      tooltip: target.tooltip,
    };
    if (id.version) link.version = id.version;
    out.push(link);
  }
  return out;
}

/** The link target and tooltip for one id under the chosen setting. */
export function linkTarget(
  id: string,
  version: number | undefined,
  options: DocumentLinkOptions,
): { target: string; tooltip: string } {
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
