/**
 * The bench's CPU figures (`bench/load/cpu-time.ts`, `bench/load/phase.ts`): readings subtract
 * field by field, pi-kit's own CPU takes the shop's order writes off, and the writes' share is
 * printed one flow at a time only (with flows at once it cannot be told apart from overlapping work).
 */
import { describe, expect, it } from 'vitest';
import { cpuSince, readCpuTime } from '../../bench/load/cpu-time';
import { describeCpu, ownCpuRatio, type RunCpu } from '../../bench/load/phase';

const run = (cpu: Partial<RunCpu>): RunCpu => ({
  processMs: 0,
  mainThreadMs: null,
  appMs: 0,
  postgresMs: null,
  machineBusy: null,
  ...cpu,
});

describe('cpu readings', () => {
  it('subtracts every field, the app share included', () => {
    expect(cpuSince({ processMs: 100, mainThreadMs: 80, appMs: 10 }, { processMs: 350, mainThreadMs: 230, appMs: 35 })).toEqual({
      processMs: 250,
      mainThreadMs: 150,
      appMs: 25,
    });
    expect(cpuSince({ processMs: 1, mainThreadMs: null, appMs: 0 }, { processMs: 3, mainThreadMs: 5, appMs: 0 }).mainThreadMs).toBeNull();
  });

  it("reads this process's CPU time, with the app share it is given", () => {
    const before = readCpuTime(2);
    let x = 0;
    for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
    const after = readCpuTime(5);
    expect(x).toBeGreaterThan(0);
    expect(after.processMs).toBeGreaterThan(before.processMs);
    expect(cpuSince(before, after).appMs).toBe(3);
  });
});

describe('server CPU per flow', () => {
  const cpu = { pikit: run({ processMs: 6, mainThreadMs: 5.5, appMs: 0.5 }), bare: run({ processMs: 4, mainThreadMs: 3.6 }) };

  it("counts pi-kit's own CPU: the shop's order writes taken off", () => {
    expect(ownCpuRatio(cpu)).toBeCloseTo(1.375);
  });

  it('prints the own and the whole ratio one flow at a time', () => {
    expect(describeCpu(cpu, true)).toBe(
      "server CPU per flow: pi-kit 6.00 ms (main thread 5.50; the shop's order writes 0.50), bare 4.00 ms (main thread 3.60)" +
        ' → 1.38× own, 1.50× with the writes; machine busy ? / ?',
    );
  });

  it("prints only the whole ratio with flows at once, and the database server's CPU when read", () => {
    const withPostgres = { pikit: { ...cpu.pikit, postgresMs: 1.2, machineBusy: 0.97 }, bare: { ...cpu.bare, machineBusy: 0.9 } };
    expect(describeCpu(withPostgres, false)).toBe(
      'server CPU per flow: pi-kit 6.00 ms (main thread 5.50), bare 4.00 ms (main thread 3.60) → 1.50×; PostgreSQL 1.20 ms per flow; machine busy 97 % / 90 %',
    );
  });
});
