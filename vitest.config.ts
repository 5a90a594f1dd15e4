import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // A test that hangs is a failure, never a stuck CI run.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Speed (docs/BENCHMARKS.md, "Test suite"). Vitest's default is one worker less than the
    // cores: a single worker on a 2-core machine, every file one after another.
    maxWorkers: 2,
    // A worker runs file after file of its project (and environment) with the modules it has
    // already imported, instead of a new process importing the packages and their
    // dependencies again for each file. The projects take this with `extends: true`
    // (packages/react/vitest.react18.config.ts sets it too). Tests must leave no global state
    // behind: they restore timers, stubbed env, window.Pi and msw servers in their hooks.
    isolate: false,
    // Worker threads start cheaper than forked processes (measured: 5–10 % less CPU over the
    // suite); no test needs a process of its own (no process.chdir, no native addon).
    pool: 'threads',
  },
});
