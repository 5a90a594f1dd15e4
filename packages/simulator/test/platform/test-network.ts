/** Test helpers: a network with a manual clock, and Platform API / Horizon calls. */
import { createPiNetwork } from '../../src/network/create-pi-network';
import type { PiNetwork, PiNetworkOptions } from '../../src/engine/types';

export const START = Date.UTC(2026, 0, 1, 12, 0, 0);

export interface TestNetwork {
  network: PiNetwork;
  advance(ms: number): void;
  /** Calls the Platform API with the app's key (or `auth`, or none with `auth: null`). */
  api(
    method: string,
    path: string,
    init?: { body?: unknown; raw?: string; auth?: string | null },
  ): Promise<{ status: number; body: any; response: Response }>;
  /** Creates an approved U2A payment of `user`. */
  approvedPayment(user?: string, amount?: number): string;
}

export function testNetwork(options: PiNetworkOptions = {}): TestNetwork {
  let t = START;
  const network = createPiNetwork({ seed: 7, now: () => t, ...options });
  return {
    network,
    advance: (ms) => {
      t += ms;
    },
    async api(method, path, init = {}) {
      const headers = new Headers();
      const auth = init.auth === undefined ? `Key ${network.app.apiKey}` : init.auth;
      if (auth !== null) headers.set('authorization', auth);
      let body: string | undefined;
      if (init.raw !== undefined) body = init.raw;
      else if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined) headers.set('content-type', 'application/json');
      const response = await network.platformApi(new Request(`https://api.minepi.com${path}`, { method, headers, body }));
      const text = await response.clone().text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (e.g. an HTML fault page)
      }
      return { status: response.status, body: parsed, response };
    },
    approvedPayment(user = 'alice', amount = 1) {
      const p = network.createPayment(user, { amount, memo: 'test', metadata: { order: 1 } });
      network.approvePayment(p.identifier);
      return p.identifier;
    },
  };
}
