'use client';
import { type NativeFeature, nativeFeaturesList, type PiKitError } from '@pi-kit/core';
import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import { useClient } from './use-pi-client';
import { useSdkReady } from './use-sdk-ready';

/** What `useNativeFeatures()` returns. */
export interface UseNativeFeaturesResult {
  /** `loading` until the SDK is ready and `Pi.nativeFeaturesList()` answered. */
  status: 'loading' | 'ready' | 'error';
  /** The features of this Pi Browser (`inline_media`, `request_permission`, `ad_network`), `null` while loading. A frozen array. */
  features: readonly NativeFeature[] | null;
  /** `SdkCallError` (`sdk_call_failed`) when `Pi.nativeFeaturesList()` failed (an old Pi Browser). */
  error: PiKitError | null;
  /** Whether `feature` is supported (`false` while loading). */
  has(feature: NativeFeature): boolean;
}

/**
 * The native features of the Pi Browser (`Pi.nativeFeaturesList()`), e.g. to show an
 * ad button only with `ad_network`. Reads core's `state.nativeFeatures`; once the SDK is
 * ready it calls core's `nativeFeaturesList(client)`, which asks Pi once per client (every
 * component shares the answer; after a failure, a later mount asks again).
 *
 * Source: Pi SDK reference, `Pi.nativeFeaturesList`.
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const { has } = useNativeFeatures();
 * if (has('ad_network')) return <WatchAdButton />;
 * ```
 */
export function useNativeFeatures(): UseNativeFeaturesResult {
  const client = useClient('useNativeFeatures');
  const ready = useSdkReady(client);
  const { status, features, error } = useStore(client.store, (state) => state.nativeFeatures);

  useEffect(() => {
    if (ready) nativeFeaturesList(client).catch(() => undefined); // the failure is in client.store (nativeFeatures.error)
  }, [client, ready]);

  const has = useCallback((feature: NativeFeature) => features?.includes(feature) ?? false, [features]);
  return { status: status === 'ready' || status === 'error' ? status : 'loading', features, error, has };
}
