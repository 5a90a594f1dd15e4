/**
 * Wall time of `pnpm test` (the whole default suite, config in vitest.config.ts: 2 worker
 * threads, `isolate: false`), run as a child process. The summary carries vitest's counts,
 * its duration breakdown and the 1-minute load average before and after: on a shared 2-core
 * machine other work changes the wall time by tens of seconds (docs/BENCHMARKS.md, "Test suite").
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

export function measureTestSuite(): { seconds: number; ok: boolean; summary: string } {
  const loadBefore = loadavg()[0]!;
  const t0 = performance.now();
  const run = spawnSync('pnpm', ['test'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  // vitest colours its summary even with FORCE_COLOR=0: strip the escape codes before matching.
  const out = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`);
  const lines = out
    .split('\n')
    .filter((l) => /^\s*(Test Files|Tests|Duration)\s/.test(l))
    .map((l) => l.trim());
  lines.push(`load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`);
  return { seconds, ok: run.status === 0, summary: lines.join('; ') };
}
