import * as vscode from 'vscode';
import { Emitter } from '../core/model/events';

/** How many of the latest lines the log keeps in memory (the tests and `lines()` read them). */
const KEPT_LINES = 500;

export type LogLevel = 'trace' | 'info' | 'warn' | 'error';

/** One line written to the log: its level and its text (the error's message appended, if any). */
export interface LogLine {
  level: LogLevel;
  text: string;
}

/**
 * The extension's log: the "Paper Shelf" output channel (a LogOutputChannel, so the user picks
 * the level and VS Code stamps the time). Problems in the shipped data, failed loads, refused
 * network answers and the timings of large loads go here, never to the console.
 */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly kept: LogLine[] = [];
  private readonly reportListenerError = (err: unknown): void => this.error('An event listener failed', err);

  constructor(channel?: vscode.LogOutputChannel) {
    this.channel = channel ?? vscode.window.createOutputChannel('Paper Shelf', { log: true });
    // A failing listener of a core event is reported here (the core itself writes no log).
    Emitter.onListenerError = this.reportListenerError;
  }

  trace(text: string): void {
    this.write('trace', text);
  }

  info(text: string): void {
    this.write('info', text);
  }

  warn(text: string, err?: unknown): void {
    this.write('warn', withError(text, err));
  }

  error(text: string, err?: unknown): void {
    this.write('error', withError(text, err));
  }

  /** The latest lines written (at most KEPT_LINES), oldest first. */
  lines(): readonly LogLine[] {
    return this.kept;
  }

  /** Opens the channel in the Output panel, keeping the focus where it is. */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    if (Emitter.onListenerError === this.reportListenerError) Emitter.onListenerError = undefined;
    this.channel.dispose();
  }

  private write(level: LogLevel, message: string): void {
    // The channel is named Paper Shelf already: a message written for a notification drops its prefix.
    const text = message.replace(/^Paper Shelf: /, '');
    this.kept.push({ level, text });
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
    this.channel[level](text);
  }
}

function withError(text: string, err: unknown): string {
  if (err === undefined) return text;
  const detail = err instanceof Error ? err.message : String(err);
  return detail ? `${text}: ${detail}` : text;
}
