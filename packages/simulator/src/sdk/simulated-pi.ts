/**
 * The in-process simulated `window.Pi`.
 *
 * Source: Pi SDK reference and payments.md (docs/PI-PLATFORM.md ("The browser SDK")).
 */
import type { PiNetwork } from '../engine/types';
import { createSdk, type SimulatedPi, type SimulatedPiOptions } from './create-sdk';
import { createNetworkBackend } from './network-backend';

/**
 * A simulated Pi SDK (`window.Pi`) for one user of `network`, in the same process.
 *
 * Behaves as Pi's SDK: `init({ version: "2.0" })` first; `authenticate` issues a token
 * and reports an incomplete payment; `createPayment` runs the payment flow with its
 * timers and callback re-invocations (see {@link SimulatedPiOptions} to adjust).
 * Call `dispose()` at the end of a test to stop its timers.
 *
 * Throws `SimulatedPiError` `invalid_argument` without `options.user`, and the engine's
 * `PiNetworkError` `user_not_found` when that user does not exist.
 *
 * @example
 * const network = createPiNetwork({ users: [{ username: 'alice', balance: 50 }] });
 * const Pi = createSimulatedPi(network, { user: 'alice', wallet: 'manual' });
 */
export function createSimulatedPi(network: PiNetwork, options: SimulatedPiOptions): SimulatedPi {
  if (typeof options?.user === 'string' && options.user !== '') network.user(options.user);
  return createSdk(createNetworkBackend(network), options);
}

/**
 * {@link createSimulatedPi}, installed as `globalThis.Pi` (`window.Pi` in a browser or jsdom).
 * `dispose()` removes it again.
 */
export function installSimulatedPi(network: PiNetwork, options: SimulatedPiOptions): SimulatedPi {
  const pi = createSimulatedPi(network, options);
  (globalThis as { Pi?: unknown }).Pi = pi;
  return pi;
}
