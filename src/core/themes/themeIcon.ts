// The codicon a theme shows with, the same in the tree, its tooltips, the hovers and the Move to
// Theme picker: the taxonomy's icon for its themes and its catch-all, a tag for a theme the user
// made (a `Theme:` field or a move in the tree), which the taxonomy knows nothing about.
import type { ThemeClassifier } from './themes';

/** Icon for a theme the taxonomy does not define. */
export const USER_THEME_ICON = 'tag';

export function themeIcon(classifier: ThemeClassifier | undefined, theme: string): string {
  if (!classifier) return USER_THEME_ICON;
  if (classifier.definition(theme) || theme === classifier.taxonomy.fallback) return classifier.iconOf(theme);
  return USER_THEME_ICON;
}
