// Update Bibliography to Published Versions in the real extension host, against a local stand-in
// for the Crossref REST API: the preview (a diff of the whole file), the kept changes applied as
// one edit, and one Undo bringing the file back byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startCrossrefServer } from '../support/crossrefReplay';
import type { ReplayServer } from '../support/replayServer';
import type { PaperShelfApi } from '../../src/api';
import type { UpgradeResult } from '../../src/published/upgradeBibliography';
import { until } from '../support/wait';
import { makePaper } from '../support/papers';

const EXTENSION_ID = 'paper-shelf.paper-shelf';

const BIB = [
  '% My references (kept byte for byte)',
  '@misc{devlin2018bert,',
  '  title = {{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},',
  '  author = {Devlin, Jacob and Chang, Ming-Wei},',
  '  year = {2018},',
  '  eprint = {1810.04805},',
  '  archivePrefix = {arXiv},',
  '  doi = {10.18653/v1/N19-1423},',
  '}',
  '',
  '@misc{abbott2016,',
  '  title = {Observation of Gravitational Waves from a Binary Black Hole Merger},',
  '  url = {https://arxiv.org/abs/1602.03837},',
  '  doi = {10.1103/PhysRevLett.116.061102},',
  '}',
  '@misc{wrong, title = {Not the Record}, eprint = {2101.00001}, doi = {10.1016/j.wrong.2021.01.001}}',
  '@book{knuth, title = {The {TeX}book}, publisher = {Addison-Wesley}}',
  '',
].join('\n');

describe('Update Bibliography to Published Versions', function () {
  this.timeout(60_000);
  let server: ReplayServer;
  let bib: vscode.Uri;

  before(async () => {
    const api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    server = await startCrossrefServer();
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('crossrefApiUrl', server.origin, vscode.ConfigurationTarget.Global);
    bib = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, `upgrade-${Date.now()}.bib`);
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode(BIB));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('crossrefApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(bib).then(undefined, () => undefined);
    await server?.close();
  });

  it('shows the whole file before and after in a diff, and applies every change kept as one edit', async () => {
    const editor = await vscode.window.showTextDocument(bib);
    const running = vscode.commands.executeCommand<UpgradeResult>('paperShelf.upgradeBibliography', undefined, {
      keep: ['devlin2018bert', 'abbott2016'],
    });
    const diff = await until('the preview diff', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.input)
        .find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff),
    ).catch(() => undefined);
    const result = (await running)!;
    assert.equal(result.status, 'applied', result.message);
    if (diff) assert.equal(diff.original.toString(), bib.toString(), 'before: the file as it is');
    const after = result.previewText!;
    assert.match(after, /^% My references \(kept byte for byte\)\n@inproceedings\{devlin2018bert,\n/);
    assert.match(after, /\n@article\{abbott2016,\n/);
    assert.ok(after.endsWith(BIB.slice(BIB.indexOf('@misc{wrong'))));
    assert.deepEqual(result.applied, ['devlin2018bert', 'abbott2016']);
    assert.equal(editor.document.getText(), after, 'the file is now what the preview showed');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), BIB, 'one Undo reverts the whole update');
    assert.ok(
      !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      'the preview is closed',
    );
  });

  it('applies only the kept changes: the kept entry rewritten, every other byte the same, one Undo restores the file', async () => {
    const editor = await vscode.window.showTextDocument(bib);
    const result = (await vscode.commands.executeCommand<UpgradeResult>('paperShelf.upgradeBibliography', undefined, {
      keep: ['abbott2016'],
    }))!;
    assert.equal(result.status, 'applied', result.message);
    assert.deepEqual(
      result.changes.map((c) => [c.key, c.label]),
      [
        [
          'devlin2018bert',
          'Published in Proceedings of the 2019 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies, Volume 1 (Long and Short Papers) (2019)',
        ],
        ['abbott2016', 'Published in Physical Review Letters (2016)'],
      ],
    );
    assert.deepEqual(
      result.preprints.map((p) => p.key),
      ['wrong'],
    );
    assert.match(result.preprints[0]!.reason, /is titled "An Entirely Different Paper About Soil Moisture"/);
    assert.deepEqual(result.applied, ['abbott2016']);

    // Only the kept entry changed; everything before and after it is byte for byte the same.
    const text = editor.document.getText();
    const start = BIB.indexOf('@misc{abbott2016,');
    const end = BIB.indexOf('@misc{wrong');
    assert.equal(text.slice(0, start), BIB.slice(0, start));
    assert.ok(text.endsWith(BIB.slice(end - 1)), 'the entries after it are untouched');
    assert.equal(
      text.slice(start, text.length - (BIB.length - end + 1)),
      [
        '@article{abbott2016,',
        '  title = {Observation of Gravitational Waves from a Binary Black Hole Merger},',
        '  author = {{LIGO Scientific Collaboration and Virgo Collaboration} and B. P. Abbott},',
        '  journal = {Physical Review Letters},',
        '  volume = {116},',
        '  number = {6},',
        '  pages = {061102},',
        '  year = {2016},',
        '  publisher = {American Physical Society (APS)},',
        '  doi = {10.1103/PhysRevLett.116.061102},',
        '  eprint = {1602.03837},',
        '  archivePrefix = {arXiv},',
        '}',
      ].join('\n'),
    );
    assert.ok(editor.document.isDirty);

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), BIB, 'one Undo reverts the whole update');
  });

  it('keeping nothing changes nothing; a file without preprints says so', async () => {
    await vscode.window.showTextDocument(bib);
    const none = (await vscode.commands.executeCommand<UpgradeResult>('paperShelf.upgradeBibliography', bib, {
      keep: [],
    }))!;
    assert.equal(none.status, 'cancelled');
    const doc = await vscode.workspace.openTextDocument(bib);
    assert.equal(doc.getText(), BIB);
    assert.ok(
      !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)),
      'the preview is closed',
    );

    const plain = vscode.Uri.joinPath(bib, '..', `plain-${Date.now()}.bib`);
    await vscode.workspace.fs.writeFile(plain, new TextEncoder().encode('@book{knuth, title = {The {TeX}book}}\n'));
    try {
      const r = (await vscode.commands.executeCommand<UpgradeResult>('paperShelf.upgradeBibliography', plain))!;
      assert.equal(r.status, 'none');
      assert.match(r.message, /cites an arXiv preprint/);
    } finally {
      await vscode.workspace.fs.delete(plain);
    }
  });
});

describe('The summary panel while Crossref is slow', function () {
  this.timeout(60_000);
  const SOURCE = 'integration-test:panel-published';
  let server: ReplayServer;
  let api: PaperShelfApi;

  before(async () => {
    api = await vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID)!.activate();
    await api.shelfService.ready();
    server = await startCrossrefServer();
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('crossrefApiUrl', server.origin, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    api.shelfService.shelf.removeSource(SOURCE);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace
      .getConfiguration('paperShelf')
      .update('crossrefApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('draws the paper at once, and its published version when Crossref answers', async () => {
    // A DOI no other test looks up, on a paper no other test shows: nothing is known of it yet.
    const doi = '10.1007/3-540-49430-8_2';
    api.shelfService.shelf.setSource(SOURCE, [
      makePaper({
        id: '2512.99981',
        title: 'Efficient BackProp',
        summary: 'Tricks that make back-propagation converge faster.',
        doi,
        source: { file: 'integration', line: 1, column: 1 },
      }),
    ]);
    const entry = api.shelfService.shelf.get('2512.99981')!;
    let release!: () => void;
    server.enqueue({ kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)) });
    const panel = api.browse.panel;
    let shown = false;
    const showing = panel.show(entry).then(() => (shown = true));
    try {
      await until('the paper drawn while Crossref is asked', () =>
        /<h1 id="paper-title">Efficient BackProp<\/h1>/.test(panel.html ?? ''),
      );
      assert.ok(
        server.requests.some((r) => decodeURIComponent(r.url).includes(doi)),
        'Crossref was asked about the DOI',
      );
      assert.doesNotMatch(panel.html!, /<dt>Published<\/dt>/, 'not published before Crossref says so');
      assert.equal(shown, false, 'showing goes on until the published version is known');
    } finally {
      release();
    }
    await showing;
    assert.match(panel.html!, /<dt>Published<\/dt>/);
    assert.match(panel.html!, /doi:10\.1007\/3-540-49430-8_2/);
    assert.match(panel.html!, /<h1 id="paper-title">Efficient BackProp<\/h1>/);
  });
});
