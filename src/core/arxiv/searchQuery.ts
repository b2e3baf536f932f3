// What a person types into "Search arXiv" becomes the API's `search_query`.
//
// Plain words must all match, anywhere in the record: `diffusion transformers` asks for
// `all:diffusion AND all:transformers`. arXiv's own syntax passes through: field prefixes
// (`ti:`, `au:`, `abs:`, `co:`, `jr:`, `cat:`, `rn:`, `all:`), quoted phrases, the operators
// `AND`, `OR`, `ANDNOT` and parentheses. Two terms with no operator between them are joined by
// AND (the API itself would OR them). Anything else is cleaned rather than sent: characters the
// query parser gives a meaning to are dropped, dangling operators and unbalanced parentheses are
// repaired, so no input can make a malformed request.

/** The API's field prefixes (arxiv.org/help/api/user-manual, "query interface"). */
export const SEARCH_FIELDS = ['ti', 'au', 'abs', 'co', 'jr', 'cat', 'rn', 'all'] as const;

const OPERATORS = new Set(['AND', 'OR', 'ANDNOT']);
/** More terms than this are not sent (the query is what a person types, not a document). */
export const MAX_QUERY_TERMS = 40;

type Node = { kind: 'term'; text: string } | { kind: 'op'; op: string } | { kind: 'group'; nodes: Node[] };

/** Letters, digits and the joiners a term keeps (`state-of-the-art`, `del_maestro`, `cs.CL`, `O'Neil`). */
const TERM_CHARS = /[\p{L}\p{N}]+(?:[-_.'’][\p{L}\p{N}]+)*/gu;

/** The words of a value, with every character outside a term dropped. */
function cleanWords(value: string): string[] {
  return value.match(TERM_CHARS) ?? [];
}

/**
 * The `search_query` for what the user typed, or '' when nothing searchable is left
 * (empty, only punctuation or only operators).
 */
export function buildSearchQuery(input: string): string {
  const tokens = tokenize(input.normalize('NFC'));
  let terms = 0;
  const parse = (depth: number): Node[] => {
    const nodes: Node[] = [];
    while (tokens.length) {
      const token = tokens.shift()!;
      if (token.type === ')') {
        if (depth > 0) break;
        continue; // a stray ')' closes nothing
      }
      if (token.type === '(') {
        const inner = parse(depth + 1);
        if (inner.length) nodes.push({ kind: 'group', nodes: inner });
        continue;
      }
      if (token.type === 'op') {
        nodes.push({ kind: 'op', op: token.text });
        continue;
      }
      const field = token.field ?? 'all';
      const words = cleanWords(token.text);
      if (!words.length || terms >= MAX_QUERY_TERMS) continue;
      terms++;
      if (token.type === 'phrase' && words.length > 1)
        nodes.push({ kind: 'term', text: `${field}:"${words.join(' ')}"` });
      else for (const word of words) nodes.push({ kind: 'term', text: `${field}:${word}` });
    }
    return normalize(nodes);
  };
  return render(parse(0));
}

/** Drops operators with nothing on one side, keeps the first of two in a row, puts AND between terms. */
function normalize(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'op') {
      if (last && last.kind !== 'op') out.push(node);
      continue;
    }
    if (last && last.kind !== 'op') out.push({ kind: 'op', op: 'AND' });
    out.push(node);
  }
  while (out.length && out[out.length - 1]!.kind === 'op') out.pop();
  return out;
}

function render(nodes: Node[]): string {
  return nodes
    .map((n) =>
      n.kind === 'term'
        ? n.text
        : n.kind === 'op'
          ? n.op
          : n.nodes.length === 1
            ? render(n.nodes)
            : `(${render(n.nodes)})`,
    )
    .join(' ');
}

interface Token {
  type: 'word' | 'phrase' | 'op' | '(' | ')';
  text: string;
  field?: string;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const fieldAt = (): string | undefined => {
    const m = /^([A-Za-z]{2,3}):\s*(?=[^\s)])/.exec(input.slice(pos, pos + 64));
    const field = m?.[1]!.toLowerCase();
    if (!m || !(SEARCH_FIELDS as readonly string[]).includes(field!)) return undefined;
    pos += m[0].length;
    return field;
  };
  while (pos < input.length) {
    const ch = input[pos]!;
    if (/\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch, text: ch });
      pos++;
      continue;
    }
    const field = fieldAt();
    if (input[pos] === '"' || input[pos] === '“' || input[pos] === '”') {
      const end = input.slice(pos + 1).search(/["“”]/);
      const text = end < 0 ? input.slice(pos + 1) : input.slice(pos + 1, pos + 1 + end);
      pos = end < 0 ? input.length : pos + 2 + end;
      tokens.push({ type: 'phrase', text, field });
      continue;
    }
    if (field && input[pos] === '(') continue; // `ti:(a OR b)`: the group's terms search all fields
    const m = /^[^\s()"“”]+/.exec(input.slice(pos))!;
    pos += m[0].length;
    if (!field && OPERATORS.has(m[0])) tokens.push({ type: 'op', text: m[0] });
    else if (!field && m[0] === 'NOT') tokens.push({ type: 'op', text: 'ANDNOT' });
    else tokens.push({ type: 'word', text: m[0], field });
  }
  return tokens;
}

/** The query as the URL carries it: spaces as '+', quotes and parentheses percent-encoded. */
export function encodeSearchQuery(query: string): string {
  return encodeURIComponent(query)
    .replace(/%20/g, '+')
    .replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type ArxivSort = 'relevance' | 'submitted' | 'updated';

export const ARXIV_SORTS: readonly ArxivSort[] = ['relevance', 'submitted', 'updated'];

/** The API's sortBy values. Dates sort newest first; relevance best first. */
export const SORT_BY: Record<ArxivSort, string> = {
  relevance: 'relevance',
  submitted: 'submittedDate',
  updated: 'lastUpdatedDate',
};
