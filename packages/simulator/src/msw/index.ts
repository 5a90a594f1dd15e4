/**
 * `@pi-kit/simulator/msw`: msw request handlers answering Pi's Platform API and
 * Horizon from a simulated Pi network, so server code under test talks to the
 * same network as browser code, in process. See the README, "msw".
 *
 * ```ts
 * const network = createPiNetwork({ seed: 1 });
 * const server = setupServer(...createPiNetworkHandlers(network));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { HORIZON_URLS } from '../engine/network';
import { SimulatedConnectionDrop } from '../engine/errors';
import type { PiNetwork } from '../engine/types';
import { PI_PLATFORM_API_URL } from '@pi-kit/core';

/** Options of {@link createPiNetworkHandlers}. */
export interface PiNetworkHandlersOptions {
  /** Base URL of the Platform API (its `/v2/*` routes are answered). Default `https://api.minepi.com`. */
  apiBaseUrl?: string;
  /**
   * Horizon base URLs answered by the network's ledger. Default: Pi's Testnet and Mainnet hosts
   * (`https://api.testnet.minepi.com`, `https://api.mainnet.minepi.com`) and `network.horizonUrl`.
   */
  horizonUrls?: string[];
}

function trim(url: string): string {
  return url.replace(/\/+$/, '');
}

async function forward(handler: (request: Request) => Promise<Response>, request: Request, prefix: string): Promise<Response> {
  let forwarded = request;
  if (prefix) {
    const url = new URL(request.url);
    url.pathname = url.pathname.slice(prefix.length) || '/';
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    forwarded = new Request(url, { method: request.method, headers: request.headers, body });
  }
  try {
    return await handler(forwarded);
  } catch (error) {
    if (error instanceof SimulatedConnectionDrop) return HttpResponse.error() as Response;
    throw error;
  }
}

/**
 * msw handlers for the Platform API (`{apiBaseUrl}/v2/*`) and Horizon (each of `horizonUrls`), all
 * answered by `network.platformApi` / `network.horizon`. An injected `drop` fault becomes
 * `HttpResponse.error()` (a network error for the caller).
 */
export function createPiNetworkHandlers(network: PiNetwork, options: PiNetworkHandlersOptions = {}): RequestHandler[] {
  const api = trim(options.apiBaseUrl ?? PI_PLATFORM_API_URL);
  const apiPrefix = new URL(api).pathname.replace(/\/+$/, '');
  const horizons = [
    ...new Set((options.horizonUrls ?? [HORIZON_URLS['Pi Testnet'], HORIZON_URLS['Pi Network'], network.horizonUrl]).map(trim)),
  ];
  const handlers: RequestHandler[] = [http.all(`${api}/v2/*`, ({ request }) => forward(network.platformApi, request, apiPrefix))];
  for (const base of horizons) {
    // Horizon keeps a path prefix in its links, so requests go through unchanged.
    handlers.push(
      http.all(`${base}/*`, ({ request }) => forward(network.horizon, request, '')),
      http.all(base === new URL(base).origin ? `${base}/` : base, ({ request }) => forward(network.horizon, request, '')),
    );
  }
  return handlers;
}
