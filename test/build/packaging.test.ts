// The .vsix a publisher would upload: exactly the bundle (and the map page's script), the media, the seeds and the docs,
// small, and without warnings from vsce. Runs after the build (the CLI stage of npm test).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const MAX_VSIX_BYTES = 500 * 1024;

function vsce(args: string[]): { output: string; status: number | null } {
  const result = spawnSync(process.execPath, [VSCE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    input: '',
  });
  if (result.error) throw result.error;
  return { output: `${result.stdout}${result.stderr}`, status: result.status };
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** The names in a zip file's central directory (a .vsix is a zip). */
export function zipEntryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

describe('Packaging: the .vsix', function () {
  this.timeout(180_000);
  const expected = [
    'package.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'dist/extension.js',
    'dist/cli.js',
    'dist/core.js',
    'dist/collectionWorker.js',
    'dist/web/extension.js',
    'dist/webview/map.js',
    ...filesUnder('media'),
    ...filesUnder('seeds'),
  ].sort();
  let tempDir: string;

  before(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-vsix-'));
  });
  after(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('vsce ls lists exactly the bundle, media/, seeds/, package.json, README, CHANGELOG and LICENSE', () => {
    const { output, status } = vsce(['ls', '--no-dependencies']);
    assert.equal(status, 0, output);
    const listed = output
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(listed, expected);
  });

  it('vsce package builds a .vsix under 500 KB, without warnings, holding only those files', () => {
    const vsix = path.join(tempDir, 'paper-shelf.vsix');
    // Runs vscode:prepublish (the production build) first, as publishing would.
    const { output, status } = vsce(['package', '--no-dependencies', '--out', vsix]);
    assert.equal(status, 0, output);
    assert.doesNotMatch(output, /warning/i, `vsce warned:\n${output}`);
    const size = fs.statSync(vsix).size;
    console.log(`      .vsix: ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes`);

    const names = zipEntryNames(fs.readFileSync(vsix));
    const shipped = names
      .filter((n) => n.startsWith('extension/'))
      .map((n) => n.slice('extension/'.length))
      // vsce renames these inside the package.
      .map((n) => ({ 'LICENSE.txt': 'LICENSE', 'readme.md': 'README.md', 'changelog.md': 'CHANGELOG.md' })[n] ?? n)
      .sort();
    assert.deepEqual(shipped, expected);
    for (const name of names) assert.doesNotMatch(name, /\.map$|(^|\/)(src|test|node_modules)\//, name);
    // The bundle is the minified production build.
    const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
    assert.ok(!bundle.includes('sourceMappingURL'), 'dist/extension.js points at a source map');
  });

  it('ships the domain core once, in dist/core.js, required by the extension and the CLI', () => {
    const read = (name: string) => fs.readFileSync(path.join(ROOT, 'dist', name), 'utf8');
    // A string only the collection parser (src/core/collection.ts) holds.
    const coreOnly = 'missing-title';
    assert.ok(read('core.js').includes(coreOnly), 'dist/core.js holds the parser');
    for (const name of ['extension.js', 'cli.js', 'collectionWorker.js']) {
      assert.ok(!read(name).includes(coreOnly), `${name} carries its own copy of the core`);
      assert.match(read(name), /require\("\.\/core\.js"\)/, `${name} requires ./core.js`);
    }
  });

  it('ships a web build (package.json browser) that inlines the core and requires nothing but vscode', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, string>;
    assert.equal(manifest.main, './dist/extension.js', 'desktop and remote hosts keep main');
    assert.equal(manifest.browser, './dist/web/extension.js');
    const web = fs.readFileSync(path.join(ROOT, 'dist', 'web', 'extension.js'), 'utf8');
    assert.ok(web.includes('missing-title'), 'the web bundle holds the core (the collection parser)');
    const required = new Set([...web.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.deepEqual([...required], ['vscode'], `the web bundle requires ${[...required].join(', ')}`);
    assert.ok(!web.includes('sourceMappingURL'), 'dist/web/extension.js points at a source map');
    // Node's globals do not exist in a web worker; a guarded `typeof setImmediate` is all that may remain.
    assert.doesNotMatch(web, /\bprocess\.(env|platform|version|cwd|nextTick)|\bBuffer\.|\bos\.homedir/);
    assert.doesNotMatch(web, /worker_threads|node:/);
  });
});
