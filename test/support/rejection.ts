import { expect } from 'vitest';

/** What `promise` was rejected with, checked to be a `type`: a promise that fulfils fails the test. */
export async function rejectionOf<T>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(type);
  return caught as T;
}
