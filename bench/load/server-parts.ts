/**
 * What every app server under test (the shop, the bare one) has alike: the time spent in
 * its handler per route, and node:http listening on loopback.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Samples } from '../stats';

export type TimedRoute = 'approve' | 'complete';

export interface RouteTimings {
  /** Time spent in the handler, per route, since the last `resetTimings()`. */
  handlerTimes: { approve: Samples; complete: Samples };
  /**
   * Of each of those requests (same order), the time the handler spent in the app's own code:
   * the shop's order writes its callbacks make (`onApprove`'s `createPending`, `onComplete`'s
   * `markPaid`); 0 for the bare server, which has no app.
   */
  appTimes: { approve: Samples; complete: Samples };
  /** Records one request: its time in the handler, and the part of it spent in the app's code. */
  record(route: TimedRoute, handlerMs: number, appMs?: number): void;
  resetTimings(): void;
}

/** Empty timings for the approve and complete routes. */
export function createRouteTimings(): RouteTimings {
  const timings: RouteTimings = {
    handlerTimes: { approve: new Samples(), complete: new Samples() },
    appTimes: { approve: new Samples(), complete: new Samples() },
    record(route, handlerMs, appMs = 0) {
      timings.handlerTimes[route].add(handlerMs);
      timings.appTimes[route].add(appMs);
    },
    // The same containers stay (servers hand them out spread into their own objects): only their samples are replaced.
    resetTimings() {
      for (const times of [timings.handlerTimes, timings.appTimes]) {
        times.approve = new Samples();
        times.complete = new Samples();
      }
    },
  };
  return timings;
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
