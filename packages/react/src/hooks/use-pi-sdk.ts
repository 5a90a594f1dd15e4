'use client';
import { type PiClient, type PiClientState, type PiKitError, type PiSdk, type PiSdkStatus, sdkView } from '@pi-kit/core';
import { useMemo } from 'react';
import { useStoreView } from '../store/use-tracked-store';
import { useClient } from './use-pi-client';

export type { PiSdkStatus } from '@pi-kit/core';

/** What `usePiSdk()` returns. */
export interface UsePiSdkResult {
  status: PiSdkStatus;
  /**
   * Why: `SdkLoadError` (`sdk_load_failed`), `UnsupportedVersionError` (`unsupported_version`),
   * `SdkCallError` (`sdk_call_failed`, `Pi.init` threw), `SdkUnavailableError` (`sdk_unavailable`),
   * or `PiBrowserRequiredError` (`pi_browser_required`) for `not-in-pi-browser`.
   */
  error: PiKitError | null;
  /** `Pi.init` succeeded (core's `state.sdk.status === 'ready'`), even when the status is `not-in-pi-browser`. */
  isReady: boolean;
  /** The `sandbox` flag given to `Pi.init`. */
  sandbox: boolean;
  /** The initialised `window.Pi` (or the simulator's), `null` before `ready`. */
  sdk: PiSdk | null;
  /** Loads and initialises the SDK again after an `error` (a shared promise; resolves with the SDK). */
  retry(): Promise<PiSdk>;
}

function buildSdk(state: PiClientState, client: PiClient, retry: () => Promise<PiSdk>): UsePiSdkResult {
  const view = sdkView(state);
  return { ...view, sdk: view.isReady ? client.getSdk() : null, retry };
}

/**
 * Whether the Pi SDK is usable, and why not. Re-renders only when a field it reads
 * changes (or, with a selector, when the selected value changes).
 *
 * Source: Pi SDK reference, `Pi.init`; docs/PI-PLATFORM.md ("The browser SDK") (authenticate hangs outside the Pi Browser).
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const { status } = usePiSdk();
 * if (status === 'not-in-pi-browser') return <p>Open this app in the Pi Browser.</p>;
 * ```
 */
export function usePiSdk(): UsePiSdkResult;
export function usePiSdk<T>(select: (sdk: UsePiSdkResult) => T): T;
export function usePiSdk<T>(select?: (sdk: UsePiSdkResult) => T): UsePiSdkResult | T {
  const client = useClient('usePiSdk');
  const retry = useMemo(() => () => client.init(), [client]);
  return useStoreView(client.store, (state: PiClientState) => buildSdk(state, client, retry), select);
}
