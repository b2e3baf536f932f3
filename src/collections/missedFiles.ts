// What a file watcher misses. On Linux, VS Code's recursive watcher (@parcel/watcher over inotify)
// starts watching a new folder only once it has been told of it, and a file written into the
// folder before then is never reported: `git pull` or `git checkout` bringing a folder of
// collection files, `mkdir -p notes && cp … notes/`, an unzipped archive (parcel-bundler/watcher#97
// and #243, microsoft/vscode#142694). Two ways round it, both cheap:
// - a folder that appears is searched for collection files once the burst of creations settles;
// - a collection file saved in an editor is read again whether or not its watcher saw the save.
import * as vscode from 'vscode';

/** Creations are collected this long after the last one before anything is looked at. */
const SETTLE_MS = 500;
/** At most this many created paths are remembered per burst, and this many are looked at. */
const MAX_REMEMBERED = 256;
const MAX_STATS = 32;
/** Created paths in these folders are never collection folders worth a search. */
const SKIPPED = /(^|\/)(node_modules|\.git|\.hg|\.svn)(\/|$)/;

export class MissedFiles implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly created = new Map<string, vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param onNewFolder a folder was created in the workspace: search it (the whole workspace is
   *   searched, so that patterns relative to the workspace keep their meaning).
   * @param onSaved a document was saved in an editor: read it if it is a collection file.
   */
  constructor(
    private readonly onNewFolder: () => void,
    onSaved: (uri: vscode.Uri) => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.remember(uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => onSaved(doc.uri)),
    );
  }

  private remember(uri: vscode.Uri): void {
    if (SKIPPED.test(uri.path)) return;
    if (this.created.size < MAX_REMEMBERED) this.created.set(uri.toString(), uri);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.settle();
    }, SETTLE_MS);
  }

  /** Whether any path created in the burst is a folder (only the top-most paths are looked at). */
  private async settle(): Promise<void> {
    const uris = topMost([...this.created.values()]).slice(0, MAX_STATS);
    this.created.clear();
    for (const uri of uris) {
      try {
        if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) return this.onNewFolder();
      } catch {
        // Gone again (a build's temporary folder): nothing to search.
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The paths not inside another of them, shortest first. */
function topMost(uris: vscode.Uri[]): vscode.Uri[] {
  const sorted = [...uris].sort((a, b) => a.path.length - b.path.length);
  const kept: vscode.Uri[] = [];
  for (const uri of sorted)
    if (
      !kept.some((k) => k.scheme === uri.scheme && k.authority === uri.authority && uri.path.startsWith(`${k.path}/`))
    )
      kept.push(uri);
  return kept;
}
