import * as vscode from 'vscode';

/**
 * The editor a citation goes into. Commands run from the tree, the summary panel or a picker
 * while the focus is away from the text: then the text editor the user last worked in (if it
 * is still visible) is the target, not "no editor".
 */
export class TargetEditor implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor && editor.document.uri.scheme !== 'output') this.last = editor;
  });

  get(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const visible = vscode.window.visibleTextEditors;
    const last = this.last;
    if (last) {
      const same =
        visible.find((e) => e === last) ??
        visible.find((e) => e.document === last.document && e.viewColumn === last.viewColumn);
      if (same) return same;
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
