// paper-shelf bib --published and paper-shelf upgrade against a local stand-in for the Crossref
// REST API (test/support/crossrefReplay): Crossref-shaped records, plain-text 404s, no network.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliAsync, snapshot, tempDir } from '../support/cli';
import { requestedDoi, startCrossrefServer } from '../support/crossrefReplay';
import { refusedEndpoint, type ReplayServer } from '../support/replayServer';
import { parseBibtex } from '../../src/core/bibtex/bibParse';

const SHELF = [
  'Title: BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
  'ID: 1810.04805',
  'Authors: Jacob Devlin, Ming-Wei Chang',
  'Categories: cs.CL',
  'DOI: 10.18653/v1/N19-1423',
  'Summary: A language model.',
  '---',
  'Title: Observation of Gravitational Waves from a Binary Black Hole Merger',
  'ID: 1602.03837',
  'DOI: 10.1103/PhysRevLett.116.061102',
  'Summary: Waves.',
  '---',
  'Title: A Paper Whose DOI Names Another',
  'ID: 2101.00001',
  'DOI: 10.1016/j.wrong.2021.01.001',
  'Summary: Mismatch.',
  '---',
  'Title: A Paper Crossref Does Not Know',
  'ID: 2101.00002',
  'DOI: 10.5555/unknown.1',
  'Summary: 404.',
  '---',
  'Title: A Paper Without Any DOI',
  'ID: 2101.00003',
  'Summary: Preprint only.',
  '---',
].join('\n');

const BIB = [
  '% kept byte for byte\n',
  '@misc{devlin2018bert,\n',
  '  title = {{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},\n',
  '  author = {Devlin, Jacob and Chang, Ming-Wei},\n',
  '  year = {2018},\n',
  '  eprint = {1810.04805},\n',
  '  archivePrefix = {arXiv},\n',
  '  primaryClass = {cs.CL},\n',
  '}\n',
  '\n',
  '@article{MyOwnKey_LIGO,\n',
  '  title = {Observation of gravitational waves from a binary black hole merger},\n',
  '  journal = {arXiv preprint arXiv:1602.03837},\n',
  '  year = {2016},\n',
  '}\n',
  '@misc{nodoi, title = {A Paper Without Any DOI}, url = {https://arxiv.org/abs/2101.00003v2}}\n',
  '@book{knuth, title = {The {TeX}book}, publisher = {Addison-Wesley}, year = 1984}\n',
].join('');

describe('paper-shelf bib --published and upgrade (Crossref)', function () {
  this.timeout(120_000);
  let server: ReplayServer;
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    server = await startCrossrefServer();
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'shelf.papers.txt'), SHELF);
    env = { PAPER_SHELF_CACHE_DIR: path.join(dir, 'cache'), PAPER_SHELF_MAILTO: '' };
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    cliAsync(['--no-seeds', '--collection', 'shelf.papers.txt', ...args, '--crossref-url', server.origin], {
      cwd: dir,
      env,
    });

  it('bib --published writes the published version of each paper that has one, and says why the others stay preprints', async () => {
    const r = await run('bib', '--all', '--published', '--mailto', 'me@example.org');
    assert.equal(r.status, 0, r.stderr);
    const entries = parseBibtex(r.stdout).entries;
    assert.deepEqual(
      entries.map((e) => [e.type, e.fields['booktitle'] ?? e.fields['journal'] ?? e.fields['howpublished']]),
      [
        [
          'inproceedings',
          'Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers)',
        ],
        ['article', 'Physical Review Letters'],
        ['misc', 'arXiv:2101.00001'],
        ['misc', 'arXiv:2101.00002'],
        ['misc', 'arXiv:2101.00003'],
      ],
    );
    assert.equal(entries[1]!.fields['pages'], '061102');
    assert.equal(entries[1]!.fields['eprint'], '1602.03837', 'the arXiv fields stay');
    assert.equal(
      r.stderr,
      [
        'paper-shelf: paper2021doi (arXiv:2101.00001) stays a preprint: Crossref\'s record of DOI 10.1016/j.wrong.2021.01.001 is titled "An Entirely Different Paper About Soil Moisture", which is not this paper\'s title',
        'paper-shelf: paper2021crossref (arXiv:2101.00002) stays a preprint: Crossref has no record of DOI 10.5555/unknown.1 (not found)',
        'paper-shelf: paper2021any (arXiv:2101.00003) stays a preprint: no DOI of a published version is known',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      server.requests.map((q) => requestedDoi(q)),
      ['10.18653/v1/N19-1423', '10.1103/PhysRevLett.116.061102', '10.1016/j.wrong.2021.01.001', '10.5555/unknown.1'],
    );
    assert.ok(server.requests.every((q) => q.url.endsWith('?mailto=me%40example.org')));
    // The records are cached per DOI: a second run asks Crossref nothing.
    const again = await run('bib', '--all', '--published');
    assert.equal(again.stdout, r.stdout);
    assert.equal(server.requests.length, 4);
  });

  it('bib without --published asks nothing; --form chooses the preprint form', async () => {
    const r = await run('bib', '1810.04805', '--form', 'arxiv');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^@misc\{devlin2018bertpretraining,\n/);
    assert.match(r.stdout, /url = \{https:\/\/arxiv\.org\/abs\/1810\.04805\}/);
    assert.equal(server.requests.length, 0);
  });

  it('upgrade lists the entries with a published version, names the others, and changes nothing without --write', async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    const files = snapshot(dir);
    const r = await run('upgrade', 'refs.bib');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'devlin2018bert  arXiv:1810.04805 -> Published in Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers) (2019)  doi:10.18653/v1/N19-1423',
        'MyOwnKey_LIGO  arXiv:1602.03837 -> Published in Physical Review Letters (2016)  doi:10.1103/PhysRevLett.116.061102',
        '',
      ].join('\n'),
    );
    assert.equal(
      r.stderr,
      [
        'refs.bib:16:1: nodoi stays a preprint: no DOI of a published version is known',
        'paper-shelf: 2 entries have a published version; run with --write to rewrite refs.bib',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      [...snapshot(dir)].filter(([f]) => !f.startsWith('cache')),
      [...files],
    );
  });

  it('upgrade --write rewrites only those entries: keys, other entries and every other byte kept', async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    const r = await run('upgrade', 'refs.bib', '--write');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /paper-shelf: upgraded 2 entries in refs\.bib\n$/);
    const after = fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8');
    const parsed = parseBibtex(after);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => [e.key, e.type]),
      [
        ['devlin2018bert', 'inproceedings'],
        ['MyOwnKey_LIGO', 'article'],
        ['nodoi', 'misc'],
        ['knuth', 'book'],
      ],
    );
    assert.ok(after.startsWith('% kept byte for byte\n@inproceedings{devlin2018bert,\n'));
    const tail = BIB.slice(BIB.indexOf('@misc{nodoi'));
    assert.ok(after.endsWith(tail), 'the entries after the upgraded ones are untouched');
    assert.equal(parsed.entries[0]!.fields['author'], 'Devlin, Jacob and Chang, Ming-Wei');
    assert.equal(parsed.entries[1]!.fields['journal'], 'Physical Review Letters');
    assert.equal(parsed.entries[1]!.fields['eprint'], '1602.03837');
    // Upgraded entries are no longer preprints: a second run has nothing to do.
    const again = await run('upgrade', 'refs.bib', '--write');
    assert.equal(again.stdout, '');
    assert.equal(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), after);
  });

  it('no network: every entry is named with the reason, the file is left as it was, exit status 1', async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    const refused = (await refusedEndpoint()).replace('/api/query', '');
    const r = await cliAsync(
      ['--no-seeds', '--collection', 'shelf.papers.txt', 'upgrade', 'refs.bib', '--write', '--crossref-url', refused],
      { cwd: dir, env },
    );
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.match(
      lines[0]!,
      /^refs\.bib:2:1: devlin2018bert stays a preprint: Could not reach the Crossref API at 127\.0\.0\.1:\d+ \(connection refused\) while looking up DOI 10\.18653\/v1\/N19-1423\. Check the network \(the preprint entry is kept\)\.$/,
    );
    assert.match(
      lines[1]!,
      /^refs\.bib:11:1: MyOwnKey_LIGO stays a preprint: not looked up: Could not reach the Crossref API/,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), BIB);
  });

  it('a malformed answer and bad options are reported in plain words', async () => {
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    server.enqueue({ body: '<html>Service Unavailable</html>', headers: { 'content-type': 'text/html' } });
    const r = await run('upgrade', 'refs.bib');
    assert.match(
      r.stderr,
      /devlin2018bert stays a preprint: The Crossref API's answer for DOI 10\.18653\/v1\/N19-1423 is not JSON\./,
    );
    const bad = await cliAsync(['upgrade', 'refs.bib', '--crossref-url', 'ftp://x'], { cwd: dir, env });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--crossref-url must be an http\(s\) URL/);
    const missing = await cliAsync(['upgrade', 'nope.bib'], { cwd: dir, env });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read nope\.bib: no such file/);
  });
});
