// VS Code draws `$(name)` as a codicon in quick pick labels, descriptions and details (and in
// Markdown with theme icons on, which core/text/markdown escapes). A theme named `$(alert)` or a
// title holding `$(gear~spin)` must show as the text it is: a backslash before the `$` tells VS
// Code's icon renderer to leave it, and the backslash itself is not shown.
import { displayLine } from './invisible';

/** `$(name)` and `$(name~modifier)` in `text`, escaped so they show as written. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z0-9-]+)?\))/g, '\\$(');
}

/** Text from a paper or a collection file as one quick pick line: no unseen character, no icon. */
export function pickerText(text: string): string {
  return escapeIcons(displayLine(text));
}
