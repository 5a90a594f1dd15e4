/**
 * Reading the real-Pi settings of a server from its environment, as the examples
 * and `docs/REAL-PI.md` define the variables. Source: docs/PI-PLATFORM.md ("The browser SDK" to "A2U payments") (API key,
 * `Pi.init({ sandbox })`, networks, app wallet seed for A2U).
 */
import { type AppNetwork, PI_SDK_URL } from '@pi-kit/core';
import { walletKeypair } from '../a2u/wallet-seed';
import { PiConfigError } from '../errors/config-error';
import { horizonUrlFor } from '../horizon/urls';
import { PI_API_BASE_URL } from '../platform/client';

/** The environment variables read: a `process.env`-like record. */
export type PiEnv = Readonly<Record<string, string | undefined>>;

/** Settings of a server that talks to Pi's real servers. Only `sdkUrl` and `sandbox` may reach a browser. */
export interface PiEnvConfig {
  /** `PI_API_KEY`, trimmed. A server secret: never log it, never put it in a page. */
  apiKey: string;
  /** `PI_NETWORK`: "Pi Testnet" (default) or "Pi Network". */
  network: AppNetwork;
  /** `PI_SANDBOX`: `Pi.init({ sandbox })`; required with a key, never guessed. */
  sandbox: boolean;
  /** `https://api.minepi.com` (Pi Platform API). */
  apiBaseUrl: string;
  /** Pi's Horizon of `network` (`https://api.testnet.minepi.com` or `https://api.mainnet.minepi.com`). */
  horizonUrl: string;
  /** Pi's SDK script, `https://sdk.minepi.com/pi-sdk.js`. */
  sdkUrl: string;
  /** `PI_WALLET_SEED` (optional): the app wallet's secret seed (`S…`, 56 characters) for A2U payments. A server secret. */
  walletSeed: string | undefined;
}

const NETWORKS: readonly AppNetwork[] = ['Pi Testnet', 'Pi Network'];

/**
 * Reads `PI_API_KEY`, `PI_SANDBOX` (`true`|`false`), `PI_NETWORK` (default "Pi Testnet") and
 * `PI_WALLET_SEED` (optional) and returns validated real-Pi settings, or `undefined` when
 * `PI_API_KEY` is unset or blank (the caller then uses the simulator, or refuses to start).
 *
 * @throws PiConfigError (`invalid_config`) when `env` is not an object of strings, when `PI_SANDBOX` is not exactly `true` or `false`
 * with a key, when `PI_NETWORK` is not a Pi network, when `PI_WALLET_SEED` is not a Stellar
 * secret seed, or when `PI_WALLET_SEED` is set without a key. No message contains the key or the seed.
 */
export function piConfigFromEnv(env: PiEnv): PiEnvConfig | undefined {
  if (env === null || typeof env !== 'object') throw new PiConfigError('piConfigFromEnv: pass the environment, e.g. process.env.');
  for (const name of ['PI_API_KEY', 'PI_SANDBOX', 'PI_NETWORK', 'PI_WALLET_SEED'])
    if (env[name] !== undefined && typeof env[name] !== 'string')
      throw new PiConfigError(`${name} must be a string, as environment variables are.`);
  const apiKey = env.PI_API_KEY?.trim();
  const walletSeed = env.PI_WALLET_SEED?.trim() || undefined;
  if (!apiKey) {
    if (walletSeed) throw new PiConfigError('PI_WALLET_SEED is set but PI_API_KEY is not: set both (real Pi) or neither (simulator).');
    return undefined;
  }
  const sandbox = env.PI_SANDBOX;
  if (sandbox !== 'true' && sandbox !== 'false') {
    throw new PiConfigError(
      'PI_API_KEY is set, so the server runs against real Pi: set PI_SANDBOX=true (the app opened at sandbox.minepi.com) or PI_SANDBOX=false (opened in the Pi Browser).',
    );
  }
  const network = env.PI_NETWORK ?? 'Pi Testnet';
  if (!NETWORKS.includes(network as AppNetwork)) {
    // The network name is not a secret, but do not echo a value that happens to be the key.
    const shown = network.includes(apiKey) ? '(a value containing PI_API_KEY)' : `"${network}"`;
    throw new PiConfigError(
      `PI_NETWORK must be "Pi Testnet" or "Pi Network" (the network of your app in the developer portal), not ${shown}.`,
    );
  }
  if (walletSeed) {
    try {
      walletKeypair(walletSeed);
    } catch (cause) {
      throw new PiConfigError(
        'PI_WALLET_SEED is not a Stellar secret seed ("S" followed by 55 characters): copy the app wallet seed from the Pi developer portal.',
        { cause },
      );
    }
  }
  return {
    apiKey,
    network: network as AppNetwork,
    sandbox: sandbox === 'true',
    apiBaseUrl: PI_API_BASE_URL,
    horizonUrl: horizonUrlFor(network as AppNetwork),
    sdkUrl: PI_SDK_URL,
    walletSeed,
  };
}
