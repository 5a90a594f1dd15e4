/**
 * The simulator over HTTP on 127.0.0.1: Pi's Platform API, Horizon and the
 * browser `window.Pi`, all from one `PiNetwork`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPiNetwork } from '../network/create-pi-network';
import type { PiNetwork, PiNetworkOptions } from '../engine/types';
import { nodeListener } from './node-adapter';
import { browserBundle } from './sdk-bundle';
import { createSimulatorHandler, HORIZON_PREFIX } from './simulator-handler';

/** Options of {@link startSimulatorServer}. */
export interface SimulatorServerOptions {
  /** The network to serve. Default: `createPiNetwork({ ...networkOptions, horizonUrl: <url>/horizon })`. */
  network?: PiNetwork;
  /** Options of the network created when `network` is not given. */
  networkOptions?: PiNetworkOptions;
  /** The port; 0 (default) picks a free one. */
  port?: number;
  /** The interface to listen on. Default `127.0.0.1`. */
  host?: string;
}

/** A running simulator server. */
export interface SimulatorServer {
  /** Its base URL, e.g. `http://127.0.0.1:4000`: Platform API at `url + '/v2'`, Horizon at {@link SimulatorServer.horizonUrl}, script at `url + '/pi-sdk.js'`. */
  url: string;
  /** The Horizon base URL (`url + '/horizon'`). */
  horizonUrl: string;
  /** The network it serves. */
  network: PiNetwork;
  /** Stops the server (open connections are closed). */
  close(): Promise<void>;
}

/**
 * Starts the simulator server. Resolves once it listens; the browser script is
 * bundled in the background (first `/pi-sdk.js` waits for it).
 * Rejects with Node's listen error (e.g. `EADDRINUSE`).
 *
 * @example
 * const sim = await startSimulatorServer({ port: 4000 });
 * // <script src="http://127.0.0.1:4000/pi-sdk.js?user=alice"></script>
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const server = createServer(
    nodeListener((request) => {
      if (!handler) throw new Error('The simulator is starting.');
      return handler(request);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const horizonUrl = `${url}${HORIZON_PREFIX}`;
  const network = options.network ?? createPiNetwork({ ...options.networkOptions, horizonUrl });
  handler = createSimulatorHandler(network);
  browserBundle().catch(() => undefined);
  return {
    url,
    horizonUrl,
    network,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
