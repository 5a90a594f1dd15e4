/**
 * One phase of the load bench: the same flows through the shop (pi-kit) and through the bare
 * server, one after the other, and what the comparison gives: pi-kit's own overhead ratio at p50
 * (the shop's order writes taken off its handler time), the ratio with them counted, each server's
 * CPU per flow during its own run, and the database's CPU per flow beside it: on PostgreSQL its
 * server's processes, on PGlite in a worker thread that thread, taken off the shop's process's CPU
 * so that both are judged alike (the whole process's figure printed too).
 */
import { readFileSync } from 'node:fs';
import type { AppServer, ServerTimings, SimInfo } from './app-server';
import { cpuSince, type CpuTime } from './cpu-time';
import { describeTotals, type FlowTotals, runFlows } from './flows';
import { machineCpuSince, readMachineCpu } from './machine-cpu';
import { breakDown, describeBreakdown } from './profile-breakdown';
import type { DbKind } from './shop';
import { ms, type Samples, without } from '../stats';

/** What the phases of one bench run share. */
export interface LoadBench {
  sim: SimInfo;
  /** Funded users of the simulator, one per flow. */
  users: string[];
  data: { amount: number; memo: string; metadata: Record<string, unknown> };
  /** Where CPU profiles go (`--profile`), or none. */
  profileDir: string | undefined;
  /** Notes a missed target or a failure (printed at the end; the bench then exits 1). */
  fail(message: string): void;
  /** Route errors the shop logged, by code. */
  shopErrors: Map<string, number>;
}

/** The CPU one server's process used during its own run. */
export interface RunCpu {
  /** All its threads, ms per flow. */
  processMs: number;
  /** Its main thread, ms per flow (`null` where it cannot be read). */
  mainThreadMs: number | null;
  /**
   * The part of `processMs` in the shop's own order writes, ms per flow (0 for the bare server):
   * exact one flow at a time (see `CpuTime.appMs`).
   */
  appMs: number;
  /**
   * The shop's database thread (PGlite in a worker thread), ms per flow: part of `processMs`; `null`
   * without one (the bare server, PostgreSQL, PGlite on the main thread) or where it cannot be read.
   */
  databaseThreadMs: number | null;
  /** The part of `databaseThreadMs` in the shop's order writes (in `appMs` too), ms per flow; `null` with it. */
  appDatabaseThreadMs: number | null;
  /** The local PostgreSQL server's processes, ms per flow (`null` when not read). */
  postgresMs: number | null;
  /** The share of the machine's CPU time that was busy (every process), 0–1. */
  machineBusy: number | null;
}

export interface PhaseResult {
  ours: FlowTotals;
  /** pi-kit's own handler p50 (approve + complete, the shop's order writes taken off) / the bare one's. */
  ratio: number;
  /** The same with the shop's order writes counted. */
  withApp: number;
  /** Each server's CPU during its own run; `null` with the servers in the bench's process. */
  cpu: { pikit: RunCpu; bare: RunCpu } | null;
}

const handlerP50 = (t: { approve: Samples; complete: Samples }) => t.approve.percentile(50) + t.complete.percentile(50);

/**
 * pi-kit's own time: each request's time in the handler minus what it spent in the app's own code
 * (the shop's order writes in its callbacks), which a bare handler does not do and any app has
 * with or without pi-kit. The bare server has no app code: its own time is its handler time.
 */
export const ownP50 = (t: ServerTimings) =>
  handlerP50({ approve: without(t.approve, t.app.approve), complete: without(t.complete, t.app.complete) });

/** Runs `count` flows (at most one per user of the bench), `concurrency` at once, through the shop and then the bare server (`bareFirst`: the other way round). */
export async function runPhase(
  bench: LoadBench,
  kind: DbKind,
  servers: { shop: AppServer; bare: AppServer },
  phase: { label: string; concurrency: number; count: number; bareFirst?: boolean },
): Promise<PhaseResult> {
  const { shop, bare } = servers;
  const { label, concurrency } = phase;
  // `--flows` below a phase's count: the bench has fewer users, one flow each. Per-flow figures divide by the flows run.
  const users = bench.users.slice(0, phase.count);
  const count = users.length;
  await shop.resetTimings();
  await bare.resetTimings();
  const run = async (who: 'pi-kit (shop)' | 'bare') => {
    const server = who === 'bare' ? bare : shop;
    const profile =
      bench.profileDir && `${bench.profileDir}/${kind}-${label.replace(/\W+/g, '-')}-${who === 'bare' ? 'bare' : 'pi-kit'}.cpuprofile`;
    const before = { process: await server.cpu(), machine: readMachineCpu() };
    if (profile) await server.profile.start();
    const totals = await runFlows({
      simUrl: bench.sim.url,
      appUrls: [server.url],
      users,
      concurrency,
      data: bench.data,
    });
    if (profile) await server.profile.stop(profile);
    const after = { process: await server.cpu(), machine: readMachineCpu() };
    console.log(describeTotals(`${who}, ${label}`, totals));
    if (totals.failed) bench.fail(`${kind}, ${who}, ${label}: ${totals.failed} flows failed`);
    if (profile) {
      const lines = describeBreakdown(breakDown(JSON.parse(readFileSync(profile, 'utf8')), 6), count);
      console.log(`${lines.join('\n')}\n      (${profile})`);
    }
    return { totals, cpu: runCpu(before, after, count, kind === 'postgres') };
  };
  const first = await run(phase.bareFirst ? 'bare' : 'pi-kit (shop)');
  const second = await run(phase.bareFirst ? 'pi-kit (shop)' : 'bare');
  const [ours, theirs] = phase.bareFirst ? [second, first] : [first, second];
  const mine = await shop.timings();
  const base = await bare.timings();
  for (const [code, n] of Object.entries(mine.errors)) bench.shopErrors.set(code, (bench.shopErrors.get(code) ?? 0) + n);
  const ratio = ownP50(mine) / handlerP50(base);
  const withApp = handlerP50(mine) / handlerP50(base);
  const cpu = ours.cpu && theirs.cpu ? { pikit: ours.cpu, bare: theirs.cpu } : null;
  console.log(
    `    handler p50 approve+complete: pi-kit ${ms(ownP50(mine))} own + the shop's order writes = ${ms(handlerP50(mine))}, bare ${ms(handlerP50(base))}` +
      ` → ratio ${ratio.toFixed(2)} (with the shop's writes ${withApp.toFixed(2)}; approve ${ms(mine.approve.percentile(50))} / ${ms(base.approve.percentile(50))},` +
      ` complete ${ms(mine.complete.percentile(50))} / ${ms(base.complete.percentile(50))}, writes ${ms(mine.app.approve.percentile(50))} + ${ms(mine.app.complete.percentile(50))})` +
      (cpu ? `\n    ${describeCpu(cpu, concurrency === 1)}` : ''),
  );
  return { ours: ours.totals, ratio, withApp, cpu };
}

function runCpu(
  before: { process: CpuTime | null; machine: ReturnType<typeof readMachineCpu> },
  after: { process: CpuTime | null; machine: ReturnType<typeof readMachineCpu> },
  flows: number,
  postgres: boolean,
): RunCpu | null {
  if (!before.process || !after.process) return null;
  const used = cpuSince(before.process, after.process);
  const machine = before.machine && after.machine ? machineCpuSince(before.machine, after.machine) : null;
  const perFlow = (ms: number | null) => (ms === null ? null : ms / flows);
  return {
    processMs: used.processMs / flows,
    mainThreadMs: perFlow(used.mainThreadMs),
    appMs: used.appMs / flows,
    databaseThreadMs: perFlow(used.databaseThreadMs),
    appDatabaseThreadMs: perFlow(used.appDatabaseThreadMs),
    postgresMs: postgres && machine ? machine.postgresMs / flows : null,
    machineBusy: machine?.busyShare ?? null,
  };
}

/**
 * The server's own CPU per flow: its process's without the shop's order writes (exact one flow at a
 * time) and without its database thread when it has one (PGlite in a worker thread: as PostgreSQL's
 * server, another process, is not in its figure); the writes' part in that thread is taken off once.
 */
export const ownCpuMs = (c: RunCpu) =>
  c.databaseThreadMs === null ? c.processMs - c.appMs : c.processMs - c.databaseThreadMs - (c.appMs - (c.appDatabaseThreadMs ?? 0));

/** pi-kit's own CPU per flow (`ownCpuMs`: without the shop's order writes and its database thread) over the bare server's. */
export const ownCpuRatio = (cpu: { pikit: RunCpu; bare: RunCpu }) => ownCpuMs(cpu.pikit) / cpu.bare.processMs;

/** The same with the whole process counted, its database thread included: only the shop's order writes taken off. */
export const ownProcessCpuRatio = (cpu: { pikit: RunCpu; bare: RunCpu }) => (cpu.pikit.processMs - cpu.pikit.appMs) / cpu.bare.processMs;

/**
 * `server CPU per flow: pi-kit 3.10 ms (main thread 2.40; the shop's order writes 0.50), bare 2.30 ms (main thread 2.20)
 * → 1.13× own, 1.35× with the writes; PostgreSQL 0.90 ms per flow; machine busy 97 % / 95 %`. The writes' share
 * only `oneAtATime`: with flows at once it cannot be told apart from the work that overlaps them. With PGlite's
 * thread measured, the ratios without it and with it, and its CPU beside as PostgreSQL's: `pi-kit 4.10 ms (main
 * thread 2.40; the shop's order writes 0.50, 0.20 of it in the PGlite thread), … → 1.00× own without the PGlite
 * thread, 1.57× with it, 1.78× with it and the writes; PGlite thread 1.50 ms per flow; …`.
 */
export function describeCpu(cpu: { pikit: RunCpu; bare: RunCpu }, oneAtATime: boolean): string {
  const { pikit, bare } = cpu;
  const main = (c: RunCpu) => (c.mainThreadMs === null ? [] : [`main thread ${c.mainThreadMs.toFixed(2)}`]);
  const busy = (c: RunCpu) => (c.machineBusy === null ? '?' : `${(100 * c.machineBusy).toFixed(0)} %`);
  const detail = (parts: string[]) => (parts.length ? ` (${parts.join('; ')})` : '');
  const times = (ratio: number) => `${ratio.toFixed(2)}×`;
  const whole = times(pikit.processMs / bare.processMs);
  const thread = pikit.databaseThreadMs;
  const inThread = thread === null ? '' : `, ${(pikit.appDatabaseThreadMs ?? 0).toFixed(2)} of it in the PGlite thread`;
  const writes = oneAtATime ? [`the shop's order writes ${pikit.appMs.toFixed(2)}${inThread}`] : [];
  const ratios = (() => {
    if (thread === null) return oneAtATime ? `${times(ownCpuRatio(cpu))} own, ${whole} with the writes` : whole;
    if (!oneAtATime) return `${times((pikit.processMs - thread) / bare.processMs)} without the PGlite thread, ${whole} with it`;
    return `${times(ownCpuRatio(cpu))} own without the PGlite thread, ${times(ownProcessCpuRatio(cpu))} with it, ${whole} with it and the writes`;
  })();
  return (
    `server CPU per flow: pi-kit ${pikit.processMs.toFixed(2)} ms${detail([...main(pikit), ...writes])},` +
    ` bare ${bare.processMs.toFixed(2)} ms${detail(main(bare))} → ${ratios}` +
    (pikit.postgresMs === null ? '' : `; PostgreSQL ${pikit.postgresMs.toFixed(2)} ms per flow`) +
    (thread === null ? '' : `; PGlite thread ${thread.toFixed(2)} ms per flow`) +
    `; machine busy ${busy(pikit)} / ${busy(bare)}`
  );
}
