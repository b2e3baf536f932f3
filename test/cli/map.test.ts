// paper-shelf map: a standalone SVG that is well-formed XML, one element per paper carrying its
// id, theme and escaped title, the legend, and nothing active (no script, no event attribute),
// over the shipped shelf and over the hostile corpus.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sax from 'sax';
import { cli, ROOT, tempDir } from '../support/cli';
import { parseCollection } from '../../src/core/collection/collection';
import { texToPlainLine } from '../../src/core/tex/texText';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');

interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: SvgElement[];
}

/** Parses `xml` strictly (any well-formedness error throws) into a small element tree. */
function parseXml(xml: string): SvgElement {
  const parser = sax.parser(true, { xmlns: false });
  const stack: SvgElement[] = [];
  let root: SvgElement | undefined;
  parser.onerror = (err) => {
    throw err;
  };
  parser.onopentag = (tag) => {
    const element: SvgElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      text: '',
      children: [],
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  };
  parser.ontext = (text) => {
    if (stack.length) stack.at(-1)!.text += text;
  };
  parser.onclosetag = () => void stack.pop();
  parser.write(xml).close();
  assert.ok(root, 'the document has a root element');
  return root;
}

function all(element: SvgElement, test: (e: SvgElement) => boolean, out: SvgElement[] = []): SvgElement[] {
  if (test(element)) out.push(element);
  for (const child of element.children) all(child, test, out);
  return out;
}

/** No script element, no on* attribute, no reference to anything outside the file. */
function assertInert(root: SvgElement): void {
  for (const e of all(root, () => true)) {
    assert.notEqual(e.name.toLowerCase(), 'script');
    assert.notEqual(e.name.toLowerCase(), 'foreignobject');
    for (const [name, value] of Object.entries(e.attributes)) {
      assert.ok(!/^on/i.test(name), `event attribute ${name} on <${e.name}>`);
      assert.ok(!/href$/i.test(name), `link attribute ${name}="${value}" on <${e.name}>`);
    }
  }
}

describe('paper-shelf map', function () {
  this.timeout(60_000);

  it('writes the shipped shelf as well-formed SVG: one circle per paper with its id, theme and title, and the legend', () => {
    const dir = tempDir();
    const out = path.join(dir, 'map.svg');
    const r = cli(['map', '--out', out, '--width', '900', '--height', '600']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^paper-shelf: wrote the map of 50 papers in \d+ themes to .*map\.svg\n$/);
    const root = parseXml(fs.readFileSync(out, 'utf8'));
    assert.equal(root.name, 'svg');
    assert.equal(root.attributes.width, '900');
    assert.equal(root.attributes.height, '600');
    assertInert(root);
    const papers = all(root, (e) => 'data-paper' in e.attributes);
    assert.equal(papers.length, 50);
    const listed = JSON.parse(cli(['list', '--json']).stdout) as {
      groups: { name: string; papers: { id: string; title: string }[] }[];
    };
    const expected = new Map(
      listed.groups.flatMap((g) => g.papers.map((p) => [p.id, { theme: g.name, title: p.title }])),
    );
    assert.deepEqual(new Set(papers.map((p) => p.attributes['data-paper'])), new Set(expected.keys()));
    for (const p of papers) {
      const want = expected.get(p.attributes['data-paper'])!;
      assert.equal(p.name, 'circle');
      assert.equal(p.attributes['data-theme'], want.theme);
      const title = p.children.find((c) => c.name === 'title');
      assert.equal(title?.text, texToPlainLine(want.title));
      const [cx, cy] = [Number(p.attributes.cx), Number(p.attributes.cy)];
      assert.ok(cx >= 0 && cx <= 900 && cy >= 0 && cy <= 600, `${p.attributes['data-paper']} at ${cx},${cy}`);
    }
    const legend = all(root, (e) => 'data-legend' in e.attributes).map((e) => e.attributes['data-legend']);
    assert.deepEqual(legend.sort(), [...new Set(listed.groups.map((g) => g.name))].sort());
    const counts = all(root, (e) => e.attributes.class === 'legend-item').map(
      (e) => e.children.find((c) => c.name === 'title')?.text,
    );
    for (const g of listed.groups)
      assert.ok(counts.includes(`${g.name}: ${g.papers.length} ${g.papers.length === 1 ? 'paper' : 'papers'}`), g.name);
  });

  it('prints the same map to standard output without --out, the same every time', () => {
    const a = cli(['map']);
    const b = cli(['map']);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    assert.ok(a.stdout.startsWith('<?xml'));
    assert.equal(parseXml(a.stdout).attributes.width, '1200');
  });

  it('keeps hostile titles and themes as escaped text: well-formed, inert, and the titles read back exactly', () => {
    const r = cli(['--no-seeds', '--collection', 'hostile.papers.txt', 'map'], { cwd: HOSTILE });
    assert.equal(r.status, 0, r.stderr);
    const root = parseXml(r.stdout);
    assertInert(root);
    const { papers } = parseCollection(fs.readFileSync(path.join(HOSTILE, 'hostile.papers.txt'), 'utf8'));
    const ids = new Set(papers.map((p) => p.id));
    const drawn = all(root, (e) => 'data-paper' in e.attributes);
    assert.equal(drawn.length, ids.size);
    for (const paper of papers) {
      const element = drawn.find((d) => d.attributes['data-paper'] === paper.id);
      assert.ok(element, `${paper.id} is drawn`);
      const title = texToPlainLine(paper.title) || paper.id;
      assert.equal(
        element.children.find((c) => c.name === 'title')?.text.replace(/\ufffd/g, ''),
        title.replace(/[\ufffd\ud800-\udfff]/g, ''),
      );
    }
    assert.ok(
      !/<(script|img|iframe|body|a)[\s>]/i.test(r.stdout) && r.stdout.split('<svg').length === 2,
      'no markup from the papers survives as markup',
    );
    assert.ok(r.stdout.includes('&lt;script&gt;'), 'the script tag in a title is shown as text');
  });

  it('refuses bad sizes with a usage error and leaves an existing file alone on failure', () => {
    for (const bad of ['0', '-5', 'wide', '99999', '12.5']) {
      const r = cli(['map', '--width', bad]);
      assert.equal(r.status, 2, `--width ${bad}`);
      assert.match(r.stderr, /--width must be a whole number of pixels from 200 to 20000/);
    }
    const dir = tempDir();
    const target = path.join(dir, 'is-a-folder.svg');
    fs.mkdirSync(target);
    const r = cli(['map', '--out', target]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot write .*is-a-folder\.svg: it is a directory/);
    assert.deepEqual(fs.readdirSync(dir), ['is-a-folder.svg'], 'no temporary file is left behind');
  });
});
