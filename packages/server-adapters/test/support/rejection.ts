/** The error `promise` rejects with, asserted to be an instance of `type` (a test fails if it resolves or rejects with another). */
import { expect } from 'vitest';

export async function rejectionOf<E extends Error>(type: abstract new (...args: never[]) => E, promise: Promise<unknown>): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
