import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // A test that hangs is a failure, never a stuck CI run.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
