// Finding papers on arXiv by their words, from the editor: the paper picker's arXiv source (the
// search, with its cache, and putting picked papers on the shelf as Add does), and Add Papers'
// search for typed text that is not ids.
import type { Paper } from '../core/model/types';
import { type ArxivPickSource, pickPapers } from '../pick/paperPicker';
import { type AddPaperOptions, adoptPapers } from './addPaper';
import { type GrowContext, type GrowResult, plural, result, show } from './growContext';

/** Results asked for at once in the picker (a screenful or two; "More results…" asks for the next). */
export const PICKER_PAGE_SIZE = 20;

export function arxivPickSource(ctx: GrowContext, options: AddPaperOptions = {}): ArxivPickSource {
  return {
    page: (words, start, signal) => ctx.arxiv.search(words, { start, pageSize: PICKER_PAGE_SIZE, signal }),
    adopt: (papers: readonly Paper[]) => adoptPapers(ctx, papers, options),
  };
}

/** Add Papers on words: the arXiv results for them in the picker; the papers ticked join the shelf. */
export async function findAndAdd(ctx: GrowContext, words: string, options: AddPaperOptions): Promise<GrowResult> {
  const before = new Set(ctx.services.shelfService.shelf.entries().map((e) => e.paper.id));
  const entries = await pickPapers(ctx.services, {
    title: 'Add Papers from arXiv',
    placeholder: 'Tick the papers to add (Space), then Enter; or type other words',
    canPickMany: true,
    arxiv: arxivPickSource(ctx, options),
    value: words.trim(),
    startOnArxiv: true,
  });
  if (!entries?.length) return result(false, 'Nothing was added.');
  const added = entries.filter((e) => !before.has(e.paper.id)).map((e) => e.paper.id);
  const already = entries.filter((e) => before.has(e.paper.id)).map((e) => e.paper.id);
  const parts = [
    added.length ? `Added ${plural(added.length, 'paper')}.` : '',
    already.length ? `Already on the shelf: ${already.join(', ')}.` : '',
  ];
  const res = result(true, parts.filter(Boolean).join(' '), { done: added });
  // adoptPapers has shown what it wrote; papers that were on the shelf already are worth a word too.
  return added.length ? res : show(res);
}
