import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';

/** Paper Shelf: Show Log opens the "Paper Shelf" output channel. */
export function registerLog(services: Services): void {
  services.context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => services.log.show()));
}
