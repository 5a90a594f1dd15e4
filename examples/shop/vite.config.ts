/**
 * Vite config of the example shop. In the workspace, `@pi-kit/*` packages are
 * read from their sources (the `@pi-kit/source` export condition), so editing a
 * package shows up in the demo at once.
 */
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { conditions: ['@pi-kit/source', ...defaultClientConditions] },
  // Core's sources decide development messages by this switch where its dev and prod builds fix it
  // (docs/ERRORS.md): development messages on the dev server, production ones in a build.
  define: { __PI_KIT_DEV__: JSON.stringify(command === 'serve') },
}));
