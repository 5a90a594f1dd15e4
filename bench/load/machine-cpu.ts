/**
 * What the machine's CPUs did during a run, from Linux's `/proc` (elsewhere: `null`): how busy all
 * of its cores were (every process: the simulator, the load driver, the app servers, PostgreSQL,
 * and whatever else runs), and the CPU time of the local PostgreSQL server's processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc` times (`getconf CLK_TCK`: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface MachineCpu {
  /** Busy and total ticks of all cores since boot (`/proc/stat`). */
  busy: number;
  total: number;
  /** CPU time of each process named `postgres…` (the local server's backends and workers), ms, by pid. */
  postgresMs: Map<string, number>;
}

export function readMachineCpu(): MachineCpu | null {
  try {
    // `cpu  user nice system idle iowait irq softirq steal …`: idle and iowait are the idle ticks.
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    return { busy: total - ticks[3]! - ticks[4]!, total, postgresMs: postgresMs() };
  } catch {
    return null;
  }
}

/**
 * Between two readings: the share of the machine's CPU time that was busy (0–1), and PostgreSQL's
 * CPU ms (of the processes alive at the second reading: a backend that exited in between, such as
 * a pool's idle connection, is not counted).
 */
export function machineCpuSince(before: MachineCpu, after: MachineCpu): { busyShare: number; postgresMs: number } {
  const total = after.total - before.total;
  let postgres = 0;
  for (const [pid, ms] of after.postgresMs) postgres += ms - (before.postgresMs.get(pid) ?? 0);
  return { busyShare: total > 0 ? (after.busy - before.busy) / total : 0, postgresMs: postgres };
}

function postgresMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('postgres')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return byPid;
}
