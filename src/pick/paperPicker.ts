import * as vscode from 'vscode';
import type { Services } from '../services';
import type { Paper, ShelfEntry } from '../core/model/types';
import { ArxivError, type ArxivErrorKind } from '../core/arxiv/arxivError';
import type { SearchPage } from '../core/arxiv/arxivSearch';
import { Echoes } from '../core/runtime/echoes';
import { texToPlainLine } from '../core/tex/texText';
import { escapeIcons, pickerText } from '../core/text/icons';
import { shortMonthLabel } from '../core/shelf/grouping';
import {
  type ActionItem,
  type ArxivPickSource,
  type RemoteItem,
  excerpt,
  moreItem,
  noteItem,
  quoteWords,
  remoteItem,
  searchItem,
  separator,
} from './arxivItems';

/** Failures that end the search for good: trying again would fail the same way. */
const FINAL_KINDS: ReadonlySet<ArxivErrorKind> = new Set<ArxivErrorKind>(['refused', 'config', 'unavailable']);

export type { ArxivPickSource } from './arxivItems';

interface PaperItem extends vscode.QuickPickItem {
  entry: ShelfEntry;
}

type Item = PaperItem | RemoteItem | ActionItem;

export interface PickOptions {
  title: string;
  placeholder: string;
  canPickMany: boolean;
  /** Which papers may be picked (star offers the unstarred ones); every paper when omitted. */
  candidates?: (entry: ShelfEntry) => boolean;
  /** Buttons shown on every item; `onItemButton` receives the press. */
  itemButtons?: vscode.QuickInputButton[];
  onItemButton?: (entry: ShelfEntry, button: vscode.QuickInputButton) => void;
  /** Offer "Search arXiv for '…'" for what is typed; papers picked from arXiv join the shelf first. */
  arxiv?: ArxivPickSource;
  /** Text already typed. */
  value?: string;
  /** Start with the arXiv results for `value` (Add Papers, on text that is not ids). */
  startOnArxiv?: boolean;
}

/** The open picker, for the integration tests (through the extension's API): no other use. */
export interface PickerHandle {
  readonly quickPick: vscode.QuickPick<vscode.QuickPickItem>;
  /** Types `value` as the user would (the value changes and the results follow). */
  type(value: string): void;
  /** Highlights `item` and presses Enter on it, as the user would (the e2e tests use the real keys). */
  accept(item: vscode.QuickPickItem): void;
  /** The message of the last arXiv search that found nothing or failed. */
  readonly lastMessage: string | undefined;
  /** Resolves when no search (shelf or arXiv) is running. */
  idle(): Promise<void>;
}

let activeHandle: PickerHandle | undefined;

export function activePicker(): PickerHandle | undefined {
  return activeHandle;
}

/** How many papers the picker lists at once: the top of the ranking, never the whole shelf. */
const LIMIT = 60;

function paperItem(entry: ShelfEntry, buttons?: vscode.QuickInputButton[]): PaperItem {
  // The month as the tree, the hover and the panel show it ('Oct 2025'), not the raw '2025-10'.
  const meta = [entry.paper.id, shortMonthLabel(entry.month), pickerText(entry.theme)].filter(Boolean).join(' · ');
  // Paper text is text: `$(alert)` in a title, theme or summary shows as written, not as an icon.
  return {
    label: `${entry.starred ? '$(star-full) ' : ''}${escapeIcons(texToPlainLine(entry.paper.title))}`,
    description: meta,
    detail: escapeIcons(excerpt(entry.paper.summary)),
    alwaysShow: true, // ranking is ours (full text), not the quick pick's label filter
    buttons,
    entry,
  };
}

const isAction = (item: vscode.QuickPickItem | undefined): item is ActionItem => !!item && 'action' in item;
const isPick = (item: vscode.QuickPickItem | undefined): item is PaperItem | RemoteItem =>
  !!item && ('entry' in item || 'remote' in item);
const idOf = (item: PaperItem | RemoteItem): string => ('remote' in item ? item.remote.id : item.entry.paper.id);

/** What the user picked: a shelf entry, or a paper found on arXiv that is not on the shelf yet. */
type Choice = { entry: ShelfEntry } | { remote: Paper };

/**
 * A quick pick over the whole shelf with live full-text search (title, summary, id, key,
 * theme, authors) as the user types. Shows "Indexing…" while the index is being built. With an
 * arXiv source, it also offers to search arXiv for the words, lists those results in the same
 * list (papers already on the shelf marked, and used from the shelf), pages on with "More
 * results…", and puts the arXiv papers picked on the shelf before returning their entries.
 */
export async function pickPapers(services: Services, options: PickOptions): Promise<ShelfEntry[] | undefined> {
  const choices = await pickChoices(services, options);
  if (!choices?.length) return undefined;
  const remote = choices.flatMap((c) => ('remote' in c ? [c.remote] : []));
  const adopted = remote.length ? await options.arxiv!.adopt(remote) : [];
  if (!adopted) return undefined;
  const out: ShelfEntry[] = [];
  for (const c of choices) {
    const entry = 'entry' in c ? c.entry : adopted.find((e) => e.paper.id === c.remote.id);
    if (entry && !out.includes(entry)) out.push(entry);
  }
  return out.length ? out : undefined;
}

function pickChoices(services: Services, options: PickOptions): Promise<Choice[] | undefined> {
  const { search, shelfService } = services;
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canPickMany;
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  // Words set from here (the opening words, or a test typing) come back from the window as a
  // change of value, sometimes late: the echo of older words must not undo newer ones.
  const echoes = new Echoes<string>();
  const setValue = (value: string) => {
    echoes.sent(value);
    pick.value = value;
  };
  if (options.value) setValue(options.value);
  const chosen = new Map<string, Choice>();
  let query = options.value ?? '';
  let sequence = 0;
  let replacing = false;
  let shownQuery: string | undefined;
  let shownSignature: string | undefined;
  let running: Promise<unknown> = Promise.resolve();
  // arXiv mode: the words searched, the results so far and the last page; the request in flight.
  let arxiv: { words: string; papers: Paper[]; page?: SearchPage } | undefined;
  let note: ActionItem | undefined;
  let inFlight: AbortController | undefined;
  let lastMessage: string | undefined;

  const setItems = (items: (Item | vscode.QuickPickItem)[], activeId?: string) => {
    shownSignature = undefined;
    replacing = true;
    pick.items = items as Item[];
    const pickable = items.filter((i): i is Item => isPick(i) || isAction(i));
    if (options.canPickMany) pick.selectedItems = pickable.filter((i) => isPick(i) && chosen.has(idOf(i)));
    // A multi-select quick pick highlights no row by itself, so Enter with nothing ticked would
    // close the picker and insert nothing. Highlight the top row, as a single-choice picker does.
    const active = pickable.find((i) => isPick(i) && idOf(i) === activeId) ?? pickable[0];
    pick.activeItems = active ? [active] : [];
    replacing = false;
  };

  const showShelf = (entries: readonly ShelfEntry[]) => {
    const items: (Item | vscode.QuickPickItem)[] = entries.map((e) => paperItem(e, options.itemButtons));
    if (options.arxiv && query.trim()) {
      if (items.length) items.push(separator('arXiv'));
      items.push(searchItem(query));
    }
    if (note) items.unshift(note);
    // The same rows again (the index caught up): leave the list alone, so a tick or a move the
    // user makes meanwhile is not undone by a redraw; with other rows, keep the row moved to.
    const signature = [query, ...items.map((i) => `${i.label}\u0000${i.description}\u0000${i.detail}`)].join('\n');
    if (signature === shownSignature) return;
    const current = pick.activeItems[0];
    const activeId = query === shownQuery && isPick(current) ? idOf(current) : undefined;
    shownQuery = query;
    setItems(items, activeId);
    shownSignature = signature;
  };

  const showArxiv = (activeId?: string) => {
    if (!arxiv?.page) return;
    const { page, papers, words } = arxiv;
    const items: (Item | vscode.QuickPickItem)[] = [
      separator(
        `arXiv: ${page.total.toLocaleString()} ${page.total === 1 ? 'paper' : 'papers'} for ${escapeIcons(quoteWords(words))}`,
      ),
      ...papers.map((p) => remoteItem(p, shelfService.shelf.get(p.id))),
    ];
    if (page.next !== undefined) items.push(moreItem(page, papers.length));
    setItems(items, activeId);
  };

  const candidates = options.candidates ?? (() => true);
  // A narrowed picker asks the index for more, so that enough candidates survive the filter.
  const limit = options.candidates ? LIMIT * 4 : LIMIT;
  const initial = (): ShelfEntry[] => {
    const all = shelfService.shelf.entries().filter(candidates);
    const starred = all.filter((e) => e.starred);
    return [...starred, ...all.filter((e) => !e.starred)].slice(0, LIMIT);
  };

  const resolve = (ids: string[]): ShelfEntry[] =>
    ids
      .map((id) => shelfService.shelf.get(id))
      .filter((e): e is ShelfEntry => !!e && candidates(e))
      .slice(0, LIMIT);

  const indexingPlaceholder = () => {
    const state = search.indexingState;
    pick.busy = true;
    pick.placeholder = `Indexing the shelf (${state.indexed.toLocaleString()} of ${state.total.toLocaleString()} papers)…`;
  };

  const refresh = async () => {
    const mine = ++sequence;
    const q = query.trim();
    if (search.indexingState.indexing) indexingPlaceholder();
    if (!q) {
      await shelfService.ready();
      if (mine === sequence) showShelf(initial());
    } else {
      // While indexing, answer from the index as it is, then again once it is up to date.
      if (search.indexingState.indexing) {
        const now = search.searchNow(q, limit);
        if (now.length) showShelf(resolve(now.map((r) => r.id)));
      }
      const results = await search.search(q, limit);
      if (mine !== sequence) return;
      showShelf(resolve(results.map((r) => r.id)));
    }
    if (mine === sequence) {
      pick.busy = false;
      pick.placeholder = options.placeholder;
    }
  };

  /** Searches arXiv for `words` (from the start, or the next page of the current search). */
  const searchArxiv = async (words: string, more: boolean) => {
    const source = options.arxiv;
    if (!source || !words.trim()) return;
    const mine = ++sequence;
    inFlight?.abort();
    const controller = (inFlight = new AbortController());
    if (!more || !arxiv) arxiv = { words: words.trim(), papers: [] };
    const state = arxiv;
    note = undefined;
    pick.busy = true;
    // The title says so too: with words typed, the placeholder is not shown.
    pick.title = `${options.title}: searching arXiv… (Esc cancels)`;
    pick.placeholder = `Searching arXiv for ${quoteWords(words)}… (Esc cancels)`;
    try {
      const page = await source.page(state.words, more ? (state.page?.next ?? 0) : 0, controller.signal);
      if (mine !== sequence) return;
      const before = state.papers.length;
      for (const p of page.papers) if (!state.papers.some((q) => q.id === p.id)) state.papers.push(p);
      state.page = page;
      if (!state.papers.length) {
        lastMessage = `arXiv found no paper for ${quoteWords(words)}.`;
        note = noteItem(lastMessage, false);
        arxiv = undefined;
        void vscode.window.showInformationMessage(`Paper Shelf: ${lastMessage}`);
        await refresh();
        return;
      }
      showArxiv(state.papers[before]?.id);
    } catch (err) {
      if (mine !== sequence || controller.signal.aborted) return;
      lastMessage =
        err instanceof ArxivError
          ? `${err.message}${err.kind === 'refused' ? '' : ' Nothing was added.'}`
          : `Searching arXiv failed: ${String((err as Error)?.message ?? err)}`;
      void vscode.window.showErrorMessage(`Paper Shelf: ${lastMessage}`);
      // Trying again helps after a failure on the way (network, timeout, a busy arXiv), not after a
      // refusal, a bad setting or a host that cannot call arXiv at all (a browser).
      note = noteItem(lastMessage, err instanceof ArxivError && !FINAL_KINDS.has(err.kind));
      if (more && state.page) {
        showArxiv();
        setItems([note, ...pick.items]);
      } else {
        arxiv = undefined;
        await refresh();
      }
      return;
    } finally {
      if (mine === sequence) {
        pick.busy = false;
        pick.placeholder = options.placeholder;
      }
      if (mine === sequence || !inFlight || inFlight.signal.aborted) pick.title = options.title;
    }
  };

  const track = (work: Promise<unknown>) => {
    running = Promise.allSettled([running, work]);
  };

  const runAction = (item: ActionItem) => {
    if (item.action === 'search') track(searchArxiv(query, false));
    else if (item.action === 'more' && arxiv) track(searchArxiv(arxiv.words, true));
    else if (item.action === 'retry') track(searchArxiv(arxiv?.words ?? query, !!arxiv?.page));
  };

  const onValue = (value: string) => {
    if (value === query) return;
    query = value;
    // New words: back to the shelf's results (and a fresh offer to search arXiv for them).
    inFlight?.abort();
    arxiv = undefined;
    note = undefined;
    track(refresh());
  };

  const choiceOf = (item: PaperItem | RemoteItem): Choice =>
    'remote' in item ? (item.entry ? { entry: item.entry } : { remote: item.remote }) : { entry: item.entry };

  return new Promise((done) => {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    const finish = (result: Choice[] | undefined) => {
      if (settled) return;
      settled = true;
      inFlight?.abort();
      done(result);
      pick.hide();
    };
    const onAccept = () => {
      const active = pick.activeItems[0] ?? pick.selectedItems[0];
      if (options.canPickMany && chosen.size) return finish([...chosen.values()]);
      if (isAction(active)) return runAction(active);
      finish(isPick(active) ? [choiceOf(active)] : undefined);
    };
    const handle: PickerHandle = {
      quickPick: pick as vscode.QuickPick<vscode.QuickPickItem>,
      type: (value) => {
        setValue(value);
        onValue(value);
      },
      accept: (item) => {
        pick.activeItems = [item as Item];
        onAccept();
      },
      get lastMessage() {
        return lastMessage;
      },
      idle: async () => {
        for (let seen: Promise<unknown> | undefined; seen !== running;) await (seen = running);
      },
    };
    activeHandle = handle;
    disposables.push(
      pick.onDidChangeValue((value) => {
        // The late echo of words set before the ones shown now: put back the value the picker
        // answers for. Anything else is the user typing.
        if (echoes.received(value) && value !== query) pick.value = query;
        else onValue(value);
      }),
      pick.onDidChangeSelection((selected) => {
        if (replacing || !options.canPickMany) return;
        // Ticking an action row runs it, and the row does not stay ticked.
        const action = selected.find(isAction);
        if (action) {
          replacing = true;
          pick.selectedItems = selected.filter((s) => !isAction(s));
          replacing = false;
          runAction(action);
          return;
        }
        for (const item of pick.items) if (isPick(item)) chosen.delete(idOf(item));
        for (const item of selected) if (isPick(item)) chosen.set(idOf(item), choiceOf(item));
      }),
      pick.onDidAccept(onAccept),
      pick.onDidTriggerItemButton((e) => {
        if ('entry' in e.item && e.item.entry) options.onItemButton?.(e.item.entry, e.button);
      }),
      search.onDidChangeIndexing((state) => {
        if (arxiv) return; // the arXiv results do not depend on the index
        if (state.indexing) indexingPlaceholder();
        else track(refresh());
      }),
      pick.onDidHide(() => {
        finish(undefined);
        if (activeHandle === handle) activeHandle = undefined;
        for (const d of disposables) d.dispose();
        pick.dispose();
      }),
    );
    pick.busy = true;
    pick.show();
    if (options.startOnArxiv && options.arxiv && query.trim()) track(searchArxiv(query, false));
    else track(refresh());
  });
}
