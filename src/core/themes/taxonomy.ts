// The taxonomy (theme names, codicons, and the terms that describe each theme) is data
// (seeds/themes.json, replaceable by the user): reading it, with a clear problem for anything wrong.
import type { Problem } from '../model/types';
import { collapseSpace } from '../text/spaces';

export interface ThemeDefinition {
  name: string;
  /** Codicon id, without the $( ) wrapper. */
  icon: string;
  /** Terms (words or phrases) that describe the theme, with optional weights. */
  terms: Record<string, number> | string[];
  /** One line for people reading the taxonomy or the tree's tooltip. */
  description?: string;
}

export interface Taxonomy {
  themes: ThemeDefinition[];
  /** The catch-all theme's name. */
  fallback: string;
  fallbackIcon: string;
  /** How much more a term counts in the title than one mention in the summary (default 3). */
  titleWeight?: number;
  /** The least score a theme needs before a paper is assigned to it (default 3). */
  minScore?: number;
  /** How far the best theme must lead the runner-up; closer calls go to the fallback (default 0). */
  minMargin?: number;
}

export const DEFAULT_TITLE_WEIGHT = 3;
export const DEFAULT_MIN_SCORE = 3;
export const DEFAULT_MIN_MARGIN = 0;

/** Parses a taxonomy JSON text (the shipped seeds/themes.json or a user's replacement). */
export function parseTaxonomy(json: string, file = ''): { taxonomy?: Taxonomy; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (code: string, message: string, severity: Problem['severity'] = 'error'): void => {
    problems.push({ severity, code, message, location: { file, line: 1, column: 1 } });
  };
  let data: unknown;
  try {
    data = JSON.parse(stripBom(json));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const location = jsonErrorLocation(json, message, file);
    problems.push({
      severity: 'error',
      code: 'invalid-json',
      message: `The taxonomy is not valid JSON: ${message}`,
      location,
    });
    return { problems };
  }
  if (!isObject(data)) {
    problem('invalid-taxonomy', 'The taxonomy must be a JSON object with a "themes" array.');
    return { problems };
  }
  if (!Array.isArray(data.themes)) {
    problem('missing-themes', 'The taxonomy has no "themes" array.');
    return { problems };
  }

  const fallbackField = data.fallback;
  let fallback = 'Other';
  let fallbackIcon = 'question';
  if (typeof fallbackField === 'string' && fallbackField.trim()) fallback = fallbackField.trim();
  else if (isObject(fallbackField)) {
    if (typeof fallbackField.name === 'string' && fallbackField.name.trim()) fallback = fallbackField.name.trim();
    if (typeof fallbackField.icon === 'string' && fallbackField.icon.trim())
      fallbackIcon = cleanIcon(fallbackField.icon, fallbackIcon, 'fallback', problem);
  } else if (fallbackField !== undefined)
    problem('invalid-fallback', '"fallback" must be a theme name or { "name", "icon" }; using "Other".', 'warning');
  if (typeof data.fallbackIcon === 'string' && data.fallbackIcon.trim())
    fallbackIcon = cleanIcon(data.fallbackIcon, fallbackIcon, 'fallback', problem);

  const themes: ThemeDefinition[] = [];
  const seen = new Set<string>([fallback.toLowerCase()]);
  data.themes.forEach((raw, index) => {
    const where = `themes[${index}]`;
    if (!isObject(raw)) return problem('invalid-theme', `${where} is not an object; skipped.`, 'warning');
    const name = typeof raw.name === 'string' ? collapseSpace(raw.name) : '';
    if (!name) return problem('missing-name', `${where} has no "name"; skipped.`, 'warning');
    if (seen.has(name.toLowerCase()))
      return problem(
        'duplicate-theme',
        `Theme "${name}" appears twice (or is the fallback's name); the later one is skipped.`,
        'warning',
      );
    const terms = parseTerms(raw.terms);
    if (!terms)
      return problem(
        'invalid-terms',
        `Theme "${name}": "terms" must be a list of strings or an object of term -> weight; skipped.`,
        'warning',
      );
    for (const bad of terms.rejected)
      problem(
        'invalid-term',
        `Theme "${name}": term ${JSON.stringify(bad)} is ignored (weights are finite numbers).`,
        'warning',
      );
    if (!Object.keys(terms.accepted).length)
      problem('no-terms', `Theme "${name}" has no terms, so no paper will be assigned to it automatically.`, 'warning');
    seen.add(name.toLowerCase());
    themes.push({
      name,
      icon:
        typeof raw.icon === 'string' && raw.icon.trim()
          ? cleanIcon(raw.icon, 'symbol-misc', `Theme "${name}"`, problem)
          : 'symbol-misc',
      terms: terms.accepted,
      ...(typeof raw.description === 'string' && raw.description.trim() ? { description: raw.description.trim() } : {}),
    });
  });
  if (!themes.length) {
    problem('no-themes', 'The taxonomy defines no usable theme.');
    return { problems };
  }
  const taxonomy: Taxonomy = { themes, fallback, fallbackIcon };
  for (const field of ['titleWeight', 'minScore', 'minMargin'] as const) {
    const value = data[field];
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) taxonomy[field] = value;
    else problem('invalid-number', `"${field}" must be a non-negative number; using the default.`, 'warning');
  }
  return { taxonomy, problems };
}

/** How one theme scored for a paper, with the terms that matched (for tooltips and tuning). */

function parseTerms(raw: unknown): { accepted: Record<string, number>; rejected: string[] } | undefined {
  const accepted: Record<string, number> = {};
  const rejected: string[] = [];
  if (Array.isArray(raw)) {
    for (const t of raw) {
      if (typeof t === 'string' && t.trim()) accepted[t.trim()] = 1;
      else rejected.push(String(t));
    }
    return { accepted, rejected };
  }
  if (isObject(raw)) {
    for (const [t, w] of Object.entries(raw)) {
      if (t.trim() && typeof w === 'number' && Number.isFinite(w)) accepted[t.trim()] = w;
      else rejected.push(t);
    }
    return { accepted, rejected };
  }
  return undefined;
}

/**
 * A codicon id ('rocket', '$(rocket)', 'sync~spin'), else `otherwise` with a warning: the icon is
 * written into Markdown tooltips as `$(icon)`, so anything but an icon id would be markup.
 */
function cleanIcon(
  icon: string,
  otherwise: string,
  owner: string,
  problem: (code: string, message: string, severity?: Problem['severity']) => void,
): string {
  const id = icon.trim().replace(/^\$\((.*)\)$/, '$1');
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*(?:~[a-z]+)?$/.test(id)) return id;
  problem(
    'invalid-icon',
    `${owner}: ${JSON.stringify(icon.slice(0, 80))} is not a codicon id (e.g. "rocket"); using "${otherwise}".`,
    'warning',
  );
  return otherwise;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column of a JSON.parse error when the message names a position. */
function jsonErrorLocation(json: string, message: string, file: string): Problem['location'] {
  const m = /position (\d+)/.exec(message);
  if (!m) return { file, line: 1, column: 1 };
  const before = stripBom(json).slice(0, Number(m[1]));
  const lines = before.split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1].length + 1 };
}
