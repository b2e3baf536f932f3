import type { ShelfService } from './shelf/shelfService';

/** What activate() returns: used by the integration tests and by other extensions. */
export interface PaperShelfApi {
  readonly shelfService: ShelfService;
  /** Milliseconds from activate() entry to return, measured in the real host. */
  readonly activationMs: number;
}
