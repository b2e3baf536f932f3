/** "1 paper", "2 papers": a count with its noun, for every message and label. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
