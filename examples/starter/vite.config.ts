/**
 * The browser app. `/api` goes to the app's server (`server/index.ts`, port 3001): the page
 * calls `/api/pi/approve|complete|cancel|incomplete` on its own origin, as in production.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.SERVER_PORT ?? 3001}` } },
});
