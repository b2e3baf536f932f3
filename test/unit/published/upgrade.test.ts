import * as assert from 'node:assert/strict';
import { parseBibtex } from '../../../src/core/bibtex/bibParse';
import {
  publishedVersionOf,
  type CrossrefWorkRecord,
  type PublishedVersion,
} from '../../../src/core/published/crossrefWork';
import { applyUpgrades, isPreprintEntry, preprintEntries, upgradedEntry } from '../../../src/core/published/upgrade';
import { crossrefRecord } from '../../support/crossrefReplay';
import { makePaper } from '../../support/papers';

const BIB = [
  '% my bibliography, CRLF and tabs on purpose\r\n',
  '@string{acl = "ACL"}\r\n',
  '@misc{Devlin:BERT-2018,\r\n',
  '\ttitle = {{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},\r\n',
  '\tauthor = {Devlin, Jacob and Chang, Ming-Wei},\r\n',
  '\tyear = 2018,\r\n',
  '\teprint = {1810.04805},\r\n',
  '\tarchivePrefix = {arXiv},\r\n',
  '\turl = {https://arxiv.org/abs/1810.04805},\r\n',
  '\tnote = {arXiv:1810.04805},\r\n',
  '\tkeywords = {transformers, pretraining},\r\n',
  '\tdoi = {10.18653/v1/N19-1423}\r\n',
  '}\r\n',
  '\r\n',
  '@article{ligo,\r\n',
  '\ttitle = "Observation of gravitational waves from a binary black hole merger",\r\n',
  '\tjournal = {arXiv preprint arXiv:1602.03837},\r\n',
  '\tyear = {2016}\r\n',
  '}\r\n',
  '@inproceedings{already, title = {Done}, booktitle = {NeurIPS}, eprint = {1706.03762}}\r\n',
  '@book{knuth, title = {The {TeX}book}, publisher = acl}\r\n',
].join('');

function version(fixture: string): PublishedVersion {
  const mapped = publishedVersionOf(crossrefRecord(fixture) as CrossrefWorkRecord, '2000');
  assert.ok('version' in mapped);
  return mapped.version;
}

describe('upgrade: preprint entries of a .bib and their published versions', () => {
  const parsed = parseBibtex(BIB);
  const shelf = new Map([
    [
      '1602.03837',
      makePaper({ id: '1602.03837', title: 'x', doi: '10.1103/PhysRevLett.116.061102', categories: ['gr-qc'] }),
    ],
  ]);
  const items = preprintEntries(parsed.entries, (id) => shelf.get(id));

  it('finds preprint entries by eprint, url or doi; a DOI from the entry or else the shelf', () => {
    assert.deepEqual(
      items.map((i) => [i.entry.key, i.arxivId, i.query.doi, i.query.year, i.primaryClass]),
      [
        ['Devlin:BERT-2018', '1810.04805', '10.18653/v1/N19-1423', '2018', undefined],
        ['ligo', '1602.03837', '10.1103/PhysRevLett.116.061102', '2016', 'gr-qc'],
      ],
    );
    assert.ok(!isPreprintEntry(parsed.entries.find((e) => e.key === 'already')!));
  });

  it('rewrites only the upgraded entries: same key as written, own author and other fields kept, the file layout kept', () => {
    const bert = upgradedEntry(BIB, items[0]!, version('bert-naacl.json'));
    assert.equal(
      bert,
      [
        '@inproceedings{Devlin:BERT-2018,',
        '\ttitle = {{BERT:} Pre-training of Deep Bidirectional Transformers for Language Understanding},',
        '\tauthor = {Devlin, Jacob and Chang, Ming-Wei},',
        '\tbooktitle = {Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)},',
        '\tpages = {4171--4186},',
        '\tyear = {2019},',
        '\tpublisher = {Association for Computational Linguistics},',
        '\tdoi = {10.18653/v1/N19-1423},',
        '\teprint = {1810.04805},',
        '\tarchivePrefix = {arXiv},',
        '\tkeywords = {transformers, pretraining},',
        '}',
      ].join('\r\n'),
    );
    const after = applyUpgrades(BIB, [{ entry: items[0]!.entry, after: bert }]);
    const start = items[0]!.entry.start;
    assert.equal(after.slice(0, start), BIB.slice(0, start), 'everything before the entry is untouched');
    assert.equal(after.slice(start + bert.length), BIB.slice(items[0]!.entry.end), 'everything after it too');
    const reparsed = parseBibtex(after);
    assert.deepEqual(reparsed.problems, []);
    assert.deepEqual(
      reparsed.entries.map((e) => e.key),
      parsed.entries.map((e) => e.key),
    );
  });

  it('applies several upgrades at once, in any order', () => {
    const ups = [
      { entry: items[1]!.entry, after: upgradedEntry(BIB, items[1]!, version('ligo-prl.json')) },
      { entry: items[0]!.entry, after: upgradedEntry(BIB, items[0]!, version('bert-naacl.json')) },
    ];
    const after = parseBibtex(applyUpgrades(BIB, ups));
    assert.deepEqual(
      after.entries.map((e) => [e.key, e.type]),
      [
        ['Devlin:BERT-2018', 'inproceedings'],
        ['ligo', 'article'],
        ['already', 'inproceedings'],
        ['knuth', 'book'],
      ],
    );
    assert.equal(after.entries[1]!.fields['journal'], 'Physical Review Letters');
    assert.equal(after.entries[1]!.fields['primaryclass'], 'gr-qc');
  });
});
