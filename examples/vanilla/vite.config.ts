/**
 * Vite config of the vanilla example: a plain TypeScript page, no framework plugin.
 * In the workspace, `@pi-kit/*` are read from their sources (the `@pi-kit/source` condition).
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['@pi-kit/source', ...defaultClientConditions] },
});
