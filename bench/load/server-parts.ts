/**
 * What every app server under test (the shop, the bare one) has alike: the time spent in
 * its handler per route, and node:http listening on loopback.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Samples } from '../stats';

export interface RouteTimings {
  /** Time spent in the handler, per route, since the last `resetTimings()`. */
  handlerTimes: { approve: Samples; complete: Samples };
  resetTimings(): void;
}

/** Empty timings for the approve and complete routes. */
export function createRouteTimings(): RouteTimings {
  const handlerTimes = { approve: new Samples(), complete: new Samples() };
  return {
    handlerTimes,
    resetTimings() {
      handlerTimes.approve = new Samples();
      handlerTimes.complete = new Samples();
    },
  };
}

/** Listens on 127.0.0.1 at a free port; `close` also ends the keep-alive connections. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
