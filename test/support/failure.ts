import { DatabrainError } from '../../src/index.js';

/** The DatabrainError a call rejects with; fails the test when the call succeeds or throws another error. */
export async function failure(promise: Promise<unknown>): Promise<DatabrainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DatabrainError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
