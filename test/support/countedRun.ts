// The end of an in-host suite run, shared by the Node suites (test/integration, mocha from npm)
// and the web suite (test/web, mocha's browser build): counts passes and failures, prints the
// closing line `N passed, N failed` that scripts/test-all.mjs reads, and rejects when a test
// failed or none ran. Pure: no Node module, so the web bundle can carry it.

/** What both mocha builds' runners offer. */
export interface RunnerLike {
  on(event: 'pass' | 'fail', listener: () => void): unknown;
}

export async function runCounted(
  start: (done: () => void) => RunnerLike,
  suite: string,
  nothingRan = `no ${suite} tests ran`,
): Promise<void> {
  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const runner = start(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} ${suite} test(s) failed`);
  if (passed === 0) throw new Error(nothingRan);
}
