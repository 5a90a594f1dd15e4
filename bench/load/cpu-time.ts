/**
 * CPU time a process has used so far, the part of it on its main thread (the event loop that runs
 * the handlers), and the part on the shop's database thread (PGlite in a worker thread), so that a
 * phase's CPU per flow is the difference of two readings. The rest is the process's other threads:
 * V8's garbage collection helpers, libuv's pool. A thread's time is Linux's `schedstat` (the
 * scheduler's nanoseconds on CPU, as `process.cpuUsage()` sums them for the process), `null` elsewhere.
 */
import { readFileSync } from 'node:fs';

export interface CpuTime {
  /** All threads of the process, ms. */
  processMs: number;
  /** The main thread alone, ms (Linux: `/proc/thread-self/schedstat`); `null` elsewhere. */
  mainThreadMs: number | null;
  /**
   * The part of `processMs` used while the app's own code ran (the shop's order writes, all
   * threads), ms; 0 for the bare server. Exact one flow at a time; with flows at once, other work
   * done meanwhile counts too.
   */
  appMs: number;
  /**
   * The shop's database thread (PGlite in a worker thread of the process), ms: the part of
   * `processMs` a database server in its own process would use instead; `null` when there is none
   * (the bare server, PostgreSQL, PGlite on the main thread) or it cannot be read.
   */
  databaseThreadMs: number | null;
  /** The part of `databaseThreadMs` while the app's own code ran (in `appMs` too), ms; `null` with it. */
  appDatabaseThreadMs: number | null;
}

/** What the app tells of its CPU: everything but the process's and the main thread's. */
export type AppCpu = Pick<CpuTime, 'appMs' | 'databaseThreadMs' | 'appDatabaseThreadMs'>;

/** This process's CPU time (`app`: the app's share so far, none for the bare server); call it from the main thread. */
export function readCpuTime(app: AppCpu = { appMs: 0, databaseThreadMs: null, appDatabaseThreadMs: null }): CpuTime {
  const usage = process.cpuUsage();
  return { processMs: (usage.user + usage.system) / 1000, mainThreadMs: threadCpuMs('/proc/thread-self/schedstat'), ...app };
}

/** `after - before`, field by field (`null` when either is). */
export function cpuSince(before: CpuTime, after: CpuTime): CpuTime {
  return {
    processMs: after.processMs - before.processMs,
    mainThreadMs: minus(after.mainThreadMs, before.mainThreadMs),
    appMs: after.appMs - before.appMs,
    databaseThreadMs: minus(after.databaseThreadMs, before.databaseThreadMs),
    appDatabaseThreadMs: minus(after.appDatabaseThreadMs, before.appDatabaseThreadMs),
  };
}

/**
 * A thread's CPU time so far, ms, from its `schedstat` file (`/proc/thread-self/schedstat` for the
 * calling thread, `/proc/self/task/<tid>/schedstat` for another; first field: ns on CPU); `null`
 * where it cannot be read (not Linux, or the thread has ended).
 */
export function threadCpuMs(schedstat: string): number | null {
  try {
    const ns = Number(readFileSync(schedstat, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
}

const minus = (after: number | null, before: number | null) => (after === null || before === null ? null : after - before);
