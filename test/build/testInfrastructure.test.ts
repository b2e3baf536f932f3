// The test infrastructure's own moving parts that npm test's verdict depends on: the counting
// mocha reporter (a failure must be counted, not lost) and the workbench URL the launcher opens.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TestHost from '../../scripts/lib/testHost';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const host = require(path.join(ROOT, 'scripts', 'lib', 'testHost.js')) as typeof TestHost;

describe('Test infrastructure', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-infra-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function runWithCountingReporter(testSource: string): { status: number | null; counts: unknown; output: string } {
    fs.writeFileSync(path.join(dir, 'sample.test.js'), testSource);
    const countsFile = path.join(dir, 'counts.json');
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--reporter',
        path.join(ROOT, 'scripts', 'lib', 'countingReporter.js'),
        '--reporter-option',
        'style=dot',
        '--reporter-option',
        `counts=${countsFile}`,
        path.join(dir, 'sample.test.js'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const counts = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : undefined;
    return { status: result.status, counts, output: result.stdout + result.stderr };
  }

  it('the counting reporter records passes, failures (hooks included) and pending tests', () => {
    const { status, counts, output } = runWithCountingReporter(`
      describe('a', () => {
        it('passes', () => {});
        it('passes too', () => {});
        it('fails', () => { throw new Error('boom'); });
        it.skip('is pending', () => {});
      });
      describe('b', () => {
        before(() => { throw new Error('hook'); });
        it('never runs', () => {});
      });`);
    assert.notEqual(status, 0);
    assert.deepEqual(counts, { passed: 2, failed: 2, pending: 1 });
    assert.match(output, /boom/, 'the failure is still printed');
  });

  it('the counting reporter records an all-green run', () => {
    const { status, counts } = runWithCountingReporter(`it('passes', () => {});`);
    assert.equal(status, 0);
    assert.deepEqual(counts, { passed: 1, failed: 0, pending: 0 });
  });

  it('the workbench URL carries the folder and the extension paths as remote URIs', () => {
    const url = new URL(
      host.workbenchUrl('http://127.0.0.1:4321', {
        folder: '/tmp/ws with space',
        extensionDevelopmentPath: '/repo',
        extensionTestsPath: '/repo/out/test/integration/index.js',
      }),
    );
    assert.equal(url.origin, 'http://127.0.0.1:4321');
    assert.equal(url.searchParams.get('folder'), '/tmp/ws with space');
    const payload = new Map(JSON.parse(url.searchParams.get('payload')!) as [string, string][]);
    assert.equal(payload.get('extensionDevelopmentPath'), 'vscode-remote://127.0.0.1:4321/repo');
    assert.equal(
      payload.get('extensionTestsPath'),
      'vscode-remote://127.0.0.1:4321/repo/out/test/integration/index.js',
    );
    assert.equal(payload.get('skipWelcome'), 'true');

    const startUrl = new URL(
      host.workbenchUrl('http://127.0.0.1:4321', { folder: '/w', extensionDevelopmentPath: '/repo' }),
    );
    const startPayload = new Map(JSON.parse(startUrl.searchParams.get('payload')!) as [string, string][]);
    assert.equal(startPayload.has('extensionTestsPath'), false, 'npm start must not run the tests');

    const virtualUrl = new URL(host.workbenchUrl('http://127.0.0.1:4321', { folder: 'tmp:/paper-shelf-web' }));
    assert.equal(virtualUrl.searchParams.get('folder'), 'tmp:/paper-shelf-web', 'a virtual folder goes as a URI');
  });

  it('the web suite is bundled for the browser: nothing but vscode is required, mocha is inside', () => {
    const suite = fs.readFileSync(path.join(host.repoRoot, 'out', 'web-suite', 'index.js'), 'utf8');
    // esbuild writes every require call with double quotes (a comment in mocha shows one with single ones).
    const required = new Set([...suite.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode']);
    assert.match(suite, /mocha/);
    assert.equal(host.extensionId, 'paper-shelf.paper-shelf', 'the id remote.extensionKind names');
  });

  it('a fixture workspace copy is a fresh, writable copy that removeWorkspaceCopy deletes', () => {
    const copy = host.copyFixtureWorkspace();
    try {
      assert.notEqual(copy, host.fixtureWorkspace);
      assert.deepEqual(fs.readdirSync(copy).sort(), fs.readdirSync(host.fixtureWorkspace).sort());
      fs.writeFileSync(path.join(copy, 'draft.tex'), 'changed');
      assert.notEqual(fs.readFileSync(path.join(host.fixtureWorkspace, 'draft.tex'), 'utf8'), 'changed');
    } finally {
      host.removeWorkspaceCopy(copy);
    }
    assert.equal(fs.existsSync(path.dirname(copy)), false);
  });

  it('the set-up script installs the C++ tool chain code-server needs, and for npm start nothing only tests need', () => {
    const list = (...args: string[]) => {
      const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-test-host.sh'), '--list-packages', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim().split('\n');
    };
    const start = list('--for', 'start');
    for (const pkg of ['python3', 'g++', 'make']) assert.ok(start.includes(pkg), `npm start installs ${pkg}`);
    for (const pkg of start) assert.doesNotMatch(pkg, /^(texlive|biber|latexmk|chromium)/, `npm start needs no ${pkg}`);
    const tests = list();
    for (const pkg of ['python3', 'g++', 'make', 'chromium', 'biber', 'texlive-bibtex-extra'])
      assert.ok(tests.includes(pkg), `the tests install ${pkg}`);
    // npm start asks for the start set only.
    assert.match(fs.readFileSync(path.join(ROOT, 'scripts', 'start.mjs'), 'utf8'), /ensureTestHost\('start'\)/);
  });
});
