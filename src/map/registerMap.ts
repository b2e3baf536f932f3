import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import type { Services } from '../services';
import type { BrowseApi } from '../tree/registerBrowse';
import { MAP_VIEW_TYPE, MapPanel } from './mapPanel';

/** What the map exposes to the integration tests (through PaperShelfApi.map). */
export interface MapApi {
  readonly panel: MapPanel;
}

/** Show Map, its two exports, and the serializer that brings the panel back after a reload. */
export function registerMap(services: Services, browse: BrowseApi): MapApi {
  const { context, shelfService } = services;
  const panel = new MapPanel(context.extensionUri, shelfService, browse.tree);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand(Commands.showMap, () => panel.show()),
    vscode.commands.registerCommand(Commands.exportMapSvg, () => panel.requestExport('svg')),
    vscode.commands.registerCommand(Commands.exportMapPng, () => panel.requestExport('png')),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, {
      deserializeWebviewPanel: (webviewPanel) => panel.restore(webviewPanel),
    }),
  );
  return { panel };
}
