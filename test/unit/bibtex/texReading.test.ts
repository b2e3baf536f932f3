import * as assert from 'node:assert/strict';
import { encodeBibtexText } from '../../../src/core/bibtex/latexEncoding';
import { latexToText } from '../../../src/core/bibtex/texReading';

describe('bibtex: reading TeX', () => {
  describe('latexToText', () => {
    it('turns a field back into plain text', () => {
      assert.equal(latexToText("{BERT}: Caf{\\'e} \\& {\\textbackslash} \\emph{x}"), 'BERT: Café & \\ x');
      const hostile = '100% & x_1 } { Łódź #2 ^ <b> \\';
      assert.equal(latexToText(encodeBibtexText(hostile, { protectCase: true })), hostile);
    });
  });
});
