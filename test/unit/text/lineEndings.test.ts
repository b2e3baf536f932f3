import * as assert from 'node:assert/strict';
import { eolOf } from '../../../src/core/text/lineEndings';

describe('text: line endings', () => {
  it('reads the line ending of a consistent text', () => {
    assert.equal(eolOf('a\nb\n'), '\n');
    assert.equal(eolOf('a\r\nb\r\n'), '\r\n');
    assert.equal(eolOf('one line\r\n'), '\r\n');
  });

  it("is '\\n' for a text without line breaks", () => {
    assert.equal(eolOf(''), '\n');
    assert.equal(eolOf('no break'), '\n');
  });

  it('follows the majority in a mixed text, as VS Code does, and prefers \\n on a tie', () => {
    assert.equal(eolOf('a\nb\r\nc\r\n'), '\r\n', 'the first break does not decide');
    assert.equal(eolOf('a\r\nb\nc\n'), '\n');
    assert.equal(eolOf('a\r\nb\n'), '\n');
    assert.equal(eolOf('\r\n'), '\r\n', 'a CRLF at the very start counts');
  });

  it('counts a lone carriage return with CRLF (old Mac files)', () => {
    assert.equal(eolOf('a\rb\rc\n'), '\r\n');
    assert.equal(eolOf('a\rb\nc\n'), '\n');
  });
});
