import type { PiKitError } from '../errors/base';
import type { PiClientState } from '../store/state';

/**
 * The SDK's status as an app shows it:
 * - `loading`: the script is loading or `Pi.init` is running (also before the provider mounted, and on the server);
 * - `ready`: `Pi.init` succeeded;
 * - `not-in-pi-browser`: the app is not running in the Pi Browser: `Pi.authenticate` never answered
 *   (core's `state.sdk.notInPiBrowser`: a `PiBrowserRequiredError` after `authTimeoutMs`, cleared once
 *   `Pi.authenticate` answers), or no SDK is available (`SdkUnavailableError`); ask the user to open
 *   the app in the Pi Browser. `isReady` stays true when the SDK was initialised;
 * - `error`: the script could not load or `Pi.init` failed (see `error`).
 */
export type PiSdkStatus = 'loading' | 'ready' | 'not-in-pi-browser' | 'error';

/** The SDK as a UI shows it. */
export interface SdkView {
  status: PiSdkStatus;
  /** `PiBrowserRequiredError` outside the Pi Browser, or the loading/init error. */
  error: PiKitError | null;
  isReady: boolean;
  sandbox: boolean;
}

/**
 * The {@link SdkView} of a client state. Pure.
 *
 * Source: `Pi.init`, docs/PI-PLATFORM.md "The browser SDK".
 */
export function sdkView(state: PiClientState): SdkView {
  const { sdk } = state;
  const status: PiSdkStatus =
    sdk.notInPiBrowser !== null || sdk.status === 'unavailable'
      ? 'not-in-pi-browser'
      : sdk.status === 'ready'
        ? 'ready'
        : sdk.status === 'error'
          ? 'error'
          : 'loading';
  return { status, error: sdk.notInPiBrowser ?? sdk.error, isReady: sdk.status === 'ready', sandbox: sdk.sandbox };
}
