// The timeline under the map: papers per month as bars stacked by theme. Dragging across it (or
// the arrow keys, Shift to widen) selects a span of months, whose papers stand out on the map.
import type { MapTimeline } from '../../core/map/mapModel';
import type { Colours } from './draw';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AXIS = 18;

export function monthName(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : month;
}

export class Timeline {
  private data: MapTimeline = { months: [], counts: [], undated: 0 };
  private colours: Colours | undefined;
  /** Selected months as indexes into data.months, both ends included. */
  private span: [number, number] | undefined;
  /** Where the keyboard is (a month index). */
  private cursor = 0;
  private anchor: number | undefined;
  private dragging = false;
  /** Themes selected in the legend: the others' bars fade, as their points do. */
  private themes: ReadonlySet<number> = new Set();

  constructor(
    private readonly element: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly onChange: (span: [string, string] | undefined) => void,
  ) {
    element.addEventListener('pointerdown', (e) => {
      const i = this.monthAt(e.offsetX);
      if (i === undefined) return;
      element.setPointerCapture(e.pointerId);
      this.dragging = true;
      this.anchor = i;
      this.cursor = i;
      this.setSpan([i, i]);
    });
    element.addEventListener('pointermove', (e) => {
      if (!this.dragging || this.anchor === undefined) return;
      const i = this.monthAt(e.offsetX);
      if (i === undefined) return;
      this.cursor = i;
      this.setSpan([Math.min(this.anchor, i), Math.max(this.anchor, i)]);
    });
    element.addEventListener('pointerup', () => (this.dragging = false));
    element.addEventListener('keydown', (e) => this.onKey(e));
  }

  setData(data: MapTimeline, colours: Colours): void {
    this.data = data;
    this.colours = colours;
    this.cursor = Math.max(0, data.months.length - 1);
    this.element.setAttribute('aria-valuemax', String(Math.max(0, data.months.length - 1)));
    this.draw();
  }

  setColours(colours: Colours): void {
    this.colours = colours;
    this.draw();
  }

  /** Selects a span by month names (a restored state); months not on the timeline are ignored. */
  select(span: [string, string] | undefined, notify = true): void {
    if (!span) return this.setSpan(undefined, notify);
    const a = this.data.months.indexOf(span[0]);
    const b = this.data.months.indexOf(span[1]);
    if (a < 0 || b < 0) return this.setSpan(undefined, notify);
    this.cursor = b;
    this.setSpan([Math.min(a, b), Math.max(a, b)], notify);
  }

  get selected(): [string, string] | undefined {
    return this.span ? [this.data.months[this.span[0]], this.data.months[this.span[1]]] : undefined;
  }

  /** "Mar 2025 – May 2025: 14 papers", or what the timeline holds when nothing is selected. */
  describe(): string {
    const months = this.data.months;
    if (!months.length) return this.data.undated ? `${this.data.undated} papers without a date` : 'No papers';
    if (!this.span) return `${monthName(months[0])} – ${monthName(months[months.length - 1])}, no span selected`;
    let n = 0;
    for (let m = this.span[0]; m <= this.span[1]; m++) n += this.data.counts[m].reduce((s, c) => s + c, 0);
    const [a, b] = this.span;
    return `${monthName(months[a])}${a === b ? '' : ` – ${monthName(months[b])}`}: ${n} ${n === 1 ? 'paper' : 'papers'}`;
  }

  resize(): void {
    this.draw();
  }

  setThemes(themes: ReadonlySet<number>): void {
    this.themes = themes;
    this.draw();
  }

  private setSpan(span: [number, number] | undefined, notify = true): void {
    this.span = span;
    this.element.setAttribute('aria-valuenow', String(this.cursor));
    this.element.setAttribute('aria-valuetext', this.describe());
    this.draw();
    if (notify) this.onChange(this.selected);
  }

  private onKey(e: KeyboardEvent): void {
    const last = this.data.months.length - 1;
    if (last < 0) return;
    let next: number | undefined;
    if (e.key === 'ArrowLeft') next = Math.max(0, this.cursor - 1);
    else if (e.key === 'ArrowRight') next = Math.min(last, this.cursor + 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape' && this.span) {
      e.preventDefault();
      e.stopPropagation();
      this.setSpan(undefined);
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    if (e.shiftKey) {
      const anchor = this.span ? (this.cursor === this.span[0] ? this.span[1] : this.span[0]) : this.cursor;
      this.cursor = next;
      this.setSpan([Math.min(anchor, next), Math.max(anchor, next)]);
    } else {
      this.cursor = next;
      this.setSpan([next, next]);
    }
  }

  private monthAt(x: number): number | undefined {
    const n = this.data.months.length;
    if (!n) return undefined;
    const width = this.canvas.clientWidth;
    return Math.min(n - 1, Math.max(0, Math.floor((x / Math.max(1, width)) * n)));
  }

  draw(): void {
    const colours = this.colours;
    const cssWidth = this.canvas.clientWidth;
    const cssHeight = this.canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, Math.round(cssWidth * dpr));
    this.canvas.height = Math.max(1, Math.round(cssHeight * dpr));
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !colours) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    const { months, counts } = this.data;
    if (!months.length) return;
    const plot = cssHeight - AXIS;
    const most = Math.max(1, ...counts.map((row) => row.reduce((s, c) => s + c, 0)));
    const band = cssWidth / months.length;
    const gap = band > 4 ? 1 : 0;
    for (let m = 0; m < months.length; m++) {
      const inSpan = !this.span || (m >= this.span[0] && m <= this.span[1]);
      let y = plot;
      counts[m].forEach((c, t) => {
        if (!c) return;
        ctx.globalAlpha = inSpan && (!this.themes.size || this.themes.has(t)) ? 0.9 : 0.25;
        const h = (c / most) * (plot - 4);
        ctx.fillStyle = colours.themes[t];
        ctx.fillRect(m * band + gap / 2, y - h, Math.max(0.5, band - gap), h);
        y -= h;
      });
    }
    ctx.globalAlpha = 1;
    if (this.span) {
      ctx.strokeStyle = colours.focus;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(this.span[0] * band + 0.75, 0.75, (this.span[1] - this.span[0] + 1) * band - 1.5, plot - 1);
    }
    if (document.activeElement === this.element) {
      ctx.fillStyle = colours.focus;
      ctx.fillRect(this.cursor * band, plot + 1, Math.max(2, band), 2);
    }
    this.drawAxis(ctx, band, plot, colours);
  }

  private drawAxis(ctx: CanvasRenderingContext2D, band: number, plot: number, colours: Colours): void {
    const { months } = this.data;
    ctx.fillStyle = colours.muted;
    ctx.font = `11px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    // Label every month when there is room, else the Januaries, else every few years.
    const everyMonth = band >= 48;
    const yearStep = Math.max(1, Math.ceil(44 / Math.max(1e-6, band * 12)));
    let lastEnd = -Infinity;
    months.forEach((month, m) => {
      const isJanuary = month.endsWith('-01');
      const year = Number(month.slice(0, 4));
      const label = everyMonth ? monthName(month) : isJanuary || m === 0 ? String(year) : '';
      if (!label || (!everyMonth && year % yearStep !== 0 && m !== 0)) return;
      const x = m * band + 2;
      if (x < lastEnd + 6) return;
      ctx.fillText(label, x, plot + 4);
      lastEnd = x + ctx.measureText(label).width;
    });
  }
}
