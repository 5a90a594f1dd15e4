/**
 * Vite config of the example shop. In the workspace, `@pi-kit/*` packages are
 * read from their sources (the `@pi-kit/source` export condition), so editing a
 * package shows up in the demo at once.
 */
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { conditions: ['@pi-kit/source', ...defaultClientConditions] },
});
