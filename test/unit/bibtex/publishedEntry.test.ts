import * as assert from 'node:assert/strict';
import { formatBibtexEntry } from '../../../src/core/bibtex/bibtex';
import { parseBibtex } from '../../../src/core/bibtex/bibParse';
import { formatPublishedEntry } from '../../../src/core/bibtex/publishedEntry';
import {
  publishedVersionOf,
  type CrossrefWorkRecord,
  type PublishedVersion,
} from '../../../src/core/published/crossrefWork';
import { crossrefRecord } from '../../support/crossrefReplay';
import { makePaper } from '../../support/papers';

function version(fixture: string): PublishedVersion {
  const mapped = publishedVersionOf(crossrefRecord(fixture) as CrossrefWorkRecord, '2000');
  assert.ok('version' in mapped);
  return mapped.version;
}

const entry = (v: PublishedVersion, author = '') =>
  formatPublishedEntry({ key: 'Key:2019-x', version: v, author, arxivId: '1810.04805', primaryClass: 'cs.CL' });

/** Every field of the one entry in `text`; asserts that it parses cleanly and that no field is empty or "null". */
function fieldsOf(text: string): { type: string; key: string; fields: Record<string, string> } {
  const parsed = parseBibtex(text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.entries.length, 1);
  const [e] = parsed.entries;
  for (const [name, value] of Object.entries(e!.fields)) {
    assert.ok(value.trim(), `field ${name} is empty`);
    assert.doesNotMatch(value, /^(null|undefined)$/i, `field ${name} is "${value}"`);
  }
  return e!;
}

describe('publishedEntry: published versions as BibTeX entries', () => {
  it('a proceedings paper is @inproceedings with booktitle, pages, year, publisher, doi and the arXiv fields', () => {
    assert.equal(
      entry(version('bert-naacl.json')),
      [
        '@inproceedings{Key:2019-x,',
        '  title = {{BERT:} Pre-training of Deep Bidirectional Transformers for Language Understanding},',
        '  author = {Jacob Devlin and Ming-Wei Chang and Kenton Lee and Kristina Toutanova},',
        '  booktitle = {Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)},',
        '  pages = {4171--4186},',
        '  year = {2019},',
        '  publisher = {Association for Computational Linguistics},',
        '  doi = {10.18653/v1/N19-1423},',
        '  eprint = {1810.04805},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '}',
      ].join('\n'),
    );
  });

  it('a journal article is @article with journal, volume, number, pages (an article number) and year', () => {
    const e = fieldsOf(entry(version('ligo-prl.json')));
    assert.equal(e.type, 'article');
    assert.equal(e.key, 'Key:2019-x', 'the cite key never changes');
    assert.deepEqual(
      [e.fields['journal'], e.fields['volume'], e.fields['number'], e.fields['pages'], e.fields['year']],
      ['Physical Review Letters', '116', '6', '061102', '2016'],
    );
    assert.equal(e.fields['author'], '{LIGO Scientific Collaboration and Virgo Collaboration} and B. P. Abbott');
    assert.equal(e.fields['publisher'], 'American Physical Society (APS)');
  });

  it('a book chapter is @incollection with the book as booktitle, its editors and series', () => {
    const e = fieldsOf(entry(version('chapter.json')));
    assert.equal(e.type, 'incollection');
    assert.equal(e.fields['booktitle'], 'Neural Networks: Tricks of the Trade');
    assert.equal(e.fields['editor'], 'Genevieve B. Orr and Klaus-Robert M{\\"{u}}ller');
    assert.equal(e.fields['series'], 'Lecture Notes in Computer Science');
    assert.equal(e.fields['publisher'], 'Springer Berlin Heidelberg');
  });

  it('an incomplete record writes only what it has, never an empty or "null" field', () => {
    const e = fieldsOf(entry(version('incomplete-article.json')));
    assert.equal(e.type, 'article');
    assert.equal(e.fields['journal'], 'J. Hostile Res.');
    assert.equal(e.fields['year'], '2025');
    assert.equal(e.fields['title'], 'Learning in situ: {CO2} Capture with Na{\\"{i}}ve Agents \\& 100\\% Recall');
    assert.ok(!('volume' in e.fields) && !('pages' in e.fields) && !('number' in e.fields));
  });

  it('a record that lacks what its type requires becomes the next best type, not a bibtex warning', () => {
    const base = version('bert-naacl.json');
    const noVenue = fieldsOf(entry({ ...base, type: 'article', venue: '' }));
    assert.equal(noVenue.type, 'misc');
    assert.equal(noVenue.fields['howpublished'], 'Association for Computational Linguistics');
    assert.ok(!('publisher' in noVenue.fields), 'the publisher is printed once');
    const bare = fieldsOf(entry({ ...base, type: 'article', venue: '', publisher: undefined }));
    assert.equal(
      bare.fields['howpublished'],
      'doi:10.18653/v1/N19-1423',
      'the DOI is the locator classic styles print',
    );
    assert.equal(fieldsOf(entry({ ...base, type: 'incollection', publisher: undefined })).type, 'inproceedings');
    assert.equal(fieldsOf(entry({ ...base, type: 'phdthesis' })).type, 'misc');
    assert.equal(fieldsOf(entry({ ...base, type: 'phdthesis', institution: 'MIT' })).fields['school'], 'MIT');
    const nobody = fieldsOf(entry({ ...base, authors: [] }));
    assert.equal(nobody.type, 'misc', 'classic styles require an author for every type but misc');
    assert.match(nobody.fields['key']!, /^BERT/);
  });

  it("the shelf paper's authors win over the record's; the entry of a paper with a published version is that version", () => {
    const paper = makePaper({ id: '1810.04805', title: 'BERT', authors: ['J. Devlin'], categories: ['cs.CL'] });
    const e = fieldsOf(formatBibtexEntry({ paper, key: 'devlin2018bert', published: version('bert-naacl.json') }));
    assert.equal(e.type, 'inproceedings');
    assert.equal(e.key, 'devlin2018bert');
    assert.equal(e.fields['author'], 'J. Devlin');
    assert.deepEqual(
      [e.fields['eprint'], e.fields['archiveprefix'], e.fields['primaryclass']],
      ['1810.04805', 'arXiv', 'cs.CL'],
    );
  });
});
