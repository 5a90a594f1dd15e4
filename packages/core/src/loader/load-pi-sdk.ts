import { InvalidOptionError } from '../errors/options';
import { SdkLoadError, SdkUnavailableError } from '../errors/sdk';
import type { PiSdk } from '../types/sdk';
import { inFlight } from '../util/in-flight';
import { describeValue } from '../util/describe-value';
import { DEV } from '../env/development';
import { PI_SDK_URL } from '../contract/pi-urls';

/** How long {@link loadPiSdk} waits for the script by default, in milliseconds. */
export const DEFAULT_SDK_LOAD_TIMEOUT_MS = 20_000;

/** Options of {@link loadPiSdk}. */
export interface LoadPiSdkOptions {
  /** The script's URL. Default {@link PI_SDK_URL}; the simulator serves its own at `/pi-sdk.js`. */
  url?: string;
  /** Milliseconds to wait for the script before rejecting with `SdkLoadError` (`reason: "timeout"`). Default 20 000. */
  timeoutMs?: number;
  /**
   * What to do where there is no `document` (server-side rendering, workers):
   * resolve with `null` (`'null'`, the default) or reject with `SdkUnavailableError` (`'reject'`).
   */
  onServer?: 'null' | 'reject';
}

const loads = new Map<string, Promise<PiSdk>>();

/**
 * Loads Pi's browser SDK with a `<script>` tag and resolves with `window.Pi`
 * (like `@stripe/stripe-js`'s `loadStripe`). Safe during SSR.
 *
 * - `window.Pi` already defined: resolves with it, touching nothing;
 * - one memoised promise per URL: concurrent and later calls share it;
 * - an existing `<script src="{url}">` (e.g. in the HTML) is reused, not duplicated;
 * - on failure the memo and the failed tag are dropped, so calling again retries.
 *
 * @returns `window.Pi`, or `null` on the server with `onServer: 'null'`.
 * @throws {SdkLoadError} (`code: "sdk_load_failed"`, `reason` `"script_error"`,
 * `"timeout"` or `"missing_global"`).
 * @throws {SdkUnavailableError} (`code: "sdk_unavailable"`) on the server with `onServer: 'reject'`.
 * @throws {InvalidOptionError} (`code: "invalid_option"`) for an empty `url` or a non-positive `timeoutMs`.
 */
export function loadPiSdk(options: LoadPiSdkOptions & { onServer: 'reject' }): Promise<PiSdk>;
export function loadPiSdk(options?: LoadPiSdkOptions): Promise<PiSdk | null>;
export function loadPiSdk(options: LoadPiSdkOptions = {}): Promise<PiSdk | null> {
  const { url = PI_SDK_URL, timeoutMs = DEFAULT_SDK_LOAD_TIMEOUT_MS, onServer } = Object(options) as LoadPiSdkOptions;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    return Promise.reject(
      new InvalidOptionError('timeoutMs', DEV ? `a positive number of milliseconds, got ${describeValue(timeoutMs)}.` : ''),
    );
  }
  if (typeof url !== 'string' || url === '')
    return Promise.reject(new InvalidOptionError('url', DEV ? 'the URL of the Pi SDK script.' : ''));
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    return onServer === 'reject' ? Promise.reject(new SdkUnavailableError()) : Promise.resolve(null);
  }
  if (window.Pi) return Promise.resolve(window.Pi);

  return inFlight(loads, url, () => injectScript(url, timeoutMs), true);
}

function injectScript(url: string, timeoutMs: number): Promise<PiSdk> {
  return new Promise<PiSdk>((resolve, reject) => {
    const existing = findScript(url);
    const script = existing ?? document.createElement('script');
    let timer: ReturnType<typeof setTimeout> | undefined;

    const settle = (error: SdkLoadError | null) => {
      clearTimeout(timer);
      script.removeEventListener('load', onLoad);
      script.removeEventListener('error', onError);
      if (!error && window.Pi) return resolve(window.Pi);
      // A failed tag never fires again: drop it so that a retry injects a fresh one.
      script.remove();
      reject(error ?? new SdkLoadError('missing_global', url));
    };
    const onLoad = () => settle(null);
    const onError = (event: Event) => settle(new SdkLoadError('script_error', url, { cause: event }));

    script.addEventListener('load', onLoad);
    script.addEventListener('error', onError);
    timer = setTimeout(() => settle(window.Pi ? null : new SdkLoadError('timeout', url, { details: `waited ${timeoutMs} ms` })), timeoutMs);

    if (!existing) {
      script.src = url;
      script.async = true;
      script.setAttribute('data-pi-kit', 'sdk');
      (document.head ?? document.body ?? document.documentElement).appendChild(script);
    }
  });
}

function findScript(url: string): HTMLScriptElement | null {
  let absolute: string;
  try {
    absolute = new URL(url, document.baseURI).href;
  } catch {
    absolute = url;
  }
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('src') === url || script.src === absolute) return script;
  }
  return null;
}
