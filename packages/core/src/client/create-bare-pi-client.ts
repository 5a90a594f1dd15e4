import type { PaymentTransport } from '../contract/transport';
import { PI_SDK_URL } from '../contract/pi-urls';
import { InvalidOptionError } from '../errors/options';
import { SdkLoadError } from '../errors/sdk';
import { assembleClient } from './assemble-client';
import { createClientContext, type ClientDefaults } from './context';
import type { PiClientOptions } from './options';
import type { PiClient } from './pi-client';
import { DEV } from '../env/development';

/**
 * Options of {@link createBarePiClient}: those of `createPiClient`, with `transport` required and
 * without the options of the default loader and transport (`sdkUrl`, `sdkLoadTimeoutMs`,
 * `serverUrl`, `basePath`).
 */
export type BarePiClientOptions = Omit<PiClientOptions, 'transport' | 'sdkUrl' | 'sdkLoadTimeoutMs' | 'serverUrl' | 'basePath'> & {
  /** How to reach the app server's payment routes: `createFetchTransport(…)`, or your own. Required. */
  transport: PaymentTransport;
};

/** `createBarePiClient`'s SDK and transport: the page's own `window.Pi`; none (`transport` is required). */
const BARE: ClientDefaults = {
  sdk: async () => {
    if (typeof window === 'undefined') return null;
    if (window.Pi) return window.Pi;
    throw new SdkLoadError('missing_global', PI_SDK_URL, {
      details: DEV
        ? `createBarePiClient uses the page's own window.Pi: load Pi's script before the app's (<script src="${PI_SDK_URL}"></script>, without async or defer), or pass the \`sdk\` option.`
        : undefined,
    });
  },
  transport: () => {
    throw new InvalidOptionError('transport', DEV ? 'createBarePiClient needs one: createFetchTransport(…) or your own.' : '');
  },
};

/**
 * Creates a Pi client without what `createPiClient` brings by default, so that an app ships only
 * what it uses: no script loader (the SDK is the page's own `window.Pi`, from a
 * `<script src="https://sdk.minepi.com/pi-sdk.js">` the page loads before the app, or `sdk`) and
 * no default transport (`transport` is required: `createFetchTransport(…)`, or your own). The
 * client is the same as `createPiClient`'s in every other way.
 *
 * ```ts
 * // index.html: <script src="https://sdk.minepi.com/pi-sdk.js"></script> before the app's script
 * const client = createBarePiClient({ sandbox: false, transport: createFetchTransport() });
 * await client.authenticate();
 * ```
 *
 * Source: Pi SDK reference (`Pi.init`, `Pi.authenticate`, `Pi.createPayment`); docs/PI-PLATFORM.md ("The browser SDK").
 *
 * @throws {InvalidOptionError} (`code: "invalid_option"`, `option` naming it) without `transport`,
 * and as `createPiClient` for the other options. Without `sdk`, `init()` rejects with
 * `SdkLoadError` (`code: "sdk_load_failed"`, `reason: "missing_global"`) in a page without `window.Pi`,
 * and with `SdkUnavailableError` (`code: "sdk_unavailable"`) where there is no `window` (SSR).
 */
export function createBarePiClient(options: BarePiClientOptions): PiClient {
  return assembleClient(createClientContext(options, BARE));
}
