import { Emitter } from '../model/events';
import { HOST_SLICE_MS, runSteps, runStepsInSlices, type Steps } from '../runtime/yieldToHost';
import { entryOf, patchShelf, type ShelfState } from './shelfPatch';
import { normalizeArxivId } from '../arxiv/arxivId';
import { mergePapers } from '../model/paper';
import type { Paper, ShelfEntry } from '../model/types';
import type { PaperChange } from '../cite/keyAssignment';

/** What the shelf needs from the rest of the domain; injected so the model stays testable. */
export interface ShelfOptions {
  /** Theme for a paper that names none (automatic assignment). */
  classify(paper: Paper): string;
  /** Unique cite keys for all papers; `pinned` keys (id -> key) must be kept. */
  assignKeys(papers: readonly Paper[], pinned: ReadonlyMap<string, string>): Map<string, string>;
  /** assignKeys as steps (the same keys), so a sliced build keys a large shelf between host turns. */
  assignKeySteps?(papers: readonly Paper[], pinned: ReadonlyMap<string, string>): Steps<Map<string, string>>;
  /**
   * A function doing the per-paper work assignKeys will need (its base key), called by
   * prepareInSlices for each paper of a slice (so settings are read once per slice, not per paper).
   */
  keyPreparer?(): (paper: Paper) => void;
  /**
   * The keys after a few papers changed, given the last assignKeys (see KeyAssignment): the ids
   * whose key changed (undefined: gone), or undefined when every key must be assigned again.
   */
  updateKeys?(changes: ReadonlyMap<string, PaperChange>): Map<string, string | undefined> | undefined;
}

/** The user's choices about papers, remembered per workspace by the extension. */
export interface ShelfChoices {
  /** id -> theme chosen by the user (moving a paper in the tree). */
  themeOverrides: Record<string, string>;
  starred: string[];
  /** ids the user removed from the shelf. */
  hidden: string[];
  /** id -> cite key already used in a bibliography; never changes once cited. */
  pinnedKeys: Record<string, string>;
}

export function emptyChoices(): ShelfChoices {
  return { themeOverrides: {}, starred: [], hidden: [], pinnedKeys: {} };
}

export interface ShelfChange {
  /** Total papers after the change. */
  size: number;
}

/**
 * The shelf: papers from several sources (the shipped seeds, workspace collection files,
 * papers the user added), merged by arXiv id, each with a unique key and a theme.
 * Lookups by id (any version or form) and by key are O(1).
 */
export class Shelf {
  private readonly sources = new Map<string, readonly Paper[]>();
  private choices: ShelfChoices = emptyChoices();
  private byId = new Map<string, ShelfEntry>();
  private byKeyMap = new Map<string, ShelfEntry>();
  private ordered: ShelfEntry[] = [];
  private themeCache = new WeakMap<Paper, string>();
  /** Each source's papers by id (made when first needed), for updating a few ids. */
  private readonly sourceMaps = new Map<string, ReadonlyMap<string, Paper>>();
  /** Bumped by every rebuild, so a sliced build knows when a newer one superseded it. */
  private buildGeneration = 0;
  /** The generation on the shelf now (behind buildGeneration while a sliced build runs). */
  private installedGeneration = 0;
  private readonly changed = new Emitter<ShelfChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: ShelfOptions) {}

  /** Replaces every paper of one source. Sources added later win field by field on shared ids. */
  setSource(sourceId: string, papers: readonly Paper[]): void {
    this.setPapers(sourceId, papers);
    this.rebuild();
  }

  private setPapers(sourceId: string, papers: readonly Paper[], byId?: ReadonlyMap<string, Paper>): void {
    this.sources.set(sourceId, papers);
    if (byId) this.sourceMaps.set(sourceId, byId);
    else this.sourceMaps.delete(sourceId);
  }

  /**
   * `setSource` for a source of which only the papers with the ids in `changed` differ (new,
   * changed or gone; the others are the very objects it held): only their entries and the cite
   * keys they affect are made again, and the shelf is what setSource would make. `byId`: the
   * papers by id, when the caller has them. Falls back to setSource when it cannot tell.
   */
  updateSource(
    sourceId: string,
    papers: readonly Paper[],
    changed: ReadonlySet<string>,
    byId?: ReadonlyMap<string, Paper>,
  ): void {
    const known = this.sources.has(sourceId) && this.installedGeneration === this.buildGeneration;
    const sameOrder = known && sameIds(this.sources.get(sourceId)!, papers);
    this.setPapers(sourceId, papers, byId);
    // A paper other sources list too is a merge of them: made again whenever its source changes
    // (its line number may have moved even when its text did not).
    const mine = this.sourceMap(sourceId);
    const all = new Set(changed);
    for (const other of this.sources.keys())
      if (other !== sourceId) for (const id of this.sourceMap(other).keys()) if (mine.has(id)) all.add(id);
    changed = all;
    const patched =
      known && changed.size <= Math.max(64, this.ordered.length / 20)
        ? patchShelf(this.state, changed, sameOrder)
        : undefined;
    if (!patched) return this.rebuild();
    this.installedGeneration = ++this.buildGeneration;
    this.install(patched);
  }

  /**
   * Does the per-paper work of `setSource` ahead, a slice of about `sliceMs` at a time with
   * `pause` between slices, so that adding a large source keeps the host responsive: classifying
   * and base cite keys are the costly part of a rebuild, and setSource then finds them ready.
   * Papers whose theme is given (a `Theme:` field, a move the user made) are not classified.
   */
  async prepareInSlices(papers: readonly Paper[], pause: () => Promise<void>, sliceMs = HOST_SLICE_MS): Promise<void> {
    await runStepsInSlices(this.prepare(papers), pause, sliceMs);
  }

  private *prepare(papers: readonly Paper[]): Steps<void> {
    let prepareKey = this.options.keyPreparer?.();
    for (let i = 0; i < papers.length; i++) {
      if ((i & 31) === 31) {
        yield;
        // The key pattern may have changed while the host ran other work.
        prepareKey = this.options.keyPreparer?.();
      }
      const paper = papers[i];
      if (paper.theme === undefined && this.choices.themeOverrides[paper.id] === undefined) this.themeOf(paper);
      prepareKey?.(paper);
    }
  }

  removeSource(sourceId: string): void {
    this.sourceMaps.delete(sourceId);
    if (this.sources.delete(sourceId)) this.rebuild();
  }

  sourceIds(): string[] {
    return [...this.sources.keys()];
  }

  papersOf(sourceId: string): readonly Paper[] {
    return this.sources.get(sourceId) ?? [];
  }

  /** Ids in the choices may be in any form ('arXiv:2510.01152v2'); they are stored canonical. */
  setChoices(choices: ShelfChoices): void {
    this.choices = canonicalChoices(choices);
    this.rebuild();
  }

  /** Gives every paper its cite key again (the key pattern changed); pinned keys stay as they are. */
  rekey(): void {
    this.rebuild();
  }

  /** Files every paper again (the taxonomy changed): automatic themes are recomputed. */
  reclassify(): void {
    this.themeCache = new WeakMap();
    this.rebuild();
  }

  /**
   * Files papers under the given automatic themes (by id; what a theme discovery found) and
   * rebuilds the shelf in slices. Papers not listed keep being classified as before.
   */
  async refileInSlices(
    themes: ReadonlyMap<string, string>,
    pause: () => Promise<void>,
    sliceMs = HOST_SLICE_MS,
    /** Papers not listed are filed afresh (the classifier changed: a discovery that did not see them). */
    othersAfresh = false,
  ): Promise<void> {
    // Every paper is preset, even when a newer build comes meanwhile (it files them alike).
    await runStepsInSlices(this.preset(themes, othersAfresh), pause, sliceMs);
    const generation = ++this.buildGeneration;
    const built = await runStepsInSlices(this.build(), pause, sliceMs, () => generation !== this.buildGeneration);
    if (built) this.installAt(generation, built.value);
  }

  /**
   * Takes the automatic themes of `papers` as found elsewhere (the collection worker filed them
   * with the shelf's themes as they are now): `themes[i]` is `papers[i]`'s. Filing them then asks
   * nothing of the classifier; a later change of the themes files them again, as any paper.
   */
  *presetSteps(papers: readonly Paper[], themes: readonly string[]): Steps<void> {
    for (let i = 0; i < papers.length; i++) {
      if ((i & 2047) === 2047) yield;
      this.themeCache.set(papers[i]!, themes[i]!);
    }
  }

  /** refileInSlices at once. */
  refile(themes: ReadonlyMap<string, string>): void {
    runSteps(this.preset(themes));
    this.rebuild();
  }

  private *preset(themes: ReadonlyMap<string, string>, othersAfresh = false): Steps<void> {
    const entries = this.ordered;
    for (let i = 0; i < entries.length; i++) {
      if ((i & 2047) === 2047) yield;
      const theme = themes.get(entries[i].paper.id);
      if (theme !== undefined) this.themeCache.set(entries[i].paper, theme);
      else if (othersAfresh) this.themeCache.delete(entries[i].paper);
    }
  }

  /** The themes users gave papers, by id: a move remembered here, else a `Theme:` field. */
  userThemes(): Map<string, string> {
    return runSteps(this.userThemeSteps());
  }

  /** `userThemes` as steps (a pass over every entry). */
  *userThemeSteps(): Steps<Map<string, string>> {
    const out = new Map<string, string>();
    const entries = this.ordered;
    for (let i = 0; i < entries.length; i++) {
      if ((i & 4095) === 4095) yield;
      const { paper } = entries[i];
      const theme = this.choices.themeOverrides[paper.id] ?? paper.theme;
      if (theme) out.set(paper.id, theme);
    }
    return out;
  }

  getChoices(): ShelfChoices {
    return cloneChoices(this.choices);
  }

  /** Entry for an id in any form ('arXiv:2510.01152v2', an abs URL, ...), or a cite key. */
  lookup(idOrKey: string): ShelfEntry | undefined {
    return this.get(idOrKey) ?? this.byKeyMap.get(idOrKey.trim());
  }

  /** Entry for an arXiv id in any form, any version. */
  get(id: string): ShelfEntry | undefined {
    const direct = this.byId.get(id);
    if (direct) return direct;
    const canonical = normalizeArxivId(id);
    return canonical === undefined ? undefined : this.byId.get(canonical);
  }

  byKey(key: string): ShelfEntry | undefined {
    return this.byKeyMap.get(key);
  }

  /** All entries, in source order (seeds first), then file order. */
  entries(): readonly ShelfEntry[] {
    return this.ordered;
  }

  get size(): number {
    return this.ordered.length;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private rebuild(): void {
    this.installedGeneration = ++this.buildGeneration;
    this.install(runSteps(this.build()));
  }

  /**
   * Replaces every paper of one source like `setSource`, but builds the new shelf in slices of
   * about `sliceMs` with `pause` between them (merging, cite keys, entries and lookups for 100,000
   * papers take most of a second), so a large source keeps the host responsive. Until it is done the
   * shelf answers as before; a change made meanwhile (any set or remove) supersedes this build
   * and includes this source. Resolves when the papers are on the shelf.
   */
  async setSourceInSlices(
    sourceId: string,
    papers: readonly Paper[],
    pause: () => Promise<void>,
    sliceMs = HOST_SLICE_MS,
  ): Promise<void> {
    this.setPapers(sourceId, papers);
    const generation = ++this.buildGeneration;
    // Superseded: the newer build has this source too.
    const built = await runStepsInSlices(this.build(), pause, sliceMs, () => generation !== this.buildGeneration);
    if (built) this.installAt(generation, built.value);
  }

  /** The shelf for the current sources and choices; yields every so many papers (see setSourceInSlices). */
  private *build(): Steps<Built> {
    const merged = new Map<string, { paper: Paper; sourceId: string }>();
    let n = 0;
    for (const [sourceId, papers] of this.sources) {
      for (const paper of papers) {
        const previous = merged.get(paper.id);
        merged.set(paper.id, previous ? { paper: mergePapers(previous.paper, paper), sourceId } : { paper, sourceId });
        if ((++n & 1023) === 0) yield;
      }
    }
    const hidden = new Set(this.choices.hidden);
    const starred = new Set(this.choices.starred);
    const visible: { paper: Paper; sourceId: string }[] = [];
    const papers: Paper[] = [];
    const pinned = new Map<string, string>(Object.entries(this.choices.pinnedKeys));
    for (const v of merged.values()) {
      if ((++n & 1023) === 0) yield;
      const { paper } = v;
      if (hidden.has(paper.id)) continue;
      visible.push(v);
      papers.push(paper);
    }
    for (const paper of papers) {
      if ((++n & 1023) === 0) yield;
      if (paper.key && !pinned.has(paper.id)) pinned.set(paper.id, paper.key);
    }
    yield;
    const keys = this.options.assignKeySteps
      ? yield* this.options.assignKeySteps(papers, pinned)
      : this.options.assignKeys(papers, pinned);
    yield;

    const byId = new Map<string, ShelfEntry>();
    const byKey = new Map<string, ShelfEntry>();
    const ordered: ShelfEntry[] = [];
    for (const { paper, sourceId } of visible) {
      const entry = entryOf(paper, sourceId, keys.get(paper.id), this.fileUnder(paper), starred);
      byId.set(paper.id, entry);
      byKey.set(entry.key, entry);
      ordered.push(entry);
      if ((++n & 1023) === 0) yield;
    }
    return { byId, byKey, ordered };
  }

  private installAt(generation: number, built: Built): void {
    this.installedGeneration = generation;
    this.install(built);
  }

  /** What the patch of a few ids needs to see (see shelfPatch.ts). */
  get state(): ShelfState {
    return {
      sources: this.sources,
      sourceMap: (id) => this.sourceMap(id),
      choices: this.choices,
      byId: this.byId,
      byKey: this.byKeyMap,
      ordered: this.ordered,
      themeOf: (paper) => this.fileUnder(paper),
      updateKeys: this.options.updateKeys,
    };
  }

  /** The theme a paper is filed under: the user's move, its `Theme:` field, else the automatic one. */
  private fileUnder(paper: Paper): string {
    return this.choices.themeOverrides[paper.id] ?? paper.theme ?? this.themeOf(paper);
  }

  private sourceMap(sourceId: string): ReadonlyMap<string, Paper> {
    let map = this.sourceMaps.get(sourceId);
    if (!map) {
      map = new Map((this.sources.get(sourceId) ?? []).map((p) => [p.id, p]));
      this.sourceMaps.set(sourceId, map);
    }
    return map;
  }

  private install(built: Built): void {
    this.byId = built.byId;
    this.byKeyMap = built.byKey;
    this.ordered = built.ordered;
    this.changed.fire({ size: built.ordered.length });
  }

  private themeOf(paper: Paper): string {
    let theme = this.themeCache.get(paper);
    if (theme === undefined) {
      theme = this.options.classify(paper);
      this.themeCache.set(paper, theme);
    }
    return theme;
  }
}

export interface Built {
  byId: Map<string, ShelfEntry>;
  byKey: Map<string, ShelfEntry>;
  ordered: ShelfEntry[];
}

/** Whether two lists hold the same ids in the same order (mostly the very same papers: compared by object first). */
function sameIds(a: readonly Paper[], b: readonly Paper[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.id !== b[i]!.id) return false;
  return true;
}

/**
 * A copy with every id canonical, tolerating a damaged stored state (missing or mistyped parts
 * are read as empty), so remembered choices keep applying whatever form an id was saved in.
 */
function canonicalChoices(c: Partial<ShelfChoices>): ShelfChoices {
  const id = (x: string) => normalizeArxivId(x) ?? x;
  const list = (v: unknown) =>
    Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string').map(id))] : [];
  const record = (v: unknown) => {
    const out: Record<string, string> = {};
    if (v && typeof v === 'object') {
      for (const [k, value] of Object.entries(v)) if (typeof value === 'string') out[id(k)] = value;
    }
    return out;
  };
  return {
    themeOverrides: record(c.themeOverrides),
    starred: list(c.starred),
    hidden: list(c.hidden),
    pinnedKeys: record(c.pinnedKeys),
  };
}

function cloneChoices(c: ShelfChoices): ShelfChoices {
  return {
    themeOverrides: { ...c.themeOverrides },
    starred: [...c.starred],
    hidden: [...c.hidden],
    pinnedKeys: { ...c.pinnedKeys },
  };
}
