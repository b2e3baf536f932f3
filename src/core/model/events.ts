import type { Disposable } from './types';

/** A tiny typed event emitter, shaped like vscode.EventEmitter so adapters can pass events through. */
export class Emitter<T> {
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
        console.error('[paper-shelf] listener failed', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
