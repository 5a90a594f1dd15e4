/**
 * Simulator or real Pi? The example runs against the simulated Pi network unless
 * `PI_API_KEY` is set; then `PI_SANDBOX` (`true` in Pi's sandbox, `false` in the
 * Pi Browser) is required and `PI_NETWORK` chooses the network ("Pi Testnet" by
 * default). See docs/REAL-PI.md.
 */
import { type AppNetwork, PI_SDK_URL } from '@pi-kit/core';
import { horizonUrlFor, PI_API_BASE_URL, PiConfigError } from '@pi-kit/server-adapters';

/** Pi's real servers: everything the server and the page need. Only `sdkUrl` and `sandbox` reach the browser. */
export interface RealPi {
  mode: 'real';
  /** Server secret: used by the payment handlers only, never put in the page. */
  apiKey: string;
  network: AppNetwork;
  sandbox: boolean;
  /** `https://sdk.minepi.com/pi-sdk.js`. */
  sdkUrl: string;
  /** `https://api.minepi.com`. */
  apiBaseUrl: string;
  /** Pi's Horizon of `network`. */
  horizonUrl: string;
}

export type PiMode = { mode: 'simulator' } | RealPi;

/**
 * @throws {PiConfigError} (`invalid_config`) for `PI_API_KEY` without `PI_SANDBOX=true|false`,
 * or a `PI_NETWORK` other than "Pi Testnet" / "Pi Network". The key's value is never in the message.
 */
export function piModeFromEnv(env: Record<string, string | undefined>): PiMode {
  const apiKey = env.PI_API_KEY?.trim();
  if (!apiKey) return { mode: 'simulator' };
  const sandbox = env.PI_SANDBOX;
  if (sandbox !== 'true' && sandbox !== 'false') {
    throw new PiConfigError('PI_API_KEY is set, so the example runs against real Pi: set PI_SANDBOX=true (the app opened at sandbox.minepi.com) or PI_SANDBOX=false (opened in the Pi Browser).');
  }
  const network = env.PI_NETWORK ?? 'Pi Testnet';
  if (network !== 'Pi Testnet' && network !== 'Pi Network') {
    throw new PiConfigError(`PI_NETWORK must be "Pi Testnet" or "Pi Network" (the network of your app in the developer portal), not "${network}".`);
  }
  return { mode: 'real', apiKey, network, sandbox: sandbox === 'true', sdkUrl: PI_SDK_URL, apiBaseUrl: PI_API_BASE_URL, horizonUrl: horizonUrlFor(network) };
}
