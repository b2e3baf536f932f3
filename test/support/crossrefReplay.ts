// A local stand-in for the Crossref REST API on the shared replay server: GET /works/{doi}
// answers the recorded-shape records of test/fixtures/crossref, and any other DOI the way
// Crossref does (HTTP 404, plain text "Resource not found.").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startReplayServer, type RecordedRequest, type ReplayAnswer, type ReplayServer } from './replayServer';

export const CROSSREF_FIXTURES = [
  path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'crossref'),
  path.join(__dirname, '..', 'fixtures', 'crossref'),
].find((dir) => fs.existsSync(path.join(dir, 'bert-naacl.json')))!;

/** Which fixture answers which DOI (lower-case). */
export const CROSSREF_FIXTURE_BY_DOI: Record<string, string> = {
  '10.18653/v1/n19-1423': 'bert-naacl.json',
  '10.1103/physrevlett.116.061102': 'ligo-prl.json',
  '10.1007/3-540-49430-8_2': 'chapter.json',
  '10.5555/incomplete.2024.17': 'incomplete-article.json',
  '10.5555/icml.2021.999': 'proceedings-no-date.json',
  '10.1101/2020.01.01.000001': 'posted-content.json',
  '10.1016/j.wrong.2021.01.001': 'mismatch.json',
};

export function readCrossrefFixture(name: string): string {
  return fs.readFileSync(path.join(CROSSREF_FIXTURES, name), 'utf8');
}

/** The record (`message`) of a fixture. */
export function crossrefRecord(name: string): Record<string, unknown> {
  return (JSON.parse(readCrossrefFixture(name)) as { message: Record<string, unknown> }).message;
}

export const NOT_FOUND: ReplayAnswer = {
  status: 404,
  headers: { 'content-type': 'text/plain' },
  body: 'Resource not found.',
};

/** The DOI a request asks for, decoded; undefined for anything but /works/{doi}. */
export function requestedDoi(request: Pick<RecordedRequest, 'url'>): string | undefined {
  const m = /^\/works\/([^?]+)/.exec(request.url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

export function crossrefReplay(request: RecordedRequest): ReplayAnswer {
  const doi = requestedDoi(request)?.toLowerCase();
  const fixture = doi ? CROSSREF_FIXTURE_BY_DOI[doi] : undefined;
  if (!fixture) return NOT_FOUND;
  return { headers: { 'content-type': 'application/json' }, body: readCrossrefFixture(fixture) };
}

export function startCrossrefServer(): Promise<ReplayServer> {
  return startReplayServer({ defaultAnswer: crossrefReplay });
}
