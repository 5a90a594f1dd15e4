/**
 * The console page of `pi-sim` (a Vite + React app). The package build writes it to
 * `dist/console/`, which `pi-sim` serves at `/console`; a source checkout builds it in memory
 * on the first request (`src/console/console-assets.ts`).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
