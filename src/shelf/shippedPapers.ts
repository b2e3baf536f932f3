import * as vscode from 'vscode';
import type { Shelf } from '../core/shelf/shelf';
import { parseCollection } from '../core/collection/collection';
import { SEEDS_SOURCE } from '../core/shelf/shelfFactory';
import type { Paper } from '../core/model/types';
import type { Log } from '../log/log';
import { affects, settings, SETTINGS } from '../settings/settings';

/** Metadata fetched from arXiv for the shipped papers (authors, categories, dates...). */
export const SEED_METADATA_SOURCE = 'seeds:arxiv';
const SEED_METADATA_KEY = 'paperShelf.seedMetadata';
export const SEEDS_FILE = 'seeds/papers.txt';

interface SeedMetadata {
  authors: string[];
  categories: string[];
  published?: string;
  updated?: string;
  doi?: string;
  comment?: string;
  journalRef?: string;
}

/**
 * The 50 papers shipped with the extension (seeds/papers.txt) and what arXiv told about them
 * (remembered on this machine, for every workspace). Follows paperShelf.showShippedPapers.
 */
export class ShippedPapers implements vscode.Disposable {
  private papers: readonly Paper[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly shelf: Shelf,
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (affects(e, [SETTINGS.showShippedPapers])) this.apply();
    });
  }

  /** Reads seeds/papers.txt and puts its papers on the shelf (or not, per the setting). */
  async load(): Promise<void> {
    const uri = vscode.Uri.joinPath(this.context.extensionUri, ...SEEDS_FILE.split('/'));
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    const { papers, problems } = parseCollection(text, SEEDS_FILE);
    for (const p of problems)
      this.log.warn(`${SEEDS_FILE}:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}`);
    this.papers = papers;
    this.apply();
  }

  /** Puts the seeds (and their arXiv metadata) on the shelf or takes them off, per the setting. */
  apply(): void {
    const shelf = this.shelf;
    const shown = shelf.sourceIds().includes(SEEDS_SOURCE);
    if (!settings.showShippedPapers()) {
      shelf.removeSource(SEED_METADATA_SOURCE);
      shelf.removeSource(SEEDS_SOURCE);
      return;
    }
    // Sources set later win field by field: the seeds must stay first, whatever came since.
    const later = shown ? [] : shelf.sourceIds().map((id) => [id, shelf.papersOf(id)] as const);
    for (const [id] of later) shelf.removeSource(id);
    shelf.setSource(SEEDS_SOURCE, this.papers);
    shelf.setSource(SEED_METADATA_SOURCE, this.metadataPapers());
    for (const [id, papers] of later) shelf.setSource(id, papers);
  }

  has(id: string): boolean {
    return this.papers.some((p) => p.id === id);
  }

  /** Remembers arXiv's metadata for the shipped papers among `papers`. */
  async saveMetadata(papers: readonly Paper[]): Promise<void> {
    const stored = { ...this.context.globalState.get<Record<string, SeedMetadata>>(SEED_METADATA_KEY) };
    for (const p of papers) {
      if (!this.has(p.id)) continue;
      stored[p.id] = {
        authors: p.authors,
        categories: p.categories,
        published: p.published,
        updated: p.updated,
        doi: p.doi,
        comment: p.comment,
        journalRef: p.journalRef,
      };
    }
    await this.context.globalState.update(SEED_METADATA_KEY, stored);
    if (settings.showShippedPapers()) this.shelf.setSource(SEED_METADATA_SOURCE, this.metadataPapers());
  }

  /** Metadata-only papers for the seeds: empty title/summary/PDF, so the seeds' own text wins. */
  private metadataPapers(): Paper[] {
    const stored = this.context.globalState.get<Record<string, SeedMetadata>>(SEED_METADATA_KEY) ?? {};
    const out: Paper[] = [];
    for (const seed of this.papers) {
      const m = stored[seed.id];
      if (!m) continue;
      out.push({
        id: seed.id,
        title: '',
        summary: '',
        pdfUrl: '',
        authors: Array.isArray(m.authors) ? m.authors.filter((a) => typeof a === 'string') : [],
        categories: Array.isArray(m.categories) ? m.categories.filter((c) => typeof c === 'string') : [],
        published: m.published,
        updated: m.updated,
        doi: m.doi,
        comment: m.comment,
        journalRef: m.journalRef,
        tags: [],
        extra: {},
        source: seed.source,
      });
    }
    return out;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
