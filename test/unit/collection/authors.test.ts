import * as assert from 'node:assert/strict';
import { splitAuthors } from '../../../src/core/collection/authors';

describe('collection: authors', () => {
  describe('splitAuthors', () => {
    it('splits on and, semicolons and commas, and turns "Last, First" around', () => {
      assert.deepEqual(splitAuthors('Ada Lovelace and Alan Turing'), ['Ada Lovelace', 'Alan Turing']);
      assert.deepEqual(splitAuthors('Ada Lovelace, Alan Turing, and Grace Hopper'), [
        'Ada Lovelace',
        'Alan Turing',
        'Grace Hopper',
      ]);
      assert.deepEqual(splitAuthors('Lovelace, Ada; Turing, Alan'), ['Lovelace, Ada', 'Turing, Alan']);
      assert.deepEqual(splitAuthors('Lovelace, Ada and Turing, Alan'), ['Ada Lovelace', 'Alan Turing']);
      assert.deepEqual(splitAuthors('Sandra Anderson'), ['Sandra Anderson']);
      assert.deepEqual(splitAuthors('  '), []);
    });
  });
});
