/**
 * The simulator over HTTP on 127.0.0.1: Pi's Platform API, Horizon and the
 * browser `window.Pi`, all from one `PiNetwork`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PiNetworkError } from '../engine/errors';
import { createPiNetwork } from '../network/create-pi-network';
import type { PiNetwork, PiNetworkOptions } from '../engine/types';
import { nodeListener } from './node-adapter';
import { browserBundle } from './sdk-bundle';
import { createSimulatorHandler, HORIZON_PREFIX } from './simulator-handler';
import { networkOfStateFile, readStateFile, StateFileWriter } from './state-file';

/** Options of {@link startSimulatorServer}. */
export interface SimulatorServerOptions {
  /** The network to serve. Default: `createPiNetwork({ ...networkOptions, horizonUrl: <url>/horizon })`. */
  network?: PiNetwork;
  /** Options of the network created when `network` is not given. */
  networkOptions?: PiNetworkOptions;
  /**
   * A file that keeps the network across restarts (JSON, see the package README, "State across
   * restarts"). When it exists, the network is restored from it: `networkOptions` must fit it
   * (same `network`, `seed`, `app.apiKey`, `app.walletSecret`, `baseFee` when given), users it
   * lacks are added, initial balances are ignored. Else the network is created from
   * `networkOptions` and the file written (its folder created). Then it is saved 200 ms after each
   * change the event log records (one write for the changes in between; a temporary file renamed
   * over it; `setBalance` logs none and waits for the next change) and by `close()`. One server per file. Not with `network`.
   */
  stateFile?: string;
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
  /** With `stateFile`: the file, and whether the network was restored from it (`false`: created, and the file written). */
  state: { file: string; restored: boolean } | undefined;
  /** Stops the server (open connections are closed), then saves the network to `stateFile`, if any (rejects if that save fails). */
  close(): Promise<void>;
}

/**
 * Starts the simulator server. Resolves once it listens; the browser script is
 * bundled in the background (first `/pi-sdk.js` waits for it).
 * Rejects with Node's listen error (e.g. `EADDRINUSE`); with `PiNetworkError` (`invalid_arguments`)
 * for `stateFile` with `network`; with `PiNetworkStateError` for a state file that cannot be
 * restored (`invalid_state`) or was written for other options (`state_mismatch`); with the write's
 * error when a new state file cannot be written.
 *
 * @example
 * const sim = await startSimulatorServer({ port: 4000 });
 * // <script src="http://127.0.0.1:4000/pi-sdk.js?user=alice"></script>
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const { stateFile } = options;
  if (stateFile !== undefined && options.network)
    throw new PiNetworkError(
      'invalid_arguments',
      'startSimulatorServer: `stateFile` restores or creates the network itself: pass `networkOptions`, not `network`.',
    );
  // Read before listening: a state file that cannot be used fails before anything starts.
  const saved = stateFile === undefined ? undefined : await readStateFile(stateFile);
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
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const horizonUrl = `${url}${HORIZON_PREFIX}`;
  let network: PiNetwork;
  let writer: StateFileWriter | undefined;
  try {
    const networkOptions = { ...options.networkOptions, horizonUrl };
    network =
      options.network ?? (stateFile === undefined ? createPiNetwork(networkOptions) : networkOfStateFile(stateFile, saved, networkOptions));
    if (stateFile !== undefined) {
      writer = new StateFileWriter(stateFile, network, (error) => {
        console.error(`[pi-kit simulator] could not save the network to ${stateFile} (tried again at the next change):`, error);
      });
      // A new file is written now (and a restored one with the users just added), so a wrong path fails at start.
      await writer.save();
    }
  } catch (error) {
    writer?.stop();
    await stop();
    throw error;
  }
  handler = createSimulatorHandler(network);
  browserBundle().catch(() => undefined);
  return {
    url,
    horizonUrl,
    network,
    state: stateFile === undefined ? undefined : { file: stateFile, restored: saved !== undefined },
    async close() {
      await stop();
      await writer?.close();
    },
  };
}
