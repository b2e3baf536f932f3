import type { ShelfService } from './shelf/shelfService';
import type { SearchService } from './search/searchService';
import type { BrowseApi } from './tree/registerBrowse';
import type { PickerHandle } from './pick/paperPicker';
import type { MapApi } from './map/registerMap';
import type { Log } from './log/log';

/** What activate() returns: used by the integration tests and by other extensions. */
export interface PaperShelfApi {
  readonly shelfService: ShelfService;
  readonly search: SearchService;
  /** Which build runs: 'desktop' (dist/extension.js, a Node host) or 'web' (dist/web/extension.js, a browser worker). */
  readonly platform: 'desktop' | 'web';
  /** Milliseconds from activate() entry to return, measured in the real host. */
  readonly activationMs: number;
  /** The sidebar tree and the summary panel (for the integration tests). */
  readonly browse: BrowseApi;
  /** The map panel (for the integration tests). */
  readonly map: MapApi;
  /** The "Paper Shelf" log (its latest lines are readable through `lines()`). */
  readonly log: Log;
  /** The paper picker open now, if any (for the integration tests). */
  readonly activePicker: () => PickerHandle | undefined;
}
