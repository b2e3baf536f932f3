// The arXiv client's transport in a browser (VS Code for the Web). Pure: the fetch is injected.
import type { HttpResponseLike, HttpTransport } from './arxivApi';
import { ArxivError } from './arxivError';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Hosts known to answer without CORS headers: a browser may not read their answers. arXiv
 * dropped them from its API in November 2025, so VS Code for the Web cannot call it.
 */
const NO_CORS_HOSTS = new Set(['export.arxiv.org', 'arxiv.org', 'www.arxiv.org']);

export function arxivUnavailableMessage(host: string): string {
  return (
    `arXiv's API (${host}) does not allow requests from a web browser (it sends no CORS headers), ` +
    'so Paper Shelf in VS Code for the Web (vscode.dev, github.dev) cannot fetch papers from it. ' +
    'Add or refresh them in VS Code desktop, or set paperShelf.arxivApiUrl to a service that answers as ' +
    "arXiv's API does and allows cross-origin requests."
  );
}

/**
 * The browser's fetch, adapted to what the arXiv client expects. A browser hides redirects from
 * a `redirect: 'manual'` request (an opaque answer, status 0, no Location), so redirects are
 * followed by the browser and the final address is handed back as a redirect when it left the
 * endpoint's host: the client then refuses it as it does in Node. The User-Agent header is left
 * out (a browser drops it, and it would make the request non-simple).
 */
export function browserTransport(
  endpoint: string,
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
): HttpTransport {
  const host = hostOf(endpoint);
  if (NO_CORS_HOSTS.has(host)) {
    return async () => {
      throw new ArxivError('unavailable', arxivUnavailableMessage(host));
    };
  }
  return async (url, init) => {
    const headers = Object.fromEntries(Object.entries(init.headers).filter(([name]) => name !== 'user-agent'));
    let response: Response;
    try {
      response = await fetchImpl(url, { method: init.method, headers, redirect: 'follow', signal: init.signal });
    } catch (err) {
      if (init.signal.aborted) throw err;
      throw new ArxivError(
        'network',
        `Could not reach ${host} from the browser (${err instanceof Error ? err.message : String(err)}): ` +
          'the network is down, or the service does not allow cross-origin requests (CORS), which VS Code for the Web needs.',
      );
    }
    const finalUrl = response.url || url;
    if (response.redirected && hostOf(finalUrl) !== hostOf(url)) {
      void response.body?.cancel().catch(() => undefined);
      const redirect: HttpResponseLike = {
        status: 302,
        headers: { get: (name) => (name.toLowerCase() === 'location' ? finalUrl : null) },
        body: null,
      };
      return redirect;
    }
    return response;
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
