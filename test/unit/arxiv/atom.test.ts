import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ARXIV_NS,
  ATOM_NS,
  XmlError,
  type XmlElement,
  childElement,
  childElements,
  childText,
  parseXml,
  textContent,
} from '../../../src/core/arxiv/atom';
import { REPO_ROOT } from '../../support/paths';

const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'arxiv');
const fixture = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');

function parseError(text: string, limits = {}): XmlError {
  try {
    parseXml(text, limits);
  } catch (err) {
    assert.ok(err instanceof XmlError, `expected XmlError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the document to be refused');
}

describe('atom: the small XML reader', () => {
  it('reads elements, attributes and text with namespaces resolved by prefix', () => {
    const root = parseXml(fixture('old-style.xml'));
    assert.equal(root.local, 'feed');
    assert.equal(root.ns, ATOM_NS);
    const entry = childElement(root, ATOM_NS, 'entry')!;
    assert.equal(childText(entry, ARXIV_NS, 'journal_ref'), 'Adv.Theor.Math.Phys.2:231-252,1998');
    assert.equal(childElement(entry, ARXIV_NS, 'primary_category')!.attrs.term, 'hep-th');
    assert.deepEqual(
      childElements(entry, ATOM_NS, 'author').map((a) => childText(a, ATOM_NS, 'name')),
      ['Juan M. Maldacena'],
    );
    assert.match(childText(entry, ATOM_NS, 'summary')!, /theory & then taking/);
    // An element whose prefix is bound to another namespace is not an Atom element.
    assert.equal(childElement(entry, ATOM_NS, 'doi'), undefined);
  });

  it('decodes the five predefined entities, numeric references and CDATA', () => {
    const root = parseXml('<a t="&quot;x&apos;">&lt;&gt;&amp;&#233;&#x1F600;<![CDATA[<raw> & ]]></a>');
    assert.equal(root.attrs.t, '"x\'');
    assert.equal(textContent(root), '<>&é\u{1F600}<raw> & ');
  });

  it('binds a default namespace and lets a child rebind it', () => {
    const root = parseXml('<r xmlns="urn:a" xmlns:p="urn:p"><x/><y xmlns="urn:b"><p:z/></y></r>');
    const [x, y] = root.children.filter((c) => typeof c !== 'string') as XmlElement[];
    assert.equal(x!.ns, 'urn:a');
    assert.equal(y!.ns, 'urn:b');
    assert.equal((y!.children[0] as XmlElement).ns, 'urn:p');
  });

  it('refuses document type and entity declarations (no XXE, no entity expansion)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>';
    assert.match(parseError(xxe).message, /document type declarations/);
    assert.match(parseError('<feed>&x;</feed>').message, /unknown entity "&x;"/);
  });

  it('reports where a document stops being well-formed', () => {
    const err = parseError(fixture('malformed.xml'));
    assert.ok(err.line > 40, `line ${err.line}`);
    const mismatch = parseError('<a>\n  <b>\n  </c>\n</a>');
    assert.equal(mismatch.line, 3);
    assert.equal(mismatch.column, 3);
    assert.match(mismatch.message, /does not match <b>/);
  });

  it('refuses what is not XML at all', () => {
    for (const bad of [
      '',
      'plain text',
      '<a>',
      '<a></a><b></b>',
      '<a b=c/>',
      '<a>x & y</a>',
      '<a b="1" b="2"/>',
      '<p:a/>',
      '<a>&#0;</a>',
    ]) {
      assert.throws(() => parseXml(bad), XmlError, JSON.stringify(bad));
    }
  });

  it('enforces its size, depth and element limits', () => {
    assert.match(parseError('<a>' + 'x'.repeat(100) + '</a>', { maxLength: 50 }).message, /larger than 50/);
    assert.match(parseError('<a>'.repeat(10) + '</a>'.repeat(10), { maxDepth: 5 }).message, /deeper than 5/);
    assert.match(parseError('<a>' + '<b/>'.repeat(20) + '</a>', { maxElements: 10 }).message, /more than 10 elements/);
  });
});
