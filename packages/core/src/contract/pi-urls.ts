/**
 * Pi's addresses, in one place for the browser, the app server and the simulator.
 *
 * Source: Pi docs, SDK_reference.md (the SDK script), platform_API.md (the Platform API),
 * payments_advanced.md (Pi's Horizon of each network); docs/PI-PLATFORM.md.
 */
import type { AppNetwork } from '../types/payment';

/** Pi's browser SDK script, which defines `window.Pi`. */
export const PI_SDK_URL = 'https://sdk.minepi.com/pi-sdk.js';

/** Pi's Platform API (`/v2/*`), called by the app's server with its API key. */
export const PI_PLATFORM_API_URL = 'https://api.minepi.com';

/** Pi's Horizon (the blockchain's API) of each network. */
export const PI_HORIZON_URLS: Readonly<Record<AppNetwork, string>> = {
  'Pi Testnet': 'https://api.testnet.minepi.com',
  'Pi Network': 'https://api.mainnet.minepi.com',
};
