/**
 * How the simulated Pi SDK for the browser (`src/browser/entry.ts`) is bundled: one recipe
 * shared by the package build, which writes it to `dist/browser/pi-sdk.js`, and by a source
 * checkout, which bundles it in memory on first use (`sdk-bundle.ts`).
 */
import type { BuildOptions } from 'esbuild';

/** The global the bundle defines; the served script calls its `start(config)`. */
export const BROWSER_GLOBAL = '__piSimulator';

/** Where the package build writes the bundle, relative to the package root. */
export const PREBUILT_BROWSER_SDK = 'dist/browser/pi-sdk.js';

/** The first line of the bundle. */
export const BROWSER_SDK_BANNER = '/* @pi-kit/simulator: simulated Pi SDK (window.Pi) */';

/** esbuild options for the browser bundle of `entry` (an IIFE defining {@link BROWSER_GLOBAL}, ES2020). */
export function browserBuildOptions(entry: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: BROWSER_GLOBAL,
    platform: 'browser',
    target: 'es2020',
    // The bundle takes @pi-kit/core from its sources: no build order between the packages.
    conditions: ['@pi-kit/source'],
    legalComments: 'none',
    logLevel: 'silent',
    banner: { js: BROWSER_SDK_BANNER },
  };
}
