import * as vscode from 'vscode';
import { platform } from '../platform/platform';
import { SEEDS_SOURCE } from '../core/shelf/shelfFactory';
import { SEED_METADATA_SOURCE } from '../shelf/shippedPapers';
import type { Services } from '../services';
import type { CollectionWriter } from '../collections/collectionWriter';
import { shelfFileUri } from '../settings/settingPaths';
import type { ArxivService } from './arxivService';

/** What the grow commands share. */
export interface GrowContext {
  readonly services: Services;
  readonly arxiv: ArxivService;
  readonly writer: CollectionWriter;
}

/** What a grow command returns (tests read it; the user reads `message`). */
export interface GrowResult {
  ok: boolean;
  message: string;
  /** Canonical ids added, imported, refreshed, starred... */
  done: string[];
  /** Ids (or .bib keys) not done, each with the reason. */
  failed: { id: string; reason: string }[];
  /** The collection file written, as a URI string. */
  file?: string;
}

export function result(ok: boolean, message: string, extra: Partial<GrowResult> = {}): GrowResult {
  return { ok, message, done: [], failed: [], ...extra };
}

/** Shows the result without waiting for the user (commands return right away). */
export function show(res: GrowResult, ...actions: { title: string; run(): unknown }[]): GrowResult {
  const titles = actions.map((a) => a.title);
  const shown = !res.ok
    ? vscode.window.showErrorMessage(res.message, ...titles)
    : res.failed.length
      ? vscode.window.showWarningMessage(res.message, ...titles)
      : vscode.window.showInformationMessage(res.message, ...titles);
  void Promise.resolve(shown).then((picked) => actions.find((a) => a.title === picked)?.run());
  return res;
}

/** True for shelf sources that are collection files (their id is a URI). */
function isFileSource(sourceId: string): boolean {
  return sourceId !== SEEDS_SOURCE && sourceId !== SEED_METADATA_SOURCE && /^[a-z][\w+.-]*:\/\//i.test(sourceId);
}

/** The collection files on the shelf holding this paper. */
export function filesHolding(services: Services, id: string): vscode.Uri[] {
  const shelf = services.shelfService.shelf;
  return shelf
    .sourceIds()
    .filter((s) => isFileSource(s) && shelf.papersOf(s).some((p) => p.id === id))
    .map((s) => vscode.Uri.parse(s));
}

/** Where new papers go: `target` when given, the shelf file, or (several collections) the user's pick. */
export async function pickTargetFile(
  services: Services,
  target: unknown,
  purpose: string,
): Promise<vscode.Uri | undefined | 'cancelled'> {
  if (typeof target === 'string' && target)
    return target.includes('://') ? vscode.Uri.parse(target) : platform().absoluteUri(target);
  if (target instanceof vscode.Uri) return target;
  const shelfFile = shelfFileUri();
  const others = services.shelfService.shelf
    .sourceIds()
    .filter(isFileSource)
    .map((s) => vscode.Uri.parse(s))
    .filter((u) => u.toString() !== shelfFile?.toString());
  if (!others.length) return shelfFile;
  const items: (vscode.QuickPickItem & { uri: vscode.Uri })[] = [
    ...(shelfFile
      ? [
          {
            label: vscode.workspace.asRelativePath(shelfFile, true),
            description: 'the workspace shelf file',
            uri: shelfFile,
          },
        ]
      : []),
    ...others.map((uri) => ({
      label: vscode.workspace.asRelativePath(uri, true),
      description: 'collection file',
      uri,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: purpose,
    placeHolder: 'Collection file to write the papers into',
  });
  return picked ? picked.uri : 'cancelled';
}

/** Runs `work` under a cancellable notification; the AbortSignal follows the Cancel button. */
export function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let shown = 0;
        const report = (done: number, total: number): void => {
          const percent = total ? (100 * done) / total : 100;
          progress.report({ message: `${done} of ${total}`, increment: percent - shown });
          shown = percent;
        };
        return work(controller.signal, report).finally(() => sub.dispose());
      },
    ),
  );
}

export { plural } from '../core/text/plural';

export function fileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
