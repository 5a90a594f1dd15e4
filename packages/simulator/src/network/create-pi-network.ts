/**
 * The composition root of the simulator: the engine (pure state) with the Fetch handlers that
 * serve it as Pi's Platform API and Horizon. The engine imports no HTTP code; the handlers
 * receive the engine, as a Fetch handler receives its router.
 */
import { SimulatedPiNetwork } from '../engine/network';
import type { PiNetwork, PiNetworkOptions } from '../engine/types';
import { createHorizonHandler } from '../horizon/handler';
import { createPlatformApiHandler } from '../platform/handler';

class ServedPiNetwork extends SimulatedPiNetwork implements PiNetwork {
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
