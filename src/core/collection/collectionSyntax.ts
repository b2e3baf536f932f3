// The collection format's vocabulary: its field names, the shapes of its values, the blocks a
// file splits into and the stable codes of the problems its reader reports.
import type { Severity } from '../model/types';
/** Stable codes of the problems parseCollection reports. */
export const COLLECTION_PROBLEM_CODES = [
  'missing-title',
  'missing-id',
  'invalid-id',
  'conflicting-id',
  'invalid-pdf',
  'invalid-date',
  'invalid-key',
  'invalid-doi',
  'unknown-field',
  'duplicate-field',
  'duplicate-id',
  'missing-separator',
  'not-a-field',
  'orphan-continuation',
  'internal-error',
] as const;

export type KnownField =
  | 'title'
  | 'pdf'
  | 'id'
  | 'summary'
  | 'authors'
  | 'published'
  | 'updated'
  | 'categories'
  | 'theme'
  | 'key'
  | 'tags'
  | 'doi'
  | 'comment'
  | 'journalRef';

/** Field names as users may write them (lower-cased) -> the field they mean. */
export const FIELD_NAMES: ReadonlyMap<string, KnownField> = new Map([
  ['title', 'title'],
  ['pdf', 'pdf'],
  ['id', 'id'],
  ['arxiv', 'id'],
  ['summary', 'summary'],
  ['abstract', 'summary'],
  ['authors', 'authors'],
  ['author', 'authors'],
  ['published', 'published'],
  ['updated', 'updated'],
  ['categories', 'categories'],
  ['category', 'categories'],
  ['theme', 'theme'],
  ['key', 'key'],
  ['tags', 'tags'],
  ['tag', 'tags'],
  ['doi', 'doi'],
  ['comment', 'comment'],
  ['comments', 'comment'],
  ['journal-ref', 'journalRef'],
  ['journal_ref', 'journalRef'],
  ['journalref', 'journalRef'],
]);

export const SEPARATOR = /^-{3,}[ \t]*$/;
export const FIELD_LINE = /^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*/;
export const PARAGRAPH_BREAK = /[ \t]{3,}/;
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DOI_VALUE = /^10\.\d{4,9}\/\S+$/;
export const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:[ \t]*)/i;
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const URL_SCHEME = /^(?:https?|ftp|file)$/i;
export const EXTERNAL_PDF = /^https:\/\/[^\s/]+\.[^\s/]+\/\S*$/i;

/** One field as written: its name, where its value starts, and its (possibly wrapped) value lines. */
export interface RawField {
  name: string;
  field: KnownField | undefined;
  line: number;
  /** Column of the field's name (1, or 2 after a stray byte-order mark). */
  nameColumn: number;
  /** Column where the value starts. */
  column: number;
  /** Value pieces: the first line's value, then each continuation line (trimmed); '' marks a blank line. */
  parts: string[];
}

export interface RawBlock {
  line: number;
  fields: RawField[];
}

/** A stable problem code of this parser (see COLLECTION_PROBLEM_CODES). */
export type CollectionProblemCode = (typeof COLLECTION_PROBLEM_CODES)[number];

export type Report = (
  severity: Severity,
  code: CollectionProblemCode,
  message: string,
  line: number,
  column: number,
  endColumn?: number,
) => void;
