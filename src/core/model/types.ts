// The domain's shared vocabulary. Everything in src/core runs without the editor
// (plain Node, a browser, the command-line tool), so nothing here may import 'vscode'.

/** A place in a file, 1-based line and column (as editors and compilers print them). */
export interface SourceLocation {
  /** File path or URI string as the caller named it; '' when unknown. */
  file: string;
  line: number;
  column: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found while reading user-supplied data (collection file, .bib file, API answer). */
export interface Problem {
  severity: Severity;
  message: string;
  location: SourceLocation;
  /** Optional end of the offending range (same line/column convention). */
  end?: { line: number; column: number };
  /** Stable machine code, e.g. 'missing-title', 'duplicate-id', 'unknown-field'. */
  code: string;
}

/**
 * One paper as read from a collection file, the arXiv API or a .bib import.
 * Text fields are white-space normalised; `summary` keeps paragraph breaks as "\n\n".
 */
export interface Paper {
  /** Canonical arXiv id without version: '2510.01152', 'hep-th/9901001', 'math/0309136'. */
  id: string;
  /** Version named by the source (PDF/abs URL or id), when it named one. */
  version?: number;
  title: string;
  summary: string;
  /** As given in the file (PDF: field) or derived; always an https URL. */
  pdfUrl: string;
  /** 'First Last' per author, in order. Empty when unknown (the shipped seeds). */
  authors: string[];
  /** ISO date (YYYY-MM-DD) of the first version, when known. */
  published?: string;
  /** ISO date (YYYY-MM-DD) of the latest version, when known. */
  updated?: string;
  /** arXiv categories, primary first ('cs.CL'). */
  categories: string[];
  /** Explicit theme from a `Theme:` field; wins over automatic assignment. */
  theme?: string;
  /** Explicit (pinned) cite key from a `Key:` field. */
  key?: string;
  tags: string[];
  doi?: string;
  comment?: string;
  journalRef?: string;
  /** Unknown fields, kept verbatim (field name as written -> value). */
  extra: Record<string, string>;
  /** Where the paper's block starts in its source. */
  source: SourceLocation;
}

/** A paper as the shelf presents it: with its cite key, theme and month resolved. */
export interface ShelfEntry {
  paper: Paper;
  /** Unique on the shelf. */
  key: string;
  /** Theme name (explicit, user-moved or assigned). */
  theme: string;
  /** 'YYYY-MM' of first submission, from the id (new scheme) or `published`. */
  month: string;
  /** Which source the paper came from ('seeds', a file URI, ...). */
  sourceId: string;
  starred: boolean;
}

/** Minimal disposable, structurally compatible with vscode.Disposable. */
export interface Disposable {
  dispose(): void;
}
