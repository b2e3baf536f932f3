// The few assertions the web suite needs. Node's `assert` is a Node module: a web worker has none.
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected))
    throw new AssertionError(
      `${message ? `${message}: ` : ''}${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`,
    );
}

export function match(text: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(text))
    throw new AssertionError(`${message ? `${message}: ` : ''}${JSON.stringify(text)} does not match ${pattern}`);
}
