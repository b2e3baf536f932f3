import type * as vscode from 'vscode';
import type { ShelfService } from './shelf/shelfService';
import type { SearchService } from './search/searchService';
import type { Log } from './log/log';
import type { PublishedService } from './published/publishedService';
import type { OffThreadFiles } from './collections/offThreadReader';

/** What every feature's register function receives from extension.ts. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly shelfService: ShelfService;
  readonly search: SearchService;
  readonly published: PublishedService;
  /** The collection worker (Node hosts; see platform.ts): reads large collection files and indexes their shelf. */
  readonly offThread?: OffThreadFiles;
}
