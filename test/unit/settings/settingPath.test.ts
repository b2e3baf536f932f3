import * as assert from 'node:assert/strict';
import { parseSettingPath } from '../../../src/core/settings/settingPath';

describe('parseSettingPath: the one rule of every path setting', () => {
  const home = { home: '/home/ada' };

  it('empty or blank: no path (the default applies)', () => {
    assert.deepEqual(parseSettingPath(''), { kind: 'none' });
    assert.deepEqual(parseSettingPath('   '), { kind: 'none' });
  });

  it('relative: below the workspace folder, in segments, whichever separator', () => {
    assert.deepEqual(parseSettingPath('shelf.papers.txt'), { kind: 'workspace', segments: ['shelf.papers.txt'] });
    assert.deepEqual(parseSettingPath('./refs\\main.bib'), { kind: 'workspace', segments: ['refs', 'main.bib'] });
    assert.deepEqual(parseSettingPath('../shared//themes.json'), {
      kind: 'workspace',
      segments: ['..', 'shared', 'themes.json'],
    });
  });

  it('${workspaceFolder}: the same as relative', () => {
    assert.deepEqual(parseSettingPath('${workspaceFolder}/refs/main.bib'), {
      kind: 'workspace',
      segments: ['refs', 'main.bib'],
    });
    assert.deepEqual(parseSettingPath('${workspaceFolder}\\a.bib'), { kind: 'workspace', segments: ['a.bib'] });
    assert.deepEqual(parseSettingPath(' ${workspaceFolder} '), { kind: 'workspace', segments: [] });
  });

  it('~ and ${userHome}: in the home folder that was passed in', () => {
    assert.deepEqual(parseSettingPath('~/themes.json', home), { kind: 'absolute', path: '/home/ada/themes.json' });
    assert.deepEqual(parseSettingPath('~', home), { kind: 'absolute', path: '/home/ada' });
    assert.deepEqual(parseSettingPath('${userHome}/x/y.json', home), { kind: 'absolute', path: '/home/ada/x/y.json' });
    assert.deepEqual(parseSettingPath('~\\t.json', { home: 'C:\\Users\\ada\\' }), {
      kind: 'absolute',
      path: 'C:/Users/ada/t.json',
    });
  });

  it('~ without a home folder (a browser) is refused with a reason, never guessed', () => {
    const parsed = parseSettingPath('~/themes.json');
    assert.equal(parsed.kind, 'unresolved');
    assert.match((parsed as { reason: string }).reason, /home folder/);
    assert.equal(parseSettingPath('~/x', { home: 'relative/home' }).kind, 'unresolved');
  });

  it('~user and ~file are ordinary relative names', () => {
    assert.deepEqual(parseSettingPath('~ada/x'), { kind: 'workspace', segments: ['~ada', 'x'] });
  });

  it('absolute paths: POSIX, Windows drive, UNC', () => {
    assert.deepEqual(parseSettingPath('/srv/papers/shelf.papers.txt'), {
      kind: 'absolute',
      path: '/srv/papers/shelf.papers.txt',
    });
    assert.deepEqual(parseSettingPath('C:\\papers\\refs.bib'), { kind: 'absolute', path: 'C:/papers/refs.bib' });
    assert.deepEqual(parseSettingPath('d:/refs.bib'), { kind: 'absolute', path: 'd:/refs.bib' });
    assert.deepEqual(parseSettingPath('\\\\server\\share\\refs.bib'), {
      kind: 'absolute',
      path: '//server/share/refs.bib',
    });
  });

  it('URIs are kept whole', () => {
    assert.deepEqual(parseSettingPath('vscode-vfs://github/me/repo/themes.json'), {
      kind: 'uri',
      uri: 'vscode-vfs://github/me/repo/themes.json',
    });
    assert.deepEqual(parseSettingPath('file:///tmp/t.json'), { kind: 'uri', uri: 'file:///tmp/t.json' });
  });

  it('an unknown variable, or one not at the start, is refused with a reason', () => {
    assert.equal(parseSettingPath('${env:HOME}/x').kind, 'unresolved');
    assert.equal(parseSettingPath('refs/${workspaceFolder}/x').kind, 'unresolved');
    assert.equal(parseSettingPath('${workspaceFolder}x').kind, 'unresolved');
  });
});
