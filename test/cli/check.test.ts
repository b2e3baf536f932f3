// paper-shelf check: compiler-style problem lines for collection files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, FIXTURES } from '../support/cli';
import { parseCollection } from '../../src/core/collection/collection';

describe('paper-shelf check', function () {
  this.timeout(60_000);

  it('a valid file: no problem lines, a summary on stderr, exit status 0', () => {
    const r = cli(['check', 'shelf.papers.txt']);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'paper-shelf: 1 file, 3 papers: 0 errors, 0 warnings\n');
    assert.equal(r.status, 0);
  });

  it('prints FILE:LINE:COLUMN: error|warning: message per problem, in line order; any error means exit status 1', () => {
    const r = cli(['check', 'broken.papers.txt', 'shelf.papers.txt']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf(': ', line.indexOf(': ') + 1) + 2)),
      [
        'broken.papers.txt:1:1: error: ',
        'broken.papers.txt:7:1: warning: ',
        'broken.papers.txt:9:1: error: ',
        'broken.papers.txt:12:6: error: ',
      ],
    );
    // The messages are the parser's own, the same the extension shows as diagnostics.
    const { problems } = parseCollection(
      fs.readFileSync(path.join(FIXTURES, 'broken.papers.txt'), 'utf8'),
      'broken.papers.txt',
    );
    assert.deepEqual(
      lines,
      [...problems]
        .sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column)
        .map((p) => `broken.papers.txt:${p.location.line}:${p.location.column}: ${p.severity}: ${p.message}`),
    );
    assert.match(lines[1], /: warning: .*"Colour"/);
    assert.equal(r.stderr, 'paper-shelf: 2 files, 5 papers: 3 errors, 1 warning\n');
    assert.equal(r.status, 1);
  });

  it('warnings alone keep exit status 0', () => {
    const r = cli(['check', '-'], { input: 'Title: T\nID: 1706.03762\nSummary: S\nColour: blue\n---\n' });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.match(r.stdout, /^-:4:1: warning: /);
    assert.equal(r.status, 0);
  });

  it('a file that cannot be read is an error in the same format', () => {
    const r = cli(['check', 'missing.papers.txt', 'shelf.papers.txt']);
    assert.equal(r.stdout, 'missing.papers.txt:1:1: error: cannot read the file: no such file\n');
    assert.equal(r.stderr, 'paper-shelf: 2 files, 3 papers: 1 error, 0 warnings\n');
    assert.equal(r.status, 1);
  });

  it('needs at least one file', () => {
    const r = cli(['check']);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "paper-shelf: missing FILE\nusage: paper-shelf check FILE...\nRun 'paper-shelf check --help' for details.\n",
    );
  });
});
