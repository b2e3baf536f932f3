// Reading the API's Atom answers into papers and per-id error entries.
import {
  ARXIV_NS,
  ATOM_NS,
  OPENSEARCH_NS,
  XmlError,
  type XmlElement,
  childElement,
  childElements,
  childText,
  parseXml,
  textContent,
} from './atom';
import type { Paper } from '../model/types';
import { ArxivError } from './arxivError';
import { collapseSpace } from '../text/spaces';

const NEW_ID = /^\d{4}\.\d{4,5}$/;
const OLD_ID = /^([a-z]+(?:-[a-z]{2,})?)(?:\.[A-Za-z-]{2,})?\/(\d{7})$/;

/** Canonical id (no version, no subject class) and version from an id as the API writes it. */
export function splitApiId(raw: string): { id: string; version?: number } | undefined {
  const m = /^(.*?)(?:v([1-9]\d*))?$/.exec(raw.trim());
  if (!m) return undefined;
  const base = m[1]!;
  const version = m[2] ? Number(m[2]) : undefined;
  // 4-digit numbers until 1412, 5 digits from 1501; the month itself is the server's to judge.
  if (NEW_ID.test(base) && (base.length === 10) === base.slice(0, 4) >= '1501') return { id: base, version };
  const old = OLD_ID.exec(base);
  if (old) return { id: `${old[1]}/${old[2]}`, version };
  return undefined;
}

interface FeedError {
  message: string;
  mentions(id: string): boolean;
}

/** Papers and error entries of one API answer. Throws ArxivError when the answer is not a feed. */
/** What one answer holds: its papers, its error entries, and the OpenSearch numbers when present. */
export interface FeedAnswer {
  papers: Paper[];
  errors: FeedError[];
  /** Matches in all (opensearch:totalResults). */
  total?: number;
  /** 0-based position of the first entry among them (opensearch:startIndex). */
  startIndex?: number;
  itemsPerPage?: number;
}

export function readFeed(text: string, ids: readonly string[], status = 200): FeedAnswer {
  const named = ids.join(', ');
  let feed: XmlElement;
  try {
    feed = parseXml(text, { maxLength: 16 * 1024 * 1024 });
  } catch (err) {
    const detail = err instanceof XmlError ? err.message : String(err);
    if (status === 400)
      throw new ArxivError('http', `The arXiv API refused the request for ${named} (HTTP 400).`, ids, status);
    throw new ArxivError('malformed', `The arXiv API's answer for ${named} is not valid XML: ${detail}.`, ids);
  }
  if (feed.ns !== ATOM_NS || feed.local !== 'feed') {
    throw new ArxivError(
      'malformed',
      `The arXiv API's answer for ${named} is not an Atom feed (root <${feed.name}>).`,
      ids,
      status,
    );
  }
  const papers: Paper[] = [];
  const errors: FeedError[] = [];
  for (const entry of childElements(feed, ATOM_NS, 'entry')) {
    const entryId = childText(entry, ATOM_NS, 'id') ?? '';
    if (/\/api\/errors/.test(entryId) || (!/\/abs\//.test(entryId) && childText(entry, ATOM_NS, 'title') === 'Error')) {
      const message = childText(entry, ATOM_NS, 'summary') ?? 'error';
      const haystack = `${entryId} ${message}`;
      errors.push({ message, mentions: (id) => haystack.includes(id) });
      continue;
    }
    const paper = paperOfEntry(entry);
    if (paper) papers.push(paper);
  }
  if (status === 400 && !errors.length)
    throw new ArxivError('http', `The arXiv API refused the request for ${named} (HTTP 400).`, ids, status);
  // Feed-level sanity: the total announced must not be below what came back.
  const total = feedNumber(feed, 'totalResults');
  if (total !== undefined && total < papers.length) {
    throw new ArxivError(
      'malformed',
      `The arXiv API's answer for ${named} is inconsistent (totalResults ${total}, ${papers.length} entries).`,
      ids,
    );
  }
  return {
    papers,
    errors,
    total,
    startIndex: feedNumber(feed, 'startIndex'),
    itemsPerPage: feedNumber(feed, 'itemsPerPage'),
  };
}

/** A whole, non-negative OpenSearch number of the feed (totalResults, startIndex, itemsPerPage). */
function feedNumber(feed: XmlElement, name: string): number | undefined {
  const text = childText(feed, OPENSEARCH_NS, name);
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** A Paper from one feed entry; undefined for an entry without id or title (arXiv's "no such paper"). */
function paperOfEntry(entry: XmlElement): Paper | undefined {
  const absId = childText(entry, ATOM_NS, 'id') ?? '';
  const m = /\/abs\/(.+)$/.exec(absId);
  const split = m ? splitApiId(m[1]!) : undefined;
  const title = childText(entry, ATOM_NS, 'title');
  if (!split || !title) return undefined;
  const primary = childElement(entry, ARXIV_NS, 'primary_category')?.attrs.term;
  const categories = [primary, ...childElements(entry, ATOM_NS, 'category').map((c) => c.attrs.term)].filter(
    (c, i, all): c is string => !!c && all.indexOf(c) === i,
  );
  const summaryEl = childElement(entry, ATOM_NS, 'summary');
  return {
    id: split.id,
    version: split.version,
    title,
    summary: summaryEl ? normalizeSummary(textContent(summaryEl)) : '',
    pdfUrl: `https://arxiv.org/pdf/${split.id}`,
    authors: childElements(entry, ATOM_NS, 'author')
      .map((a) => childText(a, ATOM_NS, 'name'))
      .filter((n): n is string => !!n),
    published: isoDate(childText(entry, ATOM_NS, 'published')),
    updated: isoDate(childText(entry, ATOM_NS, 'updated')),
    categories,
    tags: [],
    doi: childText(entry, ARXIV_NS, 'doi'),
    comment: childText(entry, ARXIV_NS, 'comment'),
    journalRef: childText(entry, ARXIV_NS, 'journal_ref'),
    extra: {},
    source: { file: '', line: entry.line, column: entry.column },
  };
}

/** The API wraps abstracts at ~80 columns and indents the first line of each paragraph. */
export function normalizeSummary(raw: string): string {
  return raw
    .trim()
    .split(/\n[ \t]+(?=\S)/)
    .map(collapseSpace)
    .filter(Boolean)
    .join('\n\n');
}

function isoDate(text: string | undefined): string | undefined {
  return text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined;
}
