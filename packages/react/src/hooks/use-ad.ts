'use client';
import { type AdType, isAdReady, type PiKitError, requestAd, showAd, type ShowAdResponse } from '@pi-kit/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from './use-pi-client';
import { useSdkReady } from './use-sdk-ready';

/** What `useAd(type)` returns. */
export interface UseAdResult {
  /** Whether an ad of this type can be shown now (`Pi.Ads.isAdReady`); `null` until known. */
  ready: boolean | null;
  /** An ad is being shown. */
  isShowing: boolean;
  /**
   * How the last shown ad ended (`Pi.Ads.showAd`): `{ type, result }`, e.g. `AD_CLOSED`,
   * `AD_REWARDED` (with `adId`: let your server check it with `GET /v2/ads_network/status/{adId}`
   * before granting the reward), `AD_NOT_AVAILABLE`, `ADS_NOT_SUPPORTED`, `USER_UNAUTHENTICATED`.
   */
  result: ShowAdResponse | null;
  /** `SdkCallError` (`sdk_call_failed`) or `NotInitializedError` (`not_initialized`) from the last call. */
  error: PiKitError | null;
  /**
   * Shows an ad (loading one first with `Pi.Ads.requestAd` when none is ready) and resolves with
   * `result`; rejects with the typed error in `error`. Checks readiness again afterwards.
   */
  show(): Promise<ShowAdResponse>;
  /** Asks `Pi.Ads.isAdReady` again. */
  refresh(): Promise<boolean>;
}

/**
 * One type of Pi ad (`'interstitial'` or `'rewarded'`): whether it is ready, showing
 * it, and its result. Readiness is checked once the SDK is ready.
 *
 * Source: Pi SDK reference, `Pi.Ads` (showAd, isAdReady, requestAd).
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const ad = useAd('rewarded');
 * <button disabled={!ad.ready || ad.isShowing} onClick={() => ad.show().catch(() => {})}>Watch an ad</button>
 * ```
 */
export function useAd(type: AdType): UseAdResult {
  const client = useClient('useAd');
  const sdkReady = useSdkReady(client);
  const [ready, setReady] = useState<boolean | null>(null);
  const [isShowing, setShowing] = useState(false);
  const [result, setResult] = useState<ShowAdResponse | null>(null);
  const [error, setError] = useState<PiKitError | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const refresh = useCallback(async () => {
    try {
      const answer = await isAdReady(client, type);
      if (mounted.current) setReady(answer.ready);
      return answer.ready;
    } catch (thrown) {
      if (mounted.current) setError(thrown as PiKitError);
      throw thrown;
    }
  }, [client, type]);

  useEffect(() => {
    setReady(null);
    setResult(null);
    setError(null);
    if (sdkReady) refresh().catch(() => undefined);
  }, [sdkReady, refresh]);

  const show = useCallback(async () => {
    setShowing(true);
    setError(null);
    try {
      const isReady = (await isAdReady(client, type)).ready;
      if (!isReady) await requestAd(client, type);
      const shown = await showAd(client, type);
      if (mounted.current) setResult(shown);
      return shown;
    } catch (thrown) {
      if (mounted.current) setError(thrown as PiKitError);
      throw thrown;
    } finally {
      if (mounted.current) setShowing(false);
      refresh().catch(() => undefined);
    }
  }, [client, type, refresh]);

  return { ready, isShowing, result, error, show, refresh };
}
