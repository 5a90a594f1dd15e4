/**
 * The composition root of the simulator: the engine (pure state) with the Fetch handlers that
 * serve it as Pi's Platform API and Horizon. The engine imports no HTTP code; the handlers
 * receive the engine, as a Fetch handler receives its router.
 */
import { SimulatedPiNetwork } from '../engine/network';
import type { PiNetwork, PiNetworkOptions, PiNetworkSnapshot, RestorePiNetworkOptions } from '../engine/types';
import { createHorizonHandler } from '../horizon/handler';
import { createPlatformApiHandler } from '../platform/handler';

class ServedPiNetwork extends SimulatedPiNetwork implements PiNetwork {
  constructor(options: PiNetworkOptions, restore?: PiNetworkSnapshot) {
    super(options, restore);
  }

  readonly platformApi: (request: Request) => Promise<Response> = createPlatformApiHandler(this);
  readonly horizon: (request: Request, options?: { mountPath?: string }) => Promise<Response> = createHorizonHandler(this);
}

/**
 * Creates a simulated Pi network: an app (API key, wallet), users with funded wallets, payments,
 * a ledger, and Fetch handlers for the Platform API (`platformApi`) and Horizon (`horizon`). Pure
 * state: no timers, no I/O.
 *
 * @throws PiNetworkError (`invalid_arguments` / `invalid_amount`) for bad options.
 */
export function createPiNetwork(options: PiNetworkOptions = {}): PiNetwork {
  return new ServedPiNetwork(options);
}

/**
 * A network that goes on where `network.snapshot()` left it: the same app, users, balances,
 * payments (open ones still open, a pending approval still expiring at its time), access tokens,
 * ads, ledger (accounts and sequence numbers, transactions, ledger numbers), event log (the next
 * event is numbered after the last one) and random streams (new ids never repeat earlier ones).
 * The snapshot may come from `JSON.parse`: every field is checked. Its events are kept (frozen),
 * not copied. Fault rules and listeners are not state: add them again. `_link`s of payments point
 * at the restored network's `horizonUrl` (`options.horizonUrl`, else the snapshot's).
 *
 * `options` (see {@link RestorePiNetworkOptions}) may set the clock, timings, `horizonUrl` and
 * `ongoingA2U` (default: the snapshot's); `seed`, `network`, `baseFee`, `app.apiKey` and
 * `app.walletSecret` only to the snapshot's values.
 *
 * @throws PiNetworkStateError `invalid_state` for a value that is not a snapshot this version reads
 * (the message names the field or the version).
 * @throws PiNetworkError `invalid_arguments` for options that differ from the snapshot, or `users` /
 * `app.balance` (they are in the snapshot).
 *
 * @example
 * const saved = JSON.stringify(network.snapshot());
 * // … later, in another process:
 * const again = restorePiNetwork(JSON.parse(saved));
 */
export function restorePiNetwork(snapshot: PiNetworkSnapshot, options: RestorePiNetworkOptions = {}): PiNetwork {
  return new ServedPiNetwork(options, snapshot);
}
