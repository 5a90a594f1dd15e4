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
  /** The shop on PostgreSQL: the schema of its tables (`startAppServer`'s `schema` for a second process sharing them). */
  schema?: string;
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
  /** How many times the shop delivered each payment (`onComplete`), in this process. */
  deliveryCalls(): Promise<Record<string, number>>;
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

/**
 * Starts the bare server or the shop (`kind`: its database), in this process or its own. `schema`
 * (PostgreSQL): share the tables of the shop that has it, as a second app server process does.
 */
export async function startAppServer(kind: 'bare' | DbKind, sim: SimInfo, inProcess: boolean, schema?: string): Promise<AppServer> {
  if (inProcess) {
    const server =
      kind === 'bare'
        ? await startBareServer({ piApiBaseUrl: sim.url, apiKey: sim.apiKey })
        : await startShop({ kind, simUrl: sim.url, apiKey: sim.apiKey, network: sim.network, schema });
    const shop = () => {
      if (kind === 'bare') throw new Error('the bare server keeps no deliveries');
      return server as RunningShop;
    };
    return {
      url: server.url,
      ...(kind === 'bare' ? {} : { schema: (server as RunningShop).schema }),
      resetTimings: async () => server.resetTimings(),
      timings: async () => ({ ...server.handlerTimes, app: server.appTimes, errors: {} }),
      cpu: async () => null,
      profile: {
        start: () => Promise.reject(new Error('profiles are taken of app servers in their own process (without --servers-in-process)')),
        stop: async () => undefined,
      },
      deliveries: (ids) => shop().deliveries(ids),
      deliveryCalls: async () => shop().deliveryCalls(),
      close: () => server.close(),
    };
  }
  const args = [kind, sim.url, sim.apiKey, sim.network, ...(schema ? [schema] : [])];
  const child = fork(fileURLToPath(new URL('./server-worker.ts', import.meta.url)), args, { execArgv: process.execArgv });
  const started = await new Promise<{ url: string; schema?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; schema?: string }));
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
    url: started.url,
    ...(started.schema ? { schema: started.schema } : {}),
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
    deliveryCalls: () => call('delivery-calls'),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close');
      await exited;
    },
  };
}
