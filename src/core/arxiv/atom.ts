// A small, strict XML reader: enough for the arXiv API's Atom feed and nothing more.
// No DTDs and no entity declarations (the classic XXE / billion-laughs doors stay shut), only the
// five predefined entities and numeric character references, bounded in size and depth.
import { collapseSpace } from '../text/spaces';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ARXIV_NS = 'http://arxiv.org/schemas/atom';
export const OPENSEARCH_NS = 'http://a9.com/-/spec/opensearch/1.1/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
  /** The qualified name as written ('arxiv:doi'). */
  name: string;
  /** Local part of the name ('doi'). */
  local: string;
  /** Namespace URI resolved from the xmlns declarations in scope; '' when none. */
  ns: string;
  /** Attributes by qualified name as written (xmlns declarations included). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based position of the start tag. */
  line: number;
  column: number;
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
  /** Largest accepted document, in UTF-16 code units. Default 8 MB. */
  maxLength?: number;
  /** Deepest accepted nesting. Default 64. */
  maxDepth?: number;
  /** Most elements accepted. Default 200 000. */
  maxElements?: number;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'XmlError';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;

/** Parses a whole document and returns its root element. Throws XmlError on anything not well-formed. */
export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  const maxLength = limits.maxLength ?? 8 * 1024 * 1024;
  const maxDepth = limits.maxDepth ?? 64;
  const maxElements = limits.maxElements ?? 200_000;
  if (text.length > maxLength) throw new XmlError(`document larger than ${maxLength} characters`, 1, 1);

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let elements = 0;
  let root: XmlElement | undefined;
  // Each open element with the namespace bindings in scope at it.
  const stack: { el: XmlElement; scope: Map<string, string> }[] = [];
  const rootScope = new Map<string, string>([['xml', XML_NS]]);

  // Line counting advances with the parser (positions asked for only grow, except on failure).
  let seenPos = 0;
  let seenLine = 1;
  let seenLineStart = 0;
  const where = (at: number): { line: number; column: number } => {
    if (at < seenPos) [seenPos, seenLine, seenLineStart] = [0, 1, 0];
    for (; seenPos < at && seenPos < text.length; seenPos++) {
      if (text.charCodeAt(seenPos) === 10) {
        seenLine++;
        seenLineStart = seenPos + 1;
      }
    }
    return { line: seenLine, column: at - seenLineStart + 1 };
  };
  const fail = (message: string, at = pos): never => {
    const { line, column } = where(at);
    throw new XmlError(message, line, column);
  };
  const decode = (raw: string, at: number): string => {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]{0,32});?/g, (match, body: string, offset: number) => {
      if (!match.endsWith(';')) fail('bare "&" (write &amp;)', at + offset);
      if (body.startsWith('#')) {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        const valid = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(body) && isXmlChar(code);
        if (!valid) fail(`invalid character reference "&${body};"`, at + offset);
        return String.fromCodePoint(code);
      }
      const named = PREDEFINED[body];
      if (named === undefined)
        fail(`unknown entity "&${body};" (only the five predefined entities are accepted)`, at + offset);
      return named as string;
    });
  };
  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(text);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const resolve = (
    qname: string,
    scope: Map<string, string>,
    isAttr: boolean,
    at: number,
  ): { ns: string; local: string } => {
    const colon = qname.indexOf(':');
    if (colon < 0) return { ns: isAttr ? '' : (scope.get('') ?? ''), local: qname };
    const prefix = qname.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined) fail(`undeclared namespace prefix "${prefix}"`, at);
    return { ns: ns as string, local: qname.slice(colon + 1) };
  };
  const addText = (raw: string, at: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (raw.trim()) fail('text outside the root element', at);
      return;
    }
    const value = decode(raw, at);
    const last = top.el.children[top.el.children.length - 1];
    if (typeof last === 'string') top.el.children[top.el.children.length - 1] = last + value;
    else top.el.children.push(value);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) {
      addText(text.slice(pos), pos);
      break;
    }
    if (lt > pos) {
      const raw = text.slice(pos, lt);
      if (raw.includes(']]>')) fail('"]]>" in text', pos + raw.indexOf(']]>'));
      addText(raw, pos);
    }
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end < 0) fail('unterminated comment');
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      if (!stack.length) fail('CDATA outside the root element');
      const end = text.indexOf(']]>', pos + 9);
      if (end < 0) fail('unterminated CDATA section');
      const top = stack[stack.length - 1]!;
      const value = text.slice(pos + 9, end);
      const last = top.el.children[top.el.children.length - 1];
      if (typeof last === 'string') top.el.children[top.el.children.length - 1] = last + value;
      else top.el.children.push(value);
      pos = end + 3;
    } else if (text.startsWith('<!', pos)) {
      // <!DOCTYPE, <!ENTITY, <!ELEMENT...: refused outright, never interpreted.
      fail('document type declarations and entity declarations are not accepted');
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end < 0) fail('unterminated processing instruction');
      pos = end + 2;
    } else if (text.startsWith('</', pos)) {
      const at = pos;
      pos += 2;
      const name = readName();
      skipSpace();
      if (text[pos] !== '>') fail('expected ">" to close the end tag');
      pos++;
      const top = stack.pop();
      if (!top) fail(`end tag </${name}> without a start tag`, at);
      if (top!.el.name !== name) fail(`end tag </${name}> does not match <${top!.el.name}>`, at);
    } else {
      const at = pos;
      if (root && !stack.length) fail('more than one root element');
      pos++;
      const name = readName();
      const attrs: Record<string, string> = {};
      let selfClosing = false;
      for (;;) {
        const before = pos;
        skipSpace();
        if (text[pos] === '>') {
          pos++;
          break;
        }
        if (text.startsWith('/>', pos)) {
          pos += 2;
          selfClosing = true;
          break;
        }
        if (pos >= text.length) fail(`unterminated start tag <${name}>`, at);
        if (pos === before) fail('expected white space between attributes');
        const attrAt = pos;
        const attr = readName();
        skipSpace();
        if (text[pos] !== '=') fail(`expected "=" after attribute ${attr}`);
        pos++;
        skipSpace();
        const quote = text[pos];
        if (quote !== '"' && quote !== "'") fail('attribute values must be quoted');
        const end = text.indexOf(quote!, pos + 1);
        if (end < 0) fail('unterminated attribute value');
        const raw = text.slice(pos + 1, end);
        if (raw.includes('<')) fail('"<" in an attribute value', pos + 1 + raw.indexOf('<'));
        if (Object.prototype.hasOwnProperty.call(attrs, attr)) fail(`duplicate attribute ${attr}`, attrAt);
        attrs[attr] = decode(raw, pos + 1).replace(/[\t\n\r]/g, ' ');
        pos = end + 1;
      }
      if (++elements > maxElements) fail(`more than ${maxElements} elements`, at);
      if (stack.length + 1 > maxDepth) fail(`nested deeper than ${maxDepth} elements`, at);
      const parentScope = stack[stack.length - 1]?.scope ?? rootScope;
      let scope = parentScope;
      for (const [attr, value] of Object.entries(attrs)) {
        if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(attr === 'xmlns' ? '' : attr.slice(6), value);
        }
      }
      const { ns, local } = resolve(name, scope, false, at);
      for (const attr of Object.keys(attrs))
        if (attr.includes(':') && !attr.startsWith('xmlns:')) resolve(attr, scope, true, at);
      const { line, column } = where(at);
      const el: XmlElement = { name, local, ns, attrs, children: [], line, column };
      const parent = stack[stack.length - 1];
      if (parent) parent.el.children.push(el);
      else root = el;
      if (!selfClosing) stack.push({ el, scope });
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.el.name}> is never closed`, text.length);
  if (!root) fail('no root element', 0);
  return root!;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Child elements with this namespace and local name, in document order. */
export function childElements(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === ns && c.local === local);
}

export function childElement(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === ns && c.local === local);
}

/** All text inside an element (descendants included), as written. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** Text of a child element with runs of white space collapsed, or undefined when absent/empty. */
export function childText(el: XmlElement, ns: string, local: string): string | undefined {
  const child = childElement(el, ns, local);
  const text = child ? collapseSpace(textContent(child)) : '';
  return text || undefined;
}
