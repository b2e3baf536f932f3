// paper-shelf over the hostile probe's second round (test/fixtures/hostile/probe.papers.txt):
// no NUL, bidi override or unsafe key reaches the terminal or a citation, and long titles do
// not widen every row.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli, ROOT } from '../support/cli';
import { PROBE, PROBE_FILE, SAFE_KEY, UNSEEN } from '../support/hostileCorpus';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');
const SHELF = ['--no-seeds', '--collection', PROBE_FILE];
const run = (args: string[]) => cli(args, { cwd: HOSTILE });

describe('paper-shelf over the hostile probe (issue 17)', function () {
  this.timeout(120_000);

  it('cite and list print no NUL, no bidi override and only safe keys (defects 1, 2, 3)', () => {
    for (const id of [PROBE.nulKey, PROBE.pandocBreakKey, PROBE.mathKey, PROBE.bidiKey]) {
      for (const format of ['latex', 'markdown']) {
        const r = run(['cite', ...SHELF, '--format', format, id]);
        assert.equal(r.status, 0, r.stderr);
        assert.doesNotMatch(r.stdout, /\u0000/, 'no NUL byte');
        assert.ok(!UNSEEN.test(r.stdout), JSON.stringify(r.stdout));
        const key =
          format === 'latex' ? /^\\cite\{([^}]*)\}\n$/.exec(r.stdout)?.[1] : /^\[@([^\]]*)\]\n$/.exec(r.stdout)?.[1];
        assert.ok(key, r.stdout);
        assert.match(key, SAFE_KEY);
      }
    }
    const list = run(['list', ...SHELF]);
    assert.equal(list.status, 0, list.stderr);
    assert.doesNotMatch(list.stdout, /\u0000/);
    assert.ok(!UNSEEN.test(list.stdout + list.stderr), 'no bidi or invisible character in the list');
    assert.ok(list.stdout.includes('Report fdp.exe'), 'the title shows without its override');
  });

  it('list: a 20,000-character title widens only its own row, and its key stays short (defect 8)', () => {
    const r = run(['list', ...SHELF, '--group', 'none']);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n');
    const long = rows.find((row) => row.includes(PROBE.longTitle))!;
    assert.ok(long, 'the long paper is listed');
    for (const row of rows.filter((row) => row !== long))
      assert.ok(row.length < 200, `${row.length}: ${row.slice(0, 120)}`);
    const key = long.split(/\s+/)[1]!;
    assert.ok(key.length <= 64, `${key.length}-character key`);
  });

  it('check: each refused key is one error at its line and column, quoted with its characters made visible', () => {
    const r = run(['check', PROBE_FILE]);
    assert.equal(r.status, 1);
    const keys = r.stdout.split('\n').filter((l) => l.includes('cannot be a cite key'));
    assert.equal(keys.length, 6, keys.join('\n'));
    for (const line of keys) assert.match(line, /^probe\.papers\.txt:\d+:6: error: /);
    assert.ok(
      keys.some((l) => l.includes('"nul\\u0000key"')),
      keys.join('\n'),
    );
    assert.doesNotMatch(r.stdout, /\u0000/);
    assert.ok(!UNSEEN.test(r.stdout));
  });
});
