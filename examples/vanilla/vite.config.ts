/**
 * Vite config of the vanilla example: a plain TypeScript page, no framework plugin.
 * In the workspace, `@pi-kit/*` are read from their sources (the `@pi-kit/source` condition).
 */
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  resolve: { conditions: ['@pi-kit/source', ...defaultClientConditions] },
  // Core's sources decide development messages by this switch where its dev and prod builds fix it
  // (docs/ERRORS.md): development messages on the dev server, production ones in a build.
  define: { __PI_KIT_DEV__: JSON.stringify(command === 'serve') },
}));
