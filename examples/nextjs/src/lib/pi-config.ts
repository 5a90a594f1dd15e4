/**
 * Where the example's Pi lives, read from the environment on the server:
 *
 * - the simulator (default, `pnpm demo`): the launcher starts `@pi-kit/simulator`
 *   and sets `PI_SIMULATOR_URL` (and the simulated app's `PI_API_KEY`);
 * - Pi's real sandbox: `PI_API_KEY` (developer portal) and `PI_SANDBOX=true`, with
 *   `PI_NETWORK` ("Pi Testnet" by default); see docs/REAL-PI.md.
 *
 * Only {@link PiBrowserConfig} is ever handed to the browser: the API key stays on the server.
 */
import type { AppNetwork } from '@pi-kit/core';
import { PiConfigError, piConfigFromEnv } from '@pi-kit/server-adapters';

/** What the page needs to load and initialise `window.Pi`. Safe to send to the browser. */
export interface PiBrowserConfig {
  /** The SDK script: Pi's `https://sdk.minepi.com/pi-sdk.js`, or the simulator's `/pi-sdk.js`. */
  sdkUrl: string;
  /** `Pi.init({ sandbox })`. */
  sandbox: boolean;
}

/** Everything the server needs. `apiKey` is a secret: never render it. */
export interface PiServerConfig {
  mode: 'simulator' | 'real';
  apiKey: string;
  network: AppNetwork;
  /** Pi Platform API base URL (`https://api.minepi.com` for real). */
  apiBaseUrl: string;
  /** Horizon for blockchain checks. */
  horizonUrl: string;
  browser: PiBrowserConfig;
}

/**
 * Reads the configuration from `env` (default `process.env`): the simulator the launcher started
 * (`PI_SIMULATOR_URL` and the simulated app's `PI_API_KEY`), or real Pi (`piConfigFromEnv`).
 *
 * @throws {PiConfigError} (`invalid_config`) when neither the simulator nor `PI_API_KEY` is set,
 * when `PI_SANDBOX` is not `true` or `false` with a real key, or `PI_NETWORK` is not a Pi network.
 */
export function readPiConfig(env: Record<string, string | undefined> = process.env): PiServerConfig {
  const simulatorUrl = env.PI_SIMULATOR_URL;
  if (simulatorUrl) {
    const apiKey = env.PI_API_KEY ?? '';
    if (!apiKey)
      throw new PiConfigError("PI_SIMULATOR_URL is set without the simulated app's PI_API_KEY: start the example with `pnpm demo`.");
    const network = env.PI_NETWORK ?? 'Pi Testnet';
    if (network !== 'Pi Testnet' && network !== 'Pi Network')
      throw new PiConfigError(`PI_NETWORK must be "Pi Testnet" or "Pi Network", not "${network}".`);
    return {
      mode: 'simulator',
      apiKey,
      network,
      apiBaseUrl: simulatorUrl,
      horizonUrl: `${simulatorUrl}/horizon`,
      browser: { sdkUrl: `${simulatorUrl}/pi-sdk.js`, sandbox: false },
    };
  }
  const real = piConfigFromEnv(env);
  if (!real) {
    throw new PiConfigError(
      "Set PI_API_KEY (your app's key from the Pi developer portal) and PI_SANDBOX=true, or start the example with `pnpm demo` to use the simulator.",
    );
  }
  return {
    mode: 'real',
    apiKey: real.apiKey,
    network: real.network,
    apiBaseUrl: real.apiBaseUrl,
    horizonUrl: real.horizonUrl,
    browser: { sdkUrl: real.sdkUrl, sandbox: real.sandbox },
  };
}
