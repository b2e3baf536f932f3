// Messages between the summary panel's page (media/panel.js) and the extension host.
// The page only names things (a command id from the actions it was given, a paper id);
// the host checks both before acting.

export type PageMessage =
  /** One of the panel's action buttons, for the paper the panel shows. */
  | { type: 'command'; command: string }
  /** A "Related on this shelf" entry: show that paper in the same panel. */
  | { type: 'open'; id: string }
  /** A link in the page: the page never navigates, the host opens it through VS Code's opener. */
  | { type: 'link'; href: string };

/** What the page keeps through a window reload (vscode.setState), read by the panel serializer. */
export interface PanelState {
  paperId: string;
}

export function isPageMessage(value: unknown): value is PageMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    (m.type === 'command' && typeof m.command === 'string') ||
    (m.type === 'open' && typeof m.id === 'string') ||
    (m.type === 'link' && typeof m.href === 'string')
  );
}

export function isPanelState(value: unknown): value is PanelState {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).paperId === 'string';
}
