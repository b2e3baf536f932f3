import type { Disposable } from './types';

/** A tiny typed event emitter, shaped like vscode.EventEmitter so adapters can pass events through. */
export class Emitter<T> {
  /**
   * Where a failing listener is reported: the extension sets its log here. Unset (the CLI, the
   * tests), the error is thrown on a later tick, after the other listeners ran.
   */
  static onListenerError: ((err: unknown) => void) | undefined;

  private listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        // One failing listener must not stop the others.
        const report = Emitter.onListenerError;
        if (report) report(err);
        else
          setTimeout(() => {
            throw err;
          }, 0);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
