import * as assert from 'node:assert/strict';
import {
  findBlock,
  removeBlock,
  restoreBlock,
  setBlockField,
  updateBlockTags,
} from '../../../src/core/collection/collectionEdit';

const A = 'Title: Attention Is All You Need\nPDF: https://arxiv.org/pdf/1706.03762\nSummary: Transformers.\n---\n';
const B =
  'Title: BERT: Pre-training of Deep Bidirectional Transformers for Language\n  Understanding\nPDF: https://arxiv.org/pdf/1810.04805\nTheme: Language\nSummary: Bidirectional.\n---\n';
const FILE = `# my reading list\n\n${A}${B}`;

describe('collectionEdit: targeted edits of collection text', () => {
  it('finds a block from its first field to its separator', () => {
    const block = findBlock(FILE, '1810.04805')!;
    assert.equal(FILE.slice(block.start, block.end), B);
    assert.equal(findBlock(FILE, '2510.01152'), undefined);
  });

  it('adds a field before the summary and leaves every other byte alone', () => {
    const out = setBlockField(FILE, '1706.03762', ['Theme'], 'Language Models')!;
    assert.equal(
      out,
      FILE.replace(
        'PDF: https://arxiv.org/pdf/1706.03762\n',
        'PDF: https://arxiv.org/pdf/1706.03762\nTheme: Language Models\n',
      ),
    );
  });

  it('replaces an existing field (continuation lines included) and removes it', () => {
    const moved = setBlockField(FILE, '1810.04805', ['Theme'], 'Vision')!;
    assert.equal(moved, FILE.replace('Theme: Language\n', 'Theme: Vision\n'));
    const cleared = setBlockField(FILE, '1810.04805', ['Theme'], undefined)!;
    assert.equal(cleared, FILE.replace('Theme: Language\n', ''));
    const retitled = setBlockField(FILE, '1810.04805', ['Title'], 'BERT')!;
    assert.equal(
      retitled,
      FILE.replace(
        'Title: BERT: Pre-training of Deep Bidirectional Transformers for Language\n  Understanding\n',
        'Title: BERT\n',
      ),
    );
  });

  it('follows CRLF line endings and a last block without separator or final newline', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    assert.equal(
      setBlockField(crlf, '1706.03762', ['Tags'], 'starred'),
      crlf.replace('Summary: Transformers.', 'Tags: starred\r\nSummary: Transformers.'),
    );
    const open = 'Title: Attention Is All You Need\nPDF: https://arxiv.org/pdf/1706.03762';
    assert.equal(setBlockField(open, '1706.03762', ['Tags'], 'starred'), `${open}\nTags: starred`);
  });

  it('adds and removes tags, keeping the others', () => {
    const starred = updateBlockTags(FILE, '1706.03762', (tags) => [...tags, 'starred'])!;
    assert.match(starred, /PDF: https:\/\/arxiv.org\/pdf\/1706.03762\nTags: starred\nSummary/);
    const more = updateBlockTags(starred, '1706.03762', (tags) => ['to-read', ...tags])!;
    assert.match(more, /\nTags: to-read, starred\n/);
    const unstarred = updateBlockTags(more, '1706.03762', (tags) => tags.filter((t) => t !== 'starred'))!;
    assert.match(unstarred, /\nTags: to-read\n/);
    assert.equal(
      updateBlockTags(unstarred, '1706.03762', (tags) => tags.filter((t) => t !== 'to-read')),
      FILE,
    );
  });

  it('removes a block and puts it back where it was, or at the end when the file moved on', () => {
    const removal = removeBlock(FILE, '1706.03762')!;
    assert.equal(removal.text, `# my reading list\n\n${B}`);
    assert.equal(removal.removed, A);
    assert.equal(restoreBlock(removal.text, { ...removal, after: removal.text }), FILE);
    const edited = `${removal.text}Title: Another\nPDF: https://arxiv.org/pdf/2510.01152\n`;
    assert.equal(restoreBlock(edited, { ...removal, after: removal.text }), `${edited}---\n${A}`);
  });
});
