import type { PiClient } from '../client/pi-client';
import { callSdk } from './call-sdk';

/**
 * Opens the Pi Browser's share dialog: `Pi.openShareDialog(title, message)`. A function taking
 * the client, so an app that shares nothing ships none of it.
 *
 * ```ts
 * await openShareDialog(client, 'π shop', 'Look what I bought');
 * ```
 *
 * Source: Pi SDK reference, `Pi.openShareDialog`.
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "openShareDialog"`) when the SDK throws (e.g. arguments that are not strings).
 */
export function openShareDialog(client: PiClient, title: string, message: string): Promise<void> {
  return callSdk(client, 'openShareDialog', (pi) => void pi.openShareDialog(title, message));
}
