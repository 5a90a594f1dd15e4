/**
 * For apps that outgrow one process: all flows at once through one app server process, then
 * through two behind a round-robin balancer (each flow's complete answered by the other process
 * than its approve), both over one PostgreSQL database, in the order 1, 2, 2, 1 (the machine's
 * speed drifts). Flows/s; p50 and p99 of approve + complete as the browser sees them (the driver
 * keeps up to 64 connections to each process, as a balancer keeps a pool per backend) and inside
 * the app servers' handlers; how busy the machine was; the deliveries across both processes (none
 * lost, none twice).
 */
import type { AppServer } from './app-server';
import { describeTotals, type FlowTotals, runFlows } from './flows';
import { machineCpuSince, readMachineCpu } from './machine-cpu';
import type { LoadBench } from './phase';
import { Samples } from '../stats';

export interface ScaleOutFigures {
  processes: number;
  /** Flows per second, mean of the rounds. */
  flowsPerSecond: number;
  /** Approve + complete of one flow as the browser sees it, over the rounds' flows: p50, p99 (ms). */
  p50: number;
  p99: number;
  /** Approve p50 + complete p50 (and the same at p99) inside the app servers' handlers, ms. */
  handlerP50: number;
  handlerP99: number;
  /** The machine's busy share during the rounds (0–1), and PostgreSQL's CPU per flow (ms). */
  machineBusy: number | null;
  postgresMs: number | null;
}

export interface ScaleOut {
  one: ScaleOutFigures;
  two: ScaleOutFigures;
  lost: number;
  duplicated: number;
}

/** Runs the rounds with `first` (warmed up already) and a second process `startSecond` starts on its database. */
export async function measureScaleOut(
  bench: LoadBench,
  first: AppServer,
  startSecond: () => Promise<AppServer>,
  flows: number,
): Promise<ScaleOut> {
  const second = await startSecond();
  try {
    const users = bench.users.slice(0, flows);
    const warmUp = await runFlows({
      simUrl: bench.sim.url,
      appUrls: [second.url, first.url],
      users: users.slice(0, 200),
      concurrency: 16,
      data: bench.data,
    });
    if (warmUp.failed) bench.fail(`scale-out warm-up: ${warmUp.failed} flows failed: ${warmUp.errors.join(' | ')}`);
    const rounds = new Map<number, Round[]>([
      [1, []],
      [2, []],
    ]);
    const paidIds = [...warmUp.paidIds];
    for (const processes of [1, 2, 2, 1]) {
      const servers = processes === 1 ? [first] : [first, second];
      await Promise.all(servers.map((s) => s.resetTimings()));
      const before = readMachineCpu();
      const appUrls = servers.map((s) => s.url);
      const totals = await runFlows({ simUrl: bench.sim.url, appUrls, users, concurrency: flows, data: bench.data });
      const after = readMachineCpu();
      const timings = await Promise.all(servers.map((s) => s.timings()));
      const handler = {
        approve: Samples.of(timings.flatMap((t) => t.approve.values())),
        complete: Samples.of(timings.flatMap((t) => t.complete.values())),
      };
      const machine = before && after ? machineCpuSince(before, after) : null;
      console.log(describeTotals(`${processes} app server process${processes > 1 ? 'es' : ''}, ${flows} at once`, totals));
      if (totals.failed) bench.fail(`scale-out, ${processes} processes: ${totals.failed} flows failed`);
      rounds
        .get(processes)!
        .push({ totals, handler, busy: machine?.busyShare ?? null, postgresMs: machine ? machine.postgresMs / totals.flows : null });
      paidIds.push(...totals.paidIds);
    }
    const check = await first.deliveries(paidIds);
    const calls = new Map<string, number>();
    for (const server of [first, second])
      for (const [id, n] of Object.entries(await server.deliveryCalls())) calls.set(id, (calls.get(id) ?? 0) + n);
    const duplicated = paidIds.filter((id) => (calls.get(id) ?? 0) > 1).length;
    return { one: figures(1, rounds.get(1)!), two: figures(2, rounds.get(2)!), lost: check.lost, duplicated };
  } finally {
    await second.close();
  }
}

interface Round {
  totals: FlowTotals;
  /** Handler times of the round's requests, all its processes together. */
  handler: { approve: Samples; complete: Samples };
  busy: number | null;
  postgresMs: number | null;
}

function figures(processes: number, rounds: Round[]): ScaleOutFigures {
  const mean = (values: Array<number | null>) =>
    values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + v!, 0) / values.length;
  const server = Samples.of(rounds.flatMap((r) => r.totals.server.values()));
  const approve = Samples.of(rounds.flatMap((r) => r.handler.approve.values()));
  const complete = Samples.of(rounds.flatMap((r) => r.handler.complete.values()));
  return {
    processes,
    flowsPerSecond: mean(rounds.map((r) => r.totals.flows / r.totals.seconds))!,
    p50: server.percentile(50),
    p99: server.percentile(99),
    handlerP50: approve.percentile(50) + complete.percentile(50),
    handlerP99: approve.percentile(99) + complete.percentile(99),
    machineBusy: mean(rounds.map((r) => r.busy)),
    postgresMs: mean(rounds.map((r) => r.postgresMs)),
  };
}

/** The report's lines: each configuration's figures, and the limit this machine sets. */
export function describeScaleOut(s: ScaleOut, cores: number): string[] {
  const line = (f: ScaleOutFigures) =>
    `  ${f.processes} process${f.processes > 1 ? 'es' : ''}: ${f.flowsPerSecond.toFixed(0)} flows/s; approve+complete p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms as the browser sees them,` +
    ` ${f.handlerP50.toFixed(0)} ms and ${f.handlerP99.toFixed(0)} ms in the handlers` +
    (f.machineBusy === null ? '' : `; machine busy ${(100 * f.machineBusy).toFixed(0)} %`) +
    (f.postgresMs === null ? '' : `; PostgreSQL ${f.postgresMs.toFixed(2)} ms CPU per flow`);
  const busy = s.one.machineBusy === null ? '' : ` and were ${(100 * s.one.machineBusy).toFixed(0)} % busy with one app process`;
  return [
    line(s.one),
    line(s.two),
    `  2 processes / 1: ${(s.two.flowsPerSecond / s.one.flowsPerSecond).toFixed(2)}× the flows/s; deliveries across both: lost ${s.lost}, duplicated ${s.duplicated}`,
    `  the limit here: this machine's ${cores} cores also run the simulator, the load driver and PostgreSQL${busy}: a second app server process cannot double the throughput on it`,
  ];
}
