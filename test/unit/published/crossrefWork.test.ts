import * as assert from 'node:assert/strict';
import {
  isArxivDoi,
  normalizeDoi,
  publishedVersionOf,
  stripMarkup,
  type CrossrefWorkRecord,
  type PublishedVersion,
} from '../../../src/core/published/crossrefWork';
import { titleFingerprint, titlesMatch } from '../../../src/core/published/titleMatch';
import { crossrefRecord } from '../../support/crossrefReplay';

function version(fixture: string, fallbackYear = '2000'): PublishedVersion {
  const mapped = publishedVersionOf(crossrefRecord(fixture) as CrossrefWorkRecord, fallbackYear);
  assert.ok('version' in mapped, `expected a published version, got ${JSON.stringify(mapped)}`);
  return mapped.version;
}

describe('crossrefWork: Crossref records as published versions', () => {
  it('a proceedings article: booktitle, pages as a range, publisher, year from the issue date', () => {
    assert.deepEqual(version('bert-naacl.json'), {
      type: 'inproceedings',
      doi: '10.18653/v1/N19-1423',
      title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
      authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
      venue:
        'Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)',
      series: undefined,
      editors: [],
      volume: undefined,
      number: undefined,
      pages: '4171--4186',
      year: '2019',
      publisher: 'Association for Computational Linguistics',
      institution: undefined,
    });
  });

  it('a journal article with an article number instead of pages and a collaboration as author', () => {
    const v = version('ligo-prl.json');
    assert.equal(v.type, 'article');
    assert.equal(v.venue, 'Physical Review Letters');
    assert.deepEqual([v.volume, v.number, v.pages, v.year], ['116', '6', '061102', '2016']);
    assert.deepEqual(v.authors, ['LIGO Scientific Collaboration and Virgo Collaboration', 'B. P. Abbott']);
    assert.equal(v.publisher, 'American Physical Society (APS)');
  });

  it('a book chapter: incollection in the book (not the series), with its editors', () => {
    const v = version('chapter.json');
    assert.equal(v.type, 'incollection');
    assert.equal(v.venue, 'Neural Networks: Tricks of the Trade');
    assert.equal(v.series, 'Lecture Notes in Computer Science');
    assert.deepEqual(v.editors, ['Genevieve B. Orr', 'Klaus-Robert Müller']);
    assert.deepEqual([v.pages, v.year, v.publisher], ['9--50', '1998', 'Springer Berlin Heidelberg']);
  });

  it('an incomplete record: markup and entities stripped, "null" and empty fields dropped, year from another date', () => {
    const v = version('incomplete-article.json');
    assert.equal(v.title, 'Learning in situ: CO2 Capture with Naïve Agents & 100% Recall');
    assert.equal(v.venue, 'J. Hostile Res.', 'the short journal title stands in for a missing one');
    assert.equal(v.volume, undefined);
    assert.equal(v.pages, undefined);
    assert.equal(v.year, '2025', 'the issue date has no year: the online date gives it');
    assert.deepEqual(v.authors, ['Zoë Müller'], 'an author named "null" is no author');
    for (const value of Object.values(v)) assert.notEqual(value, 'null');
  });

  it('a record without any date takes the year from its venue, and joins title and subtitle', () => {
    const v = version('proceedings-no-date.json', '1999');
    assert.equal(v.type, 'inproceedings');
    assert.equal(v.venue, 'Thirty-eighth International Conference on Machine Learning (ICML 2021)');
    assert.equal(v.year, '2021');
    assert.equal(v.title, 'Sparse Transformers Without Dates: A Study');
  });

  it('a record with no date and no year in its venue falls back to the preprint year', () => {
    const mapped = publishedVersionOf({ DOI: '10.1/x', type: 'journal-article', title: ['T'] }, '2024');
    assert.ok('version' in mapped);
    assert.equal(mapped.version.year, '2024');
    assert.equal(mapped.version.venue, '');
  });

  it('other types: books, theses, reports, and anything else as misc', () => {
    const of = (type: string) => {
      const m = publishedVersionOf({ DOI: '10.1/x', type, title: ['T'], issued: { 'date-parts': [[2020]] } }, '1');
      return 'version' in m ? m.version.type : m.reason;
    };
    assert.deepEqual(['monograph', 'edited-book', 'dissertation', 'report', 'dataset', 'other'].map(of), [
      'book',
      'book',
      'phdthesis',
      'techreport',
      'misc',
      'misc',
    ]);
  });

  it('preprints, reviews and arXiv DOIs are not publications', () => {
    const posted = publishedVersionOf(crossrefRecord('posted-content.json') as CrossrefWorkRecord, '2020');
    assert.deepEqual(posted, {
      reason: 'the Crossref record of 10.1101/2020.01.01.000001 is a posted content, not a publication',
    });
    const review = publishedVersionOf({ DOI: '10.1/r', type: 'peer-review', title: ['Review'] }, '2020');
    assert.ok('reason' in review);
    const arxiv = publishedVersionOf({ DOI: '10.48550/arXiv.1706.03762', type: 'posted-content', title: ['A'] }, '1');
    assert.deepEqual(arxiv, { reason: "10.48550/arXiv.1706.03762 is arXiv's DOI for the preprint itself" });
  });

  it('the 10.48550 rule and DOI forms', () => {
    assert.ok(isArxivDoi('10.48550/arXiv.2510.01152'));
    assert.ok(isArxivDoi('https://doi.org/10.48550/ARXIV.2510.01152'));
    assert.ok(isArxivDoi('doi:10.48550/arXiv.hep-th/9901001'));
    assert.ok(!isArxivDoi('10.1103/PhysRevLett.116.061102'));
    assert.equal(normalizeDoi('https://dx.doi.org/10.1000/xyz'), '10.1000/xyz');
    assert.equal(normalizeDoi('doi: 10.1000/xyz'), '10.1000/xyz');
    assert.equal(normalizeDoi('not a doi'), undefined);
    assert.equal(normalizeDoi(''), undefined);
  });

  it('strips JATS markup and decodes entities', () => {
    assert.equal(
      stripMarkup('<jats:title>H<sub>2</sub>O &amp; <i>E. coli</i> &#x3B1;&#946;</jats:title>'),
      'H2O & E. coli αβ',
    );
  });
});

describe('titleMatch: is the record the paper?', () => {
  it('allows case, punctuation, white space, TeX, accents and markup', () => {
    assert.ok(titlesMatch('Attention Is All You Need', 'Attention is all you need'));
    assert.ok(
      titlesMatch(
        'BERT: Pre-training of Deep  Bidirectional\n  Transformers',
        'BERT - Pre-Training of Deep Bidirectional Transformers.',
      ),
    );
    assert.ok(titlesMatch('Caf\\\'e Schr\\"odinger and {NLP}', 'Café Schrödinger and NLP'));
    assert.ok(titlesMatch('Learning \\emph{in situ} with $\\alpha$-Nets', 'Learning <i>in situ</i> with α-Nets'));
    assert.ok(titlesMatch('Learning in situ: CO$_2$ capture', 'Learning <i>in situ</i>: CO<sub>2</sub> Capture'));
    assert.ok(titlesMatch('Stra{\\ss}e und {\\O}resund', 'Strasse und Oresund'));
  });

  it('allows a subtitle kept apart by Crossref', () => {
    assert.ok(
      titlesMatch('Sparse Transformers Without Dates: A Study', 'Sparse Transformers Without Dates', 'A Study'),
    );
    assert.ok(!titlesMatch('Sparse Transformers Without Dates', 'Sparse Transformers', 'Without Dates: Not This'));
  });

  it('refuses another title, a prefix of the title, and empty titles', () => {
    assert.ok(!titlesMatch('Attention Is All You Need', 'Attention Is Not All You Need'));
    assert.ok(!titlesMatch('Deep Learning for Graphs', 'Deep Learning'));
    assert.ok(!titlesMatch('', ''));
    assert.ok(!titlesMatch('$$', '...'));
  });

  it('fingerprints are letters and digits only', () => {
    assert.equal(titleFingerprint('Ångström-Scale, 3D & More!'), 'angstromscale3dmore');
  });
});
