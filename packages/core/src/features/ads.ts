/**
 * Pi's ads (`Pi.Ads`) as functions taking the client: an app that shows no ad ships none of this.
 *
 * Source: Pi SDK reference, "Ads" (`showAd`, `isAdReady`, `requestAd`).
 */
import { SdkCallError } from '../errors/sdk';
import type { AdType, IsAdReadyResponse, RequestAdResponse, ShowAdResponse } from '../types/ads';
import type { PiAds, PiSdk } from '../types/sdk';
import type { PiClient } from '../client/pi-client';
import { callSdk } from './call-sdk';
import { DEV } from '../env/development';

/** `Pi.Ads` of the SDK, for `method`. @throws {SdkCallError} when this SDK has none (an old Pi Browser). */
function adsOf(pi: PiSdk, method: string): PiAds {
  if (!pi.Ads) throw new SdkCallError(method, { details: DEV ? 'This Pi SDK has no Pi.Ads (it needs a recent Pi Browser).' : 'no Pi.Ads' });
  return pi.Ads;
}

/**
 * Shows an ad of `type` (`'interstitial'` or `'rewarded'`): `Pi.Ads.showAd(type)`. Resolves with
 * `{ type, result }`, e.g. `AD_CLOSED`, or `AD_REWARDED` with `adId` (let your server check it
 * with `GET /v2/ads_network/status/{adId}` before granting the reward), `AD_NOT_AVAILABLE`,
 * `ADS_NOT_SUPPORTED`, `USER_UNAUTHENTICATED`.
 *
 * ```ts
 * const { result } = await showAd(client, 'interstitial');
 * ```
 *
 * Source: Pi SDK reference, "Ads".
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "Ads.showAd"`) when the SDK fails or has no `Pi.Ads`.
 */
export function showAd(client: PiClient, type: AdType): Promise<ShowAdResponse> {
  return callSdk(client, 'Ads.showAd', (pi) => adsOf(pi, 'Ads.showAd').showAd(type));
}

/**
 * Whether an ad of `type` is ready to be shown: `Pi.Ads.isAdReady(type)`, resolving with `{ type, ready }`.
 *
 * Source: Pi SDK reference, "Ads".
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "Ads.isAdReady"`) when the SDK fails or has no `Pi.Ads`.
 */
export function isAdReady(client: PiClient, type: AdType): Promise<IsAdReadyResponse> {
  return callSdk(client, 'Ads.isAdReady', (pi) => adsOf(pi, 'Ads.isAdReady').isAdReady(type));
}

/**
 * Loads an ad of `type`: `Pi.Ads.requestAd(type)`, resolving with `{ type, result }`
 * (`AD_LOADED`, `AD_FAILED_TO_LOAD` or `AD_NOT_AVAILABLE`).
 *
 * Source: Pi SDK reference, "Ads".
 * @throws {NotInitializedError} (`code: "not_initialized"`) before `client.init()` succeeded.
 * @throws {SdkCallError} (`code: "sdk_call_failed"`, `method: "Ads.requestAd"`) when the SDK fails or has no `Pi.Ads`.
 */
export function requestAd(client: PiClient, type: AdType): Promise<RequestAdResponse> {
  return callSdk(client, 'Ads.requestAd', (pi) => adsOf(pi, 'Ads.requestAd').requestAd(type));
}
