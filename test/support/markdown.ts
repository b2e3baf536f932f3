/** Offsets where `seq` occurs in `markdown` with its first character not backslash-escaped. */
export function unescapedAt(markdown: string, seq: string): number[] {
  const out: number[] = [];
  for (let i = markdown.indexOf(seq); i >= 0; i = markdown.indexOf(seq, i + 1)) {
    let slashes = 0;
    while (i - slashes - 1 >= 0 && markdown[i - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 0) out.push(i);
  }
  return out;
}
