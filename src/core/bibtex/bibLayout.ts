// How a person laid out their .bib file, so entries Paper Shelf appends look like the rest: the
// fields' indentation (two spaces, four, a tab) and whether the `=` signs of an entry are aligned
// (JabRef, Zotero's Better BibTeX and many hand-kept files pad the field names).

export interface BibLayout {
  /** The indentation of field lines. */
  indent: string;
  /** Field names padded so the `=` signs of an entry line up. */
  align: boolean;
}

export const DEFAULT_BIB_LAYOUT: BibLayout = { indent: '  ', align: false };

const FIELD_LINE = /^([ \t]+)([A-Za-z][\w:.-]*)([ \t]*)=/;

/** The layout most of the file's entries follow; the default for a file with none. */
export function bibLayoutOf(text: string): BibLayout {
  const indents = new Map<string, number>();
  let aligned = 0;
  let ragged = 0;
  // Per entry: the column of each `=` and whether the names differ in length (else alignment says nothing).
  let columns = new Set<number>();
  let lengths = new Set<number>();
  const closeEntry = () => {
    if (lengths.size > 1) {
      if (columns.size === 1) aligned++;
      else ragged++;
    }
    columns = new Set();
    lengths = new Set();
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*@/.test(line)) closeEntry();
    const m = FIELD_LINE.exec(line);
    if (!m) continue;
    indents.set(m[1]!, (indents.get(m[1]!) ?? 0) + 1);
    columns.add(m[1]!.length + m[2]!.length + m[3]!.length);
    lengths.add(m[2]!.length);
  }
  closeEntry();
  let indent = DEFAULT_BIB_LAYOUT.indent;
  let most = 0;
  for (const [candidate, count] of indents) if (count > most) [indent, most] = [candidate, count];
  return { indent, align: aligned > ragged };
}
