import * as assert from 'node:assert/strict';
import { ArxivError } from '../../src/core/arxiv/arxivError';

/** The ArxivError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ArxivError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ArxivError, `expected ArxivError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}
