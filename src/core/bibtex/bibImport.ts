// A .bib file as shelf papers: entries that name an arXiv id (eprint, url, doi or note) become
// papers with their authors and their key kept (pinned, since the user already cites by it);
// the others are listed as skipped, each with the reason.
import { pdfUrl } from '../arxiv/arxivId';
import { arxivIdOfBibEntry, parseBibtex } from './bibParse';
import { isSafeCiteKey } from '../cite/keyRules';
import { latexToText } from './texReading';
import { splitAuthors } from '../collection/authors';
import type { Paper, Problem } from '../model/types';
import { collapseSpace } from '../text/spaces';

export interface BibImport {
  papers: Paper[];
  skipped: { key: string; line: number; reason: string }[];
  /** Problems of the .bib text itself (unbalanced braces...). */
  problems: Problem[];
}

export function papersFromBibtex(text: string, file = ''): BibImport {
  const { entries, problems } = parseBibtex(text, file);
  const papers: Paper[] = [];
  const skipped: BibImport['skipped'] = [];
  const keyOf = new Map<string, string>();
  for (const entry of entries) {
    const skip = (reason: string): void =>
      void skipped.push({ key: entry.key || `@${entry.type}`, line: entry.location.line, reason });
    if (['string', 'preamble', 'comment'].includes(entry.type)) continue;
    const id = arxivIdOfBibEntry(entry);
    if (!id) {
      skip('no arXiv id (looked in eprint, url, doi and note)');
      continue;
    }
    const title = collapseSpace(latexToText(entry.fields['title'] ?? ''));
    if (!title) {
      skip(`arXiv ${id} has no title in the entry`);
      continue;
    }
    const earlier = keyOf.get(id);
    if (earlier !== undefined) {
      skip(`arXiv ${id} is already imported as ${earlier}`);
      continue;
    }
    keyOf.set(id, entry.key);
    const f = entry.fields;
    const doi = collapseSpace(f['doi'] ?? '').replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
    const categories = collapseSpace(f['primaryclass'] ?? '');
    const paper: Paper = {
      id,
      title,
      summary: collapseSpace(latexToText(f['abstract'] ?? '')),
      pdfUrl: pdfUrl(id),
      authors: splitAuthors(latexToText(f['author'] ?? '')),
      categories: categories ? [categories] : [],
      tags: [],
      extra: {},
      source: { file, line: entry.location.line, column: entry.location.column },
    };
    // A key the document can cite safely is kept; any other gets a generated one (see keyRules).
    if (isSafeCiteKey(entry.key)) paper.key = entry.key;
    if (doi && !/^10\.48550\/arxiv\./i.test(doi) && /^10\.\d{4,9}\/\S+$/.test(doi)) paper.doi = doi;
    const journal = collapseSpace(latexToText(f['journal'] ?? ''));
    if (journal && !/arxiv/i.test(journal))
      paper.journalRef = [
        journal,
        collapseSpace(f['volume'] ?? ''),
        collapseSpace(f['pages'] ?? ''),
        collapseSpace(f['year'] ?? ''),
      ]
        .filter(Boolean)
        .join(', ');
    papers.push(paper);
  }
  return { papers, skipped, problems };
}
