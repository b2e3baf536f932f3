// The API VS Code gives a webview page (acquireVsCodeApi may be called once).
interface VsCodeApi<State> {
  postMessage(message: unknown): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State = unknown>(): VsCodeApi<State>;
