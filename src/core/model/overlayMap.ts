// A read-only map that is another map with a few of its values replaced, made without copying it:
// how a large collection file's papers by id follow an edit of a few of them on the extension
// host (copying a map of 100,000 papers for each save was most of the host's work for an edit).

/** Replaced values folded into one top map before the whole is copied into a flat map again. */
export const MAX_OVERLAY = 4096;

/**
 * `base` with the values of `top` in place of its own. Every key of `top` is a key of `base`
 * (only values are replaced), so the keys, their order and the size are `base`'s.
 */
export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly top: ReadonlyMap<K, V>,
  ) {}

  /**
   * `under` with `replaced` laid over it: an overlay of an overlay has one top holding both, so a
   * lookup asks at most two maps. Undefined when the tops together would hold more than
   * `maxTop` values (the caller then makes a flat map, see `flatSteps`). Keys of `replaced` must be
   * keys of `under`.
   */
  static over<K, V>(
    under: ReadonlyMap<K, V>,
    replaced: ReadonlyMap<K, V>,
    maxTop = MAX_OVERLAY,
  ): OverlayMap<K, V> | undefined {
    if (!(under instanceof OverlayMap)) return replaced.size > maxTop ? undefined : new OverlayMap(under, replaced);
    const below = under as OverlayMap<K, V>;
    if (below.top.size + replaced.size > maxTop) return undefined;
    const top = new Map(below.top);
    for (const [k, v] of replaced) top.set(k, v);
    return new OverlayMap(below.base, top);
  }

  get size(): number {
    return this.base.size;
  }

  get(key: K): V | undefined {
    const v = this.top.get(key);
    return v !== undefined || this.top.has(key) ? v : this.base.get(key);
  }

  has(key: K): boolean {
    return this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.top.has(k) ? this.top.get(k)! : v];
  }

  *keys(): MapIterator<K> {
    yield* this.base.keys();
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}
