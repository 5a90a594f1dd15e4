import { normalizeSdkError } from '../errors/normalize';
import { SdkCallError } from '../errors/sdk';
import type { AdType, IsAdReadyResponse, RequestAdResponse, ShowAdResponse } from '../types/ads';
import type { NativeFeature, PiSdk } from '../types/sdk';
import type { SdkSession } from './sdk-session';
import { DEV } from '../env/development';

/** The promise wrappers of the SDK's other features. */
export interface SdkCalls {
  openShareDialog(title: string, message: string): Promise<void>;
  nativeFeaturesList(): Promise<NativeFeature[]>;
  openUrlInSystemBrowser(url: string): Promise<void>;
  ads: {
    showAd(type: AdType): Promise<ShowAdResponse>;
    isAdReady(type: AdType): Promise<IsAdReadyResponse>;
    requestAd(type: AdType): Promise<RequestAdResponse>;
  };
}

/**
 * Wraps `Pi.openShareDialog`, `Pi.nativeFeaturesList`, `Pi.openUrlInSystemBrowser`
 * and `Pi.Ads` (Pi SDK reference) as promises with typed errors:
 * `NotInitializedError` before `init`, `SdkCallError` for what the SDK throws.
 */
export function createSdkCalls(sdk: SdkSession): SdkCalls {
  async function call<T>(method: string, run: (pi: PiSdk) => T | Promise<T>): Promise<T> {
    const pi = sdk.require(method);
    try {
      return await run(pi);
    } catch (thrown) {
      if (thrown instanceof SdkCallError) throw thrown;
      throw new SdkCallError(method, { cause: normalizeSdkError(thrown) });
    }
  }
  const ads = (pi: PiSdk, method: string): PiSdk['Ads'] => {
    if (!pi.Ads)
      throw new SdkCallError(method, {
        details: DEV ? 'This Pi SDK has no Pi.Ads (it needs a recent Pi Browser).' : 'no Pi.Ads',
      });
    return pi.Ads;
  };
  return {
    openShareDialog: (title, message) => call('openShareDialog', (pi) => void pi.openShareDialog(title, message)),
    nativeFeaturesList: () => call('nativeFeaturesList', (pi) => pi.nativeFeaturesList()),
    openUrlInSystemBrowser: (url) => call('openUrlInSystemBrowser', (pi) => pi.openUrlInSystemBrowser(url)),
    ads: {
      showAd: (type) => call('Ads.showAd', (pi) => ads(pi, 'Ads.showAd').showAd(type)),
      isAdReady: (type) => call('Ads.isAdReady', (pi) => ads(pi, 'Ads.isAdReady').isAdReady(type)),
      requestAd: (type) => call('Ads.requestAd', (pi) => ads(pi, 'Ads.requestAd').requestAd(type)),
    },
  };
}
