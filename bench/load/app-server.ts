/**
 * The app servers under test, behind one interface: in the bench process (`inProcess`), or
 * each in its own process (`server-worker.ts`, the default: an app server does not share its
 * event loop and its connections to Pi with thousands of browsers).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBareServer } from './bare-server';
import type { CpuTime } from './cpu-time';
import { type DbKind, type RunningShop, startShop } from './shop';
import { Samples } from '../stats';

export interface AppServer {
  url: string;
  resetTimings(): Promise<void>;
  /**
   * Time inside the handler per route since the last reset (and of each request the part spent in
   * the app's own code), and the shop's route errors by code.
   */
  timings(): Promise<ServerTimings>;
  /** The CPU time the server's process has used so far (`null` in process: it is the bench's). */
  cpu(): Promise<CpuTime | null>;
  /** A CPU profile of the server's main thread from `start()` to `stop(file)` (`cpu-profiler.ts`); not in process. */
  profile: { start(): Promise<void>; stop(file: string): Promise<void> };
  /** The shop's delivery check (see shop.ts); the bare server has none. */
  deliveries(paymentIds: string[]): Promise<{ paid: number; delivered: number; lost: number; duplicated: number }>;
  close(): Promise<void>;
}

export interface ServerTimings {
  approve: Samples;
  complete: Samples;
  /** Per request (same order as `approve`/`complete`), the time spent in the app's own code: the shop's order writes; 0 for the bare server. */
  app: { approve: Samples; complete: Samples };
  errors: Record<string, number>;
}

export interface SimInfo {
  url: string;
  apiKey: string;
  network: 'Pi Testnet' | 'Pi Network';
}

export async function startAppServer(kind: 'bare' | DbKind, sim: SimInfo, inProcess: boolean): Promise<AppServer> {
  if (inProcess) {
    const server =
      kind === 'bare'
        ? await startBareServer({ piApiBaseUrl: sim.url, apiKey: sim.apiKey })
        : await startShop({ kind, simUrl: sim.url, apiKey: sim.apiKey, network: sim.network });
    return {
      url: server.url,
      resetTimings: async () => server.resetTimings(),
      timings: async () => ({ ...server.handlerTimes, app: server.appTimes, errors: {} }),
      cpu: async () => null,
      profile: {
        start: () => Promise.reject(new Error('profiles are taken of app servers in their own process (without --servers-in-process)')),
        stop: async () => undefined,
      },
      deliveries: async (ids) => {
        if (kind === 'bare') throw new Error('the bare server keeps no deliveries');
        return (server as RunningShop).deliveries(ids);
      },
      close: () => server.close(),
    };
  }
  const child = fork(fileURLToPath(new URL('./server-worker.ts', import.meta.url)), [kind, sim.url, sim.apiKey, sim.network], {
    execArgv: process.execArgv,
  });
  const { url } = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`app server (${kind}) exited with ${code}`)));
  });
  let nextId = 0;
  const call = <T>(cmd: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      const onMessage = (m: { id?: number; result?: unknown }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve(m.result as T);
      };
      child.on('message', onMessage);
      child.send({ id, cmd, ...extra });
    });
  return {
    url,
    resetTimings: () => call('reset'),
    async timings() {
      const t = await call<{
        approve: number[];
        complete: number[];
        app: { approve: number[]; complete: number[] };
        errors: Record<string, number>;
      }>('timings');
      return {
        approve: Samples.of(t.approve),
        complete: Samples.of(t.complete),
        app: { approve: Samples.of(t.app.approve), complete: Samples.of(t.app.complete) },
        errors: t.errors,
      };
    },
    cpu: () => call<CpuTime>('cpu'),
    profile: { start: () => call('profile-start'), stop: (file) => call('profile-stop', { file }) },
    deliveries: (ids) => call('deliveries', { ids }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close');
      await exited;
    },
  };
}
