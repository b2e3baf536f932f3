import * as assert from 'node:assert/strict';
import { globToRegExp, matchesAnyGlob } from '../../../src/core/text/glob';

function matches(glob: string, path: string): boolean {
  return globToRegExp(glob).test(path);
}

describe('globToRegExp (file search where the editor cannot search)', () => {
  it('reads ** as any number of folders, the top one included', () => {
    assert.ok(matches('**/*.papers.txt', 'shelf.papers.txt'));
    assert.ok(matches('**/*.papers.txt', 'notes/deep/er/ml.papers.txt'));
    assert.ok(!matches('**/*.papers.txt', 'notes/ml.papers.txt.bak'));
    assert.ok(!matches('**/*.papers.txt', 'notes/mlpapers.txt'));
    assert.ok(matches('**/.papershelf/*.txt', '.papershelf/a.txt'));
    assert.ok(matches('**/.papershelf/*.txt', 'x/.papershelf/a.txt'));
    assert.ok(!matches('**/.papershelf/*.txt', 'x/.papershelf/sub/a.txt'));
  });

  it('keeps * and ? within one folder name', () => {
    assert.ok(matches('refs/*.bib', 'refs/main.bib'));
    assert.ok(!matches('refs/*.bib', 'refs/old/main.bib'));
    assert.ok(!matches('refs/*.bib', 'other/refs/main.bib'));
    assert.ok(matches('refs/?.bib', 'refs/a.bib'));
    assert.ok(!matches('refs/?.bib', 'refs/ab.bib'));
  });

  it('reads {a,b} alternatives, globs inside them and nested braces', () => {
    const citing = '**/*.{tex,ltx,bib,md}';
    assert.ok(matches(citing, 'paper/main.tex'));
    assert.ok(matches(citing, 'README.md'));
    assert.ok(!matches(citing, 'paper/main.txt'));
    const both = '{**/*.papers.txt,**/.papershelf/*.txt}';
    assert.ok(matches(both, 'a/b.papers.txt'));
    assert.ok(matches(both, '.papershelf/x.txt'));
    assert.ok(!matches(both, 'a/b.txt'));
    assert.ok(matches('{a,b{c,d}}.txt', 'bd.txt'));
    assert.ok(!matches('{a,b{c,d}}.txt', 'b.txt'));
  });

  it('treats a folder/** exclude as the folder and everything below it', () => {
    const exclude = globToRegExp('**/{node_modules,.git}/**');
    assert.ok(exclude.test('node_modules'));
    assert.ok(exclude.test('node_modules/pkg/refs.bib'));
    assert.ok(exclude.test('sub/.git/config'));
    assert.ok(!exclude.test('sub/gitnotes/refs.bib'));
  });

  it('reads character classes, negated ones too', () => {
    assert.ok(matches('v[0-9].txt', 'v3.txt'));
    assert.ok(!matches('v[!0-9].txt', 'v3.txt'));
    assert.ok(matches('v[!0-9].txt', 'vx.txt'));
  });

  it('takes regular-expression characters literally, and unbalanced brackets too', () => {
    assert.ok(matches('a+b (1).txt', 'a+b (1).txt'));
    assert.ok(!matches('a.txt', 'abtxt'));
    assert.ok(matches('{a,b', '{a,b'));
    assert.ok(matches('[x', '[x'));
    assert.ok(matches('./notes/*.md', 'notes/a.md'));
  });

  it('matches a path against any of several globs', () => {
    const globs = ['**/*.bib', 'refs/*.txt'].map(globToRegExp);
    assert.ok(matchesAnyGlob('x/y.bib', globs));
    assert.ok(matchesAnyGlob('refs/a.txt', globs));
    assert.ok(!matchesAnyGlob('x/a.txt', globs));
  });
});
