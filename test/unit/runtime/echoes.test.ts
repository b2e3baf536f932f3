import * as assert from 'node:assert/strict';
import { Echoes } from '../../../src/core/runtime/echoes';

describe('Echoes: values sent to another copy, coming back', () => {
  it('the echo of the value sent last is an echo', () => {
    const echoes = new Echoes<string>();
    echoes.sent('diffusion');
    assert.equal(echoes.received('diffusion'), true);
  });

  it('a late echo of older words is recognised after newer ones were sent, and so is the newer echo', () => {
    const echoes = new Echoes<string>();
    echoes.sent('zzyzx');
    echoes.sent('ti:(unbalanced');
    assert.equal(echoes.received('zzyzx'), true, 'the late echo of the older words');
    assert.equal(echoes.received('ti:(unbalanced'), true);
    // Both have come back: the same words again are the user's.
    assert.equal(echoes.received('zzyzx'), false);
    assert.equal(echoes.received('ti:(unbalanced'), false);
  });

  it('a change made on the other side is not an echo, and ends every echo still expected', () => {
    const echoes = new Echoes<string>();
    // Words set before the picker showed may never come back: the window had them from the start.
    echoes.sent('graph');
    assert.equal(echoes.received('graph neural'), false, 'typed in the window');
    // So typing the opening words again later is the user's doing, not an echo.
    assert.equal(echoes.received('graph'), false);
  });

  it('an echo skips the older values sent before it, which cannot come back after it', () => {
    const echoes = new Echoes<string>();
    echoes.sent('a');
    echoes.sent('b');
    echoes.sent('c');
    assert.equal(echoes.received('b'), true);
    assert.equal(echoes.received('a'), false, 'older than an echo already received');
    echoes.sent('d');
    assert.equal(echoes.received('d'), true);
  });
});
