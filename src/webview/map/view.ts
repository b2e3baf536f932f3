// The map's view: which part of the layout the canvas shows. Layout coordinates go to CSS pixels
// by one scale and offset; "zoom" is relative to the whole map fitted into the canvas, and the
// view is kept as (zoom, layout point at the centre) so it survives a resize and a reload.

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 200;
const PAD = 24;

export class View {
  zoom = 1;
  /** The layout point at the centre of the canvas. */
  cx = 0;
  cy = 0;
  width = 1;
  height = 1;
  private bounds: Bounds = { minX: -1, minY: -1, maxX: 1, maxY: 1 };

  setBounds(xs: readonly number[], ys: readonly number[]): void {
    const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (let i = 0; i < xs.length; i++) {
      b.minX = Math.min(b.minX, xs[i]);
      b.maxX = Math.max(b.maxX, xs[i]);
      b.minY = Math.min(b.minY, ys[i]);
      b.maxY = Math.max(b.maxY, ys[i]);
    }
    if (!Number.isFinite(b.minX)) Object.assign(b, { minX: -1, minY: -1, maxX: 1, maxY: 1 });
    const padX = Math.max(1e-6, b.maxX - b.minX) * 0.02;
    const padY = Math.max(1e-6, b.maxY - b.minY) * 0.02;
    this.bounds = { minX: b.minX - padX, minY: b.minY - padY, maxX: b.maxX + padX, maxY: b.maxY + padY };
  }

  fit(): void {
    this.zoom = 1;
    this.cx = (this.bounds.minX + this.bounds.maxX) / 2;
    this.cy = (this.bounds.minY + this.bounds.maxY) / 2;
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  /** CSS pixels per layout unit. */
  get scale(): number {
    const b = this.bounds;
    const base = Math.min(
      (this.width - PAD * 2) / Math.max(1e-9, b.maxX - b.minX),
      (this.height - PAD * 2) / Math.max(1e-9, b.maxY - b.minY),
    );
    return Math.max(1e-9, base) * this.zoom;
  }

  toScreenX(x: number, scale = this.scale): number {
    return (x - this.cx) * scale + this.width / 2;
  }

  toScreenY(y: number, scale = this.scale): number {
    return (y - this.cy) * scale + this.height / 2;
  }

  toLayout(sx: number, sy: number): [number, number] {
    const s = this.scale;
    return [(sx - this.width / 2) / s + this.cx, (sy - this.height / 2) / s + this.cy];
  }

  /** Zooms by `factor` keeping the layout point under (sx, sy) where it is. */
  zoomAt(factor: number, sx: number, sy: number): void {
    const [lx, ly] = this.toLayout(sx, sy);
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.zoom * factor));
    const s = this.scale;
    this.cx = lx - (sx - this.width / 2) / s;
    this.cy = ly - (sy - this.height / 2) / s;
  }

  panBy(dx: number, dy: number): void {
    const s = this.scale;
    this.cx -= dx / s;
    this.cy -= dy / s;
  }

  /** Pans just enough that the layout point is inside the canvas with a margin. */
  reveal(x: number, y: number): void {
    const sx = this.toScreenX(x);
    const sy = this.toScreenY(y);
    const margin = 40;
    if (sx < margin || sx > this.width - margin) this.panBy(this.width / 2 - sx, 0);
    if (sy < margin || sy > this.height - margin) this.panBy(0, this.height / 2 - sy);
  }

  restore(saved: { zoom: number; x: number; y: number } | undefined): void {
    if (!saved || ![saved.zoom, saved.x, saved.y].every(Number.isFinite)) return this.fit();
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, saved.zoom));
    this.cx = saved.x;
    this.cy = saved.y;
  }

  saved(): { zoom: number; x: number; y: number } {
    return { zoom: this.zoom, x: this.cx, y: this.cy };
  }
}
