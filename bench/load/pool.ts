import http from 'node:http';

/**
 * Caps the connections `fetch` and `node:http`'s global agent open per origin in this process (the
 * driver's requests, the bare server's calls to the simulator over fetch and pi-kit's over node:http), as any load generator and any production HTTP client
 * pool would: thousands of flows stay in flight, their requests share `connections` keep-alive
 * sockets instead of opening thousands at once (which a 2-core loopback answers with
 * connect timeouts). Node bundles undici without exporting it: its global `Agent` class is
 * taken from the global dispatcher after a first fetch.
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

export async function poolFetchConnections(anyUrl: string, connections: number): Promise<void> {
  await fetch(anyUrl)
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
  const current = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] as
    | { constructor: new (options: object) => unknown }
    | undefined;
  if (!current) throw new Error('poolFetchConnections: no global undici dispatcher after a fetch');
  (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER] = new current.constructor({
    connections,
    keepAliveTimeout: 30_000,
    connect: { timeout: 120_000 },
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  // pi-kit's Platform client on Node: the same cap, so that both servers reach Pi through as many sockets.
  http.globalAgent = new http.Agent({ keepAlive: true, maxSockets: connections, keepAliveMsecs: 1000 });
}
