/**
 * `pnpm size`'s and `pnpm size:app`'s figures, measured the same way (their own functions), for
 * `pnpm bench` to print beside the load figures: each package's bundle (minified, gzip) against
 * its ceiling, and what pi-kit adds to a Vite production build of an app that signs in and pays
 * against its goal and its ceiling (only when the packages are built: it needs their `dist/`).
 */
import { APP_BYTES_CEILING_GZIP, APP_BYTES_GOAL_GZIP, measureAppBytes, packagesBuilt } from './size/app-bytes';
import { type BundleSize, measurePiKit, overBudget } from './size/measure';

export interface BytesFigures {
  bundles: BundleSize[];
  /** Bundles over their ceiling, as `pnpm size` words them (empty: all within). */
  over: string[];
  /** What pi-kit adds to the app, bytes; `null` when the packages are not built. */
  app: { minified: number; gzip: number; brotli: number } | null;
}

/** `app: false` leaves the app bytes out (`null`), as when the packages are not built. */
export async function measureBytes(options: { app?: boolean } = {}): Promise<BytesFigures> {
  const bundles = await measurePiKit();
  const app = options.app !== false && packagesBuilt() ? (await measureAppBytes()).added : null;
  return { bundles, over: overBudget(bundles), app };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** The figures' lines, as `pnpm size` and `pnpm size:app` print them. */
export function describeBytes(f: BytesFigures): string[] {
  const lines = f.bundles.map(
    (s) =>
      `  ${s.name.padEnd(30)} ${kb(s.minified).padStart(10)} min  ${kb(s.gzipped).padStart(9)} gz` +
      (s.budget === null ? '' : `  ceiling ${kb(s.budget)} ${s.gzipped <= s.budget ? 'ok' : 'OVER'}`),
  );
  lines.push(
    f.app
      ? `  pi-kit adds to an app that signs in and pays (Vite production build): ${kb(f.app.minified)} min, ${kb(f.app.gzip)} gz, ${kb(f.app.brotli)} br` +
          ` (goal ${kb(APP_BYTES_GOAL_GZIP)} gz; ceiling ${kb(APP_BYTES_CEILING_GZIP)})`
      : '  app bytes: not measured, the packages are not built (pnpm build failed, or was not run)',
  );
  return lines;
}

export { APP_BYTES_CEILING_GZIP, APP_BYTES_GOAL_GZIP };
