/**
 * The global `window.Pi` object that Pi's script (`https://sdk.minepi.com/pi-sdk.js`) installs.
 *
 * Source: Pi SDK reference; docs/PI-PLATFORM.md ("The browser SDK").
 */
import type { AdType, IsAdReadyResponse, RequestAdResponse, ShowAdResponse } from './ads';
import type { AuthResult, Scope } from './auth';
import type { PaymentCallbacks, PaymentData, PaymentDTO } from './payment';

/** Options of `Pi.init`. `version` must be `"2.0"`; `sandbox: true` runs against Pi's sandbox. */
export interface PiInitOptions {
  version: '2.0';
  sandbox?: boolean;
}

/** Native features the Pi Browser may report. Source: Pi SDK reference, `nativeFeaturesList`. */
export type NativeFeature = 'inline_media' | 'request_permission' | 'ad_network';

/** `Pi.Ads`. Source: Pi SDK reference, "Ads". */
export interface PiAds {
  showAd(type: AdType): Promise<ShowAdResponse>;
  isAdReady(type: AdType): Promise<IsAdReadyResponse>;
  requestAd(type: AdType): Promise<RequestAdResponse>;
}

/**
 * The Pi browser SDK. Every method but `init` fails before `init` was called.
 * `authenticate` never settles outside the Pi Browser.
 */
export interface PiSdk {
  init(options: PiInitOptions): void | Promise<void>;
  authenticate(scopes: Scope[], onIncompletePaymentFound: (payment: PaymentDTO) => void): Promise<AuthResult>;
  createPayment(data: PaymentData, callbacks: PaymentCallbacks): void;
  openShareDialog(title: string, message: string): void;
  nativeFeaturesList(): Promise<NativeFeature[]>;
  /** Rejects with "Failed to open URL", "No minimal requirements" or "Unexpected error". */
  openUrlInSystemBrowser(url: string): Promise<void>;
  Ads: PiAds;
}

declare global {
  interface Window {
    /** The Pi browser SDK, once its script has loaded. */
    Pi?: PiSdk;
  }
}
