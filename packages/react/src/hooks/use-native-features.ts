'use client';
import type { NativeFeature, PiClient, PiKitError } from '@pi-kit/core';
import { useCallback, useEffect, useState } from 'react';
import { useClient } from './use-pi-client';
import { useSdkReady } from './use-sdk-ready';

/** What `useNativeFeatures()` returns. */
export interface UseNativeFeaturesResult {
  /** `loading` until the SDK is ready and `Pi.nativeFeaturesList()` answered. */
  status: 'loading' | 'ready' | 'error';
  /** The features of this Pi Browser (`inline_media`, `request_permission`, `ad_network`), `null` while loading. */
  features: NativeFeature[] | null;
  /** `SdkCallError` (`sdk_call_failed`) when `Pi.nativeFeaturesList()` failed (an old Pi Browser). */
  error: PiKitError | null;
  /** Whether `feature` is supported (`false` while loading). */
  has(feature: NativeFeature): boolean;
}

/** One `Pi.nativeFeaturesList()` per client: the list does not change while the app runs. */
const lists = new WeakMap<PiClient, Promise<NativeFeature[]>>();

function featuresOf(client: PiClient): Promise<NativeFeature[]> {
  let list = lists.get(client);
  if (!list) {
    list = client.nativeFeaturesList();
    lists.set(client, list);
    list.catch(() => lists.delete(client)); // a failure may be retried by a later mount
  }
  return list;
}

type FeaturesState = Pick<UseNativeFeaturesResult, 'status' | 'features' | 'error'>;

/**
 * The native features of the Pi Browser (`Pi.nativeFeaturesList()`), asked once per
 * client after the SDK is ready, e.g. to show an ad button only with `ad_network`.
 *
 * Source: Pi SDK reference, `Pi.nativeFeaturesList`.
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 */
export function useNativeFeatures(): UseNativeFeaturesResult {
  const client = useClient('useNativeFeatures');
  const ready = useSdkReady(client);
  const [state, setState] = useState<FeaturesState>({ status: 'loading', features: null, error: null });

  useEffect(() => {
    if (!ready) return;
    let live = true;
    featuresOf(client).then(
      (features) => live && setState({ status: 'ready', features, error: null }),
      (error: PiKitError) => live && setState({ status: 'error', features: null, error }),
    );
    return () => {
      live = false;
    };
  }, [client, ready]);

  const { features } = state;
  const has = useCallback((feature: NativeFeature) => features?.includes(feature) ?? false, [features]);
  return { ...state, has };
}
