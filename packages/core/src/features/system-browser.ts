import type { PiClient } from '../client/pi-client';
import { callSdk } from './call-sdk';

/**
 * Opens `url` in the device's browser, outside the Pi Browser: `Pi.openUrlInSystemBrowser(url)`.
 * A function taking the client, so an app that does not use it ships none of it.
 *
 * Source: Pi SDK reference, `Pi.openUrlInSystemBrowser`.
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "openUrlInSystemBrowser"`) when the SDK
 * rejects, with its message as `details`: "Failed to open URL", "No minimal requirements" or "Unexpected error".
 */
export function openUrlInSystemBrowser(client: PiClient, url: string): Promise<void> {
  return callSdk(client, 'openUrlInSystemBrowser', (pi) => pi.openUrlInSystemBrowser(url));
}
