/** Wall time of `pnpm test` (the whole default suite), run as a child process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function measureTestSuite(): { seconds: number; ok: boolean; summary: string } {
  const t0 = performance.now();
  const run = spawnSync('pnpm', ['test'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = `${run.stdout}\n${run.stderr}`;
  const summary = out
    .split('\n')
    .filter((l) => /^\s*(Test Files|Tests)\s/.test(l))
    .map((l) => l.trim())
    .join('; ');
  return { seconds, ok: run.status === 0, summary };
}
