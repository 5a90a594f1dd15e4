/**
 * Bundles the browser script (`src/browser/entry.ts`) with esbuild, in memory,
 * once per process: `/pi-sdk.js` needs no build step.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PiKitError } from '@pi-kit/core';
import type { BrowserSdkConfig } from '../browser/config';

/** The global the bundle defines; the served script calls its `start(config)`. */
export const BROWSER_GLOBAL = '__piSimulator';

const ENTRY_CANDIDATES = ['../browser/entry.ts', '../browser/entry.js', '../../src/browser/entry.ts'];

let cached: Promise<string> | undefined;

/**
 * The bundled browser script (an IIFE defining `__piSimulator`). Built on first use and cached.
 * Rejects with `PiKitError` `sdk_bundle_failed` when the entry is missing or does not build.
 */
export function browserBundle(): Promise<string> {
  cached ??= build().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The served `/pi-sdk.js`: the bundle followed by the call that installs `window.Pi` for `config`. */
export async function browserScript(config: BrowserSdkConfig): Promise<string> {
  return `${await browserBundle()}\n${BROWSER_GLOBAL}.start(${JSON.stringify(config).replace(/</g, '\\u003c')});\n`;
}

async function build(): Promise<string> {
  const entry = ENTRY_CANDIDATES.map((candidate) => fileURLToPath(new URL(candidate, import.meta.url))).find((path) => existsSync(path));
  if (!entry) {
    throw new PiKitError('sdk_bundle_failed', 'The browser script source (src/browser/entry.ts) is missing from @pi-kit/simulator.');
  }
  try {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: BROWSER_GLOBAL,
      platform: 'browser',
      target: 'es2020',
      conditions: ['@pi-kit/source'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no output');
    return `/* @pi-kit/simulator: simulated Pi SDK (window.Pi) */\n${output.text}`;
  } catch (cause) {
    throw new PiKitError('sdk_bundle_failed', 'Bundling the simulated Pi SDK for the browser failed.', { cause });
  }
}
