/**
 * Ad types of the Pi browser SDK (`Pi.Ads`).
 *
 * Source: Pi SDK reference, "Ads".
 */

/** The kinds of ad. */
export type AdType = 'interstitial' | 'rewarded';

/** What `Pi.Ads.showAd` resolves with. A rewarded ad that was watched carries `adId`, to be verified server-side. */
export type ShowAdResponse =
  | { type: 'interstitial'; result: 'AD_CLOSED' | 'AD_DISPLAY_ERROR' | 'AD_NETWORK_ERROR' | 'AD_NOT_AVAILABLE' }
  | {
      type: 'rewarded';
      result:
        | 'AD_REWARDED'
        | 'AD_CLOSED'
        | 'AD_DISPLAY_ERROR'
        | 'AD_NETWORK_ERROR'
        | 'AD_NOT_AVAILABLE'
        | 'ADS_NOT_SUPPORTED'
        | 'USER_UNAUTHENTICATED';
      adId?: string;
    };

/** What `Pi.Ads.isAdReady` resolves with. */
export interface IsAdReadyResponse {
  type: AdType;
  ready: boolean;
}

/** What `Pi.Ads.requestAd` resolves with. */
export interface RequestAdResponse {
  type: AdType;
  result: 'AD_LOADED' | 'AD_FAILED_TO_LOAD' | 'AD_NOT_AVAILABLE';
}

/**
 * Server-side status of a rewarded ad, from `GET /v2/ads_network/status/{adId}`.
 * Only `mediator_ack_status: "granted"` means the user earned the reward.
 */
export interface AdNetworkStatusDTO {
  identifier: string;
  mediator_ack_status: 'granted' | 'revoked' | 'failed' | null;
  mediator_granted_at: string | null;
  mediator_revoked_at: string | null;
}
