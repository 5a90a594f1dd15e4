/**
 * One phase of the load bench: the same flows through the shop (pi-kit) and through the bare
 * server, one after the other, and what the comparison gives: pi-kit's own overhead ratio at p50
 * (the shop's order writes taken off its handler time), the ratio with them counted, each server's
 * CPU per flow during its own run, and on PostgreSQL the database server's CPU per flow.
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

/** Runs `count` flows, `concurrency` at once, through the shop and then the bare server (`bareFirst`: the other way round). */
export async function runPhase(
  bench: LoadBench,
  kind: DbKind,
  servers: { shop: AppServer; bare: AppServer },
  phase: { label: string; concurrency: number; count: number; bareFirst?: boolean },
): Promise<PhaseResult> {
  const { shop, bare } = servers;
  const { label, concurrency, count } = phase;
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
      users: bench.users.slice(0, count),
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
  return {
    processMs: used.processMs / flows,
    mainThreadMs: used.mainThreadMs === null ? null : used.mainThreadMs / flows,
    appMs: used.appMs / flows,
    postgresMs: postgres && machine ? machine.postgresMs / flows : null,
    machineBusy: machine?.busyShare ?? null,
  };
}

/** pi-kit's own CPU per flow over the bare server's: the shop's order writes taken off (exact one flow at a time). */
export const ownCpuRatio = (cpu: { pikit: RunCpu; bare: RunCpu }) => (cpu.pikit.processMs - cpu.pikit.appMs) / cpu.bare.processMs;

/**
 * `server CPU per flow: pi-kit 3.10 ms (main thread 2.40; the shop's order writes 0.50), bare 2.30 ms (main thread 2.20)
 * → 1.13× own, 1.35× with the writes; PostgreSQL 0.90 ms per flow; machine busy 97 % / 95 %`. The writes' share
 * only `oneAtATime`: with flows at once it cannot be told apart from the work that overlaps them.
 */
export function describeCpu(cpu: { pikit: RunCpu; bare: RunCpu }, oneAtATime: boolean): string {
  const main = (c: RunCpu) => (c.mainThreadMs === null ? [] : [`main thread ${c.mainThreadMs.toFixed(2)}`]);
  const busy = (c: RunCpu) => (c.machineBusy === null ? '?' : `${(100 * c.machineBusy).toFixed(0)} %`);
  const detail = (parts: string[]) => (parts.length ? ` (${parts.join('; ')})` : '');
  const writes = oneAtATime ? [`the shop's order writes ${cpu.pikit.appMs.toFixed(2)}`] : [];
  const whole = `${(cpu.pikit.processMs / cpu.bare.processMs).toFixed(2)}×`;
  return (
    `server CPU per flow: pi-kit ${cpu.pikit.processMs.toFixed(2)} ms${detail([...main(cpu.pikit), ...writes])},` +
    ` bare ${cpu.bare.processMs.toFixed(2)} ms${detail(main(cpu.bare))}` +
    ` → ${oneAtATime ? `${ownCpuRatio(cpu).toFixed(2)}× own, ${whole} with the writes` : whole}` +
    (cpu.pikit.postgresMs === null ? '' : `; PostgreSQL ${cpu.pikit.postgresMs.toFixed(2)} ms per flow`) +
    `; machine busy ${busy(cpu.pikit)} / ${busy(cpu.bare)}`
  );
}
