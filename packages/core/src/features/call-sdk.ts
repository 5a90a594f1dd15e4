import { normalizeSdkError } from '../errors/normalize';
import { NotInitializedError, SdkCallError } from '../errors/sdk';
import type { PiSdk } from '../types/sdk';
import type { PiClient } from '../client/pi-client';

/**
 * Calls `run` with the client's initialised SDK and returns its answer as a promise with typed
 * errors: `NotInitializedError` (`code: "not_initialized"`) before `client.init()` succeeded,
 * `SdkCallError` (`code: "sdk_call_failed"`, `method`) for what the SDK throws or rejects with.
 * The one wrapper of the SDK's features other than sign-in and payments. Internal.
 */
export async function callSdk<T>(client: Pick<PiClient, 'getSdk'>, method: string, run: (pi: PiSdk) => T | Promise<T>): Promise<T> {
  // Optional calls: a value that is not a client is a client without an SDK.
  const pi = client?.getSdk?.();
  if (!pi) throw new NotInitializedError(method);
  try {
    return await run(pi);
  } catch (thrown) {
    if (thrown instanceof SdkCallError) throw thrown;
    throw new SdkCallError(method, { cause: normalizeSdkError(thrown) });
  }
}
