// How a request to the arXiv API fails: one error type, whose kind says why.
import type { HttpErrorKind } from '../net/http';

/** `unavailable`: the host cannot call the service at all (a browser, and a service that sends no CORS headers). */
export type ArxivErrorKind = HttpErrorKind;

/** A whole request failed: nothing from it may be used. The message names the ids. */
export class ArxivError extends Error {
  constructor(
    readonly kind: ArxivErrorKind,
    message: string,
    readonly ids: readonly string[] = [],
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ArxivError';
  }
}

/** The error of a request the caller cancelled. */
export function cancelled(ids: readonly string[] = []): ArxivError {
  return new ArxivError('cancelled', 'Cancelled.', ids);
}
