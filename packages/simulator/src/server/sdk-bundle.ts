/**
 * The simulated Pi SDK for the browser, served as `/pi-sdk.js`. An installed package serves the
 * bundle its build wrote to `dist/browser/pi-sdk.js`; a source checkout of pi-kit (no `dist/`)
 * bundles `src/browser/entry.ts` with esbuild, in memory, once per process.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PiKitError } from '@pi-kit/core';
import type { BrowserSdkConfig } from '../browser/config';
import { BROWSER_GLOBAL, browserBuildOptions } from './browser-build';

/** The prebuilt bundle, seen from this module's place in `dist/` (an entry or a shared chunk). */
const PREBUILT_CANDIDATES = ['./browser/pi-sdk.js', '../browser/pi-sdk.js'];
/** The bundle's source, seen from `src/server/`. */
const SOURCE_ENTRY = '../browser/entry.ts';

let cached: Promise<string> | undefined;

/**
 * The browser script (an IIFE defining `__piSimulator`): read once from the package's `dist/`,
 * or bundled from the sources in a checkout. Rejects with `PiKitError` `sdk_bundle_failed` when
 * neither is there or the sources do not build.
 */
export function browserBundle(): Promise<string> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The served `/pi-sdk.js`: the bundle followed by the call that installs `window.Pi` for `config`. */
export async function browserScript(config: BrowserSdkConfig): Promise<string> {
  return `${await browserBundle()}\n${BROWSER_GLOBAL}.start(${JSON.stringify(config).replace(/</g, '\\u003c')});\n`;
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

async function load(): Promise<string> {
  const prebuilt = PREBUILT_CANDIDATES.map(here).find((path) => existsSync(path));
  if (prebuilt) return readFile(prebuilt, 'utf8');
  const entry = here(SOURCE_ENTRY);
  if (!existsSync(entry)) {
    throw new PiKitError(
      'sdk_bundle_failed',
      'The simulated Pi SDK bundle (dist/browser/pi-sdk.js) is missing from @pi-kit/simulator: reinstall the package, or run `pnpm build` in a checkout of pi-kit.',
    );
  }
  try {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({ ...browserBuildOptions(entry), write: false });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no output');
    return output.text;
  } catch (cause) {
    throw new PiKitError('sdk_bundle_failed', 'Bundling the simulated Pi SDK for the browser from its sources failed; see the cause.', {
      cause,
    });
  }
}
