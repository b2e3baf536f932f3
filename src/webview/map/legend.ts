// The legend: one toggle button per theme (its colour, name and size). Pressing one makes that
// theme's papers stand out and the rest fade; Ctrl/Cmd-click or Space on several adds them up.
import type { MapTheme } from '../../core/map/mapModel';

export class Legend {
  private themes: MapTheme[] = [];
  private buttons: HTMLButtonElement[] = [];
  private selected = new Set<number>();

  constructor(
    private readonly list: HTMLElement,
    private readonly onChange: () => void,
  ) {}

  setThemes(themes: MapTheme[], colours: string[], selectedNames: readonly string[]): void {
    // A new model (the shelf changed, its themes settled) replaces the buttons: the keyboard stays on
    // the theme it was on rather than falling back to the page's start.
    // Only while the page has the keyboard: the last element focused stays the active one when the
    // user moves on (to the Command Palette, an editor), and must not pull the keyboard back.
    const active = document.hasFocus() ? document.activeElement : null;
    const focusedName = active instanceof HTMLElement && this.list.contains(active) ? active.dataset.theme : undefined;
    this.themes = themes;
    this.selected = new Set(
      selectedNames.map((name) => themes.findIndex((t) => t.name === name)).filter((i) => i >= 0),
    );
    this.buttons = themes.map((theme, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'legend-item';
      button.dataset.theme = theme.name;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = theme.name;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent =
        theme.shown < theme.count
          ? `${theme.count.toLocaleString('en')} (${theme.shown.toLocaleString('en')} drawn)`
          : theme.count.toLocaleString('en');
      button.append(swatch, name, count);
      button.title = `${theme.name}: ${theme.count} ${theme.count === 1 ? 'paper' : 'papers'}. Click to show only this theme; Ctrl+click to add it.`;
      button.addEventListener('click', (e) => this.toggle(i, e.ctrlKey || e.metaKey || e.shiftKey));
      const item = document.createElement('li');
      item.append(button);
      return button;
    });
    this.list.replaceChildren(...this.buttons.map((b) => b.parentElement!));
    this.setColours(colours);
    this.render();
    if (focusedName !== undefined) this.buttons.find((b) => b.dataset.theme === focusedName)?.focus();
  }

  setColours(colours: string[]): void {
    this.buttons.forEach((b, i) => (b.firstElementChild as HTMLElement).style.setProperty('background', colours[i]));
  }

  selectedIndexes(): ReadonlySet<number> {
    return this.selected;
  }

  selectedNames(): string[] {
    return [...this.selected].map((i) => this.themes[i].name);
  }

  clear(): void {
    if (!this.selected.size) return;
    this.selected.clear();
    this.render();
    this.onChange();
  }

  private toggle(i: number, add: boolean): void {
    if (this.selected.has(i)) this.selected.delete(i);
    else {
      if (!add) this.selected.clear();
      this.selected.add(i);
    }
    this.render();
    this.onChange();
  }

  private render(): void {
    this.buttons.forEach((b, i) => {
      const on = this.selected.has(i);
      b.setAttribute('aria-pressed', String(on));
      b.classList.toggle('faded', this.selected.size > 0 && !on);
    });
  }
}
