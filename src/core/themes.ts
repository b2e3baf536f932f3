// CONTRACT (filled in by the browse work): signatures are fixed; bodies are being written.
import type { Paper, Problem } from './types';

export interface ThemeDefinition {
  name: string;
  /** Codicon id, without the $( ) wrapper. */
  icon: string;
  /** Terms (words or phrases) that describe the theme, with optional weights. */
  terms: Record<string, number> | string[];
}

export interface Taxonomy {
  themes: ThemeDefinition[];
  /** The catch-all theme's name. */
  fallback: string;
  fallbackIcon: string;
}

/** Parses a taxonomy JSON text (the shipped seeds/themes.json or a user's replacement). */
export function parseTaxonomy(_json: string, _file = ''): { taxonomy?: Taxonomy; problems: Problem[] } {
  throw new Error('parseTaxonomy: not written yet');
}

export class ThemeClassifier {
  constructor(readonly taxonomy: Taxonomy) {}
  /** The theme a paper belongs in, from its title and summary. */
  classify(_paper: Paper): string {
    throw new Error('classify: not written yet');
  }
  iconOf(name: string): string {
    return this.taxonomy.themes.find((t) => t.name === name)?.icon ?? this.taxonomy.fallbackIcon;
  }
}
