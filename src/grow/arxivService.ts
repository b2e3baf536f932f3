import * as vscode from 'vscode';
import { ArxivClient, DEFAULT_ARXIV_ENDPOINT } from '../core/arxiv/arxivApi';
import { RateLimiter } from '../core/arxiv/rateLimiter';
import { ArxivSearch } from '../core/arxiv/arxivSearch';

/**
 * The extension's one arXiv client. The endpoint comes only from the user's own (application)
 * settings, never from a workspace: a repository cannot redirect the extension's requests. One
 * rate limiter for the whole extension, whatever the endpoint, keeps arXiv's 3-second rule, and
 * one search (with its cache of recent pages) serves every command.
 */
export class ArxivService {
  private readonly limiter = new RateLimiter(3000);
  private client: ArxivClient | undefined;
  readonly search = new ArxivSearch(() => this.get());

  endpoint(): string {
    const inspected = vscode.workspace.getConfiguration('paperShelf').inspect<string>('arxivApiUrl');
    return inspected?.globalValue?.trim() || DEFAULT_ARXIV_ENDPOINT;
  }

  get(): ArxivClient {
    const endpoint = this.endpoint();
    if (this.client?.endpoint !== endpoint) this.client = new ArxivClient({ endpoint, limiter: this.limiter });
    return this.client;
  }
}
