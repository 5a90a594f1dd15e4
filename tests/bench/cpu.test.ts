/**
 * The bench's CPU figures (`bench/load/cpu-time.ts`, `bench/load/phase.ts`): readings subtract
 * field by field, a thread's CPU time is read from its schedstat, pi-kit's own CPU takes the shop's
 * order writes off and the database's thread when it is measured (PGlite in a worker thread, as
 * PostgreSQL's server is another process), and the writes' share is printed one flow at a time only
 * (with flows at once it cannot be told apart from overlapping work).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CpuTime, cpuSince, readCpuTime, threadCpuMs } from '../../bench/load/cpu-time';
import { describeCpu, ownCpuMs, ownCpuRatio, ownProcessCpuRatio, type RunCpu } from '../../bench/load/phase';

const run = (cpu: Partial<RunCpu>): RunCpu => ({
  processMs: 0,
  mainThreadMs: null,
  appMs: 0,
  databaseThreadMs: null,
  appDatabaseThreadMs: null,
  postgresMs: null,
  machineBusy: null,
  ...cpu,
});

const reading = (cpu: Partial<CpuTime>): CpuTime => ({
  processMs: 0,
  mainThreadMs: null,
  appMs: 0,
  databaseThreadMs: null,
  appDatabaseThreadMs: null,
  ...cpu,
});

describe('cpu readings', () => {
  it('subtracts every field, the app and database thread shares included', () => {
    expect(
      cpuSince(
        reading({ processMs: 100, mainThreadMs: 80, appMs: 10, databaseThreadMs: 15, appDatabaseThreadMs: 4 }),
        reading({ processMs: 350, mainThreadMs: 230, appMs: 35, databaseThreadMs: 60, appDatabaseThreadMs: 12 }),
      ),
    ).toEqual({ processMs: 250, mainThreadMs: 150, appMs: 25, databaseThreadMs: 45, appDatabaseThreadMs: 8 });
    const since = cpuSince(reading({ processMs: 1 }), reading({ processMs: 3, mainThreadMs: 5, databaseThreadMs: 2 }));
    expect(since.mainThreadMs).toBeNull();
    expect(since.databaseThreadMs).toBeNull();
  });

  it("reads this process's CPU time, with the app's shares it is given", () => {
    const before = readCpuTime({ appMs: 2, databaseThreadMs: 10, appDatabaseThreadMs: 1 });
    let x = 0;
    for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
    const after = readCpuTime({ appMs: 5, databaseThreadMs: 13, appDatabaseThreadMs: 2 });
    expect(x).toBeGreaterThan(0);
    expect(after.processMs).toBeGreaterThan(before.processMs);
    const since = cpuSince(before, after);
    expect([since.appMs, since.databaseThreadMs, since.appDatabaseThreadMs]).toEqual([3, 3, 1]);
    expect(readCpuTime().databaseThreadMs).toBeNull();
  });

  it.runIf(existsSync('/proc/thread-self/schedstat'))("reads the main thread's CPU time from its schedstat, to the microsecond", () => {
    const before = readCpuTime();
    let x = 0;
    for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
    const after = readCpuTime();
    expect(x).toBeGreaterThan(0);
    const main = cpuSince(before, after).mainThreadMs!;
    expect(main).toBeGreaterThan(0);
    // Not whole 10 ms ticks, and within the process's time.
    expect(main % 10).not.toBe(0);
    expect(main).toBeLessThanOrEqual(after.processMs - before.processMs + 1);
  });

  it('reads no thread where there is no schedstat', () => {
    expect(threadCpuMs('/proc/self/task/0/schedstat')).toBeNull();
  });
});

describe('server CPU per flow', () => {
  const cpu = { pikit: run({ processMs: 6, mainThreadMs: 5.5, appMs: 0.5 }), bare: run({ processMs: 4, mainThreadMs: 3.6 }) };

  it("counts pi-kit's own CPU: the shop's order writes taken off", () => {
    expect(ownCpuRatio(cpu)).toBeCloseTo(1.375);
    expect(ownProcessCpuRatio(cpu)).toBeCloseTo(1.375);
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

  describe('with the database thread measured (PGlite in a worker thread)', () => {
    const pglite = {
      pikit: run({ processMs: 6, mainThreadMs: 3.5, appMs: 0.5, databaseThreadMs: 2, appDatabaseThreadMs: 0.3 }),
      bare: run({ processMs: 4, mainThreadMs: 3.6 }),
    };

    it('takes the thread off once: its part in the writes is not taken off twice', () => {
      // 6 − 2 (the thread) − (0.5 − 0.3) (the writes outside it)
      expect(ownCpuMs(pglite.pikit)).toBeCloseTo(3.8);
      expect(ownCpuRatio(pglite)).toBeCloseTo(0.95);
      expect(ownProcessCpuRatio(pglite)).toBeCloseTo(1.375);
    });

    it("prints the ratios without and with the thread, and the thread's CPU as PostgreSQL's", () => {
      expect(describeCpu(pglite, true)).toBe(
        "server CPU per flow: pi-kit 6.00 ms (main thread 3.50; the shop's order writes 0.50, 0.30 of it in the PGlite thread), bare 4.00 ms (main thread 3.60)" +
          ' → 0.95× own without the PGlite thread, 1.38× with it, 1.50× with it and the writes; PGlite thread 2.00 ms per flow; machine busy ? / ?',
      );
      expect(describeCpu(pglite, false)).toBe(
        'server CPU per flow: pi-kit 6.00 ms (main thread 3.50), bare 4.00 ms (main thread 3.60)' +
          ' → 1.00× without the PGlite thread, 1.50× with it; PGlite thread 2.00 ms per flow; machine busy ? / ?',
      );
    });
  });
});
