/**
 * CPU time a process has used so far, and the part of it on its main thread (the event loop that
 * runs the handlers), so that a phase's CPU per flow is the difference of two readings. The rest is
 * the process's other threads: the PGlite worker thread of the shop, V8's garbage collection helpers,
 * libuv's pool.
 */
import { readFileSync } from 'node:fs';

export interface CpuTime {
  /** All threads of the process, ms. */
  processMs: number;
  /** The main thread alone, ms (Linux: `/proc/thread-self/stat`, 10 ms ticks); `null` elsewhere. */
  mainThreadMs: number | null;
  /**
   * The part of `processMs` used while the app's own code ran (the shop's order writes, all
   * threads), ms; 0 for the bare server. Exact one flow at a time; with flows at once, other work
   * done meanwhile counts too.
   */
  appMs: number;
}

/** Clock ticks per second of `/proc` times (`getconf CLK_TCK`: 100 on Linux). */
export const TICKS_PER_SECOND = 100;

/** This process's CPU time (`appMs`: the part in the app's own code so far); call it from the main thread. */
export function readCpuTime(appMs = 0): CpuTime {
  const usage = process.cpuUsage();
  return { processMs: (usage.user + usage.system) / 1000, mainThreadMs: mainThreadMs(), appMs };
}

/** `after - before`, field by field. */
export function cpuSince(before: CpuTime, after: CpuTime): CpuTime {
  return {
    processMs: after.processMs - before.processMs,
    mainThreadMs: before.mainThreadMs === null || after.mainThreadMs === null ? null : after.mainThreadMs - before.mainThreadMs,
    appMs: after.appMs - before.appMs,
  };
}

function mainThreadMs(): number | null {
  try {
    // `pid (comm) state ppid …`: utime and stime are the 12th and 13th fields after the comm's `)`.
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
