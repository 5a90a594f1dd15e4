/**
 * The console page's files, served under `/console`. An installed package serves what its build
 * wrote to `dist/console/` (a Vite + React app, prebuilt: the user's project needs no build step);
 * a source checkout of pi-kit (no `dist/`) builds `console/` with Vite, in memory, once per process.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PiKitError } from '@pi-kit/core';

/** The path the console is served under. */
export const CONSOLE_PATH = '/console';

/** The prebuilt console, seen from this module's place in `dist/` (an entry or a shared chunk). */
const PREBUILT_CANDIDATES = ['./console/', '../console/'];
/** The console's Vite config, seen from `src/console/`. */
const SOURCE_CONFIG = '../../console/vite.config.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** One file of the console: its bytes or text. */
type ConsoleFiles = (path: string) => Promise<string | Uint8Array | undefined>;

let cached: Promise<ConsoleFiles> | undefined;

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * The console's files: read from `dist/console/`, or built from the sources in a checkout.
 * Rejects with `PiKitError` `console_build_failed` when neither is there or the sources do not build.
 */
export function consoleFiles(): Promise<ConsoleFiles> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The answer to `GET /console[/…]`: `index.html` for the page, the file for an asset, 404 otherwise. */
export async function consoleAsset(pathname: string): Promise<Response> {
  let relative = pathname.slice(CONSOLE_PATH.length).replace(/^\/+/, '');
  if (relative === '') relative = 'index.html';
  const files = await consoleFiles();
  const body = relative.includes('..') ? undefined : await files(relative);
  if (body === undefined) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const type = CONTENT_TYPES[extname(relative)] ?? 'application/octet-stream';
  // Asset names carry a content hash: cached for good; the page itself is always asked again.
  const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
  // A copy on its own ArrayBuffer: what `Response` takes as a body in every TypeScript lib.
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  return new Response(payload, { status: 200, headers: { 'Content-Type': type, 'Cache-Control': cache } });
}

async function load(): Promise<ConsoleFiles> {
  const prebuilt = PREBUILT_CANDIDATES.map(here).find((dir) => existsSync(join(dir, 'index.html')));
  if (prebuilt) {
    return async (path) => {
      const file = normalize(join(prebuilt, path));
      if (!file.startsWith(prebuilt.endsWith(sep) ? prebuilt : prebuilt + sep) || !existsSync(file)) return undefined;
      return readFile(file);
    };
  }
  const configFile = here(SOURCE_CONFIG);
  if (!existsSync(configFile)) {
    throw new PiKitError(
      'console_build_failed',
      'The console (dist/console/) is missing from @pi-kit/simulator: reinstall the package, or run `pnpm build` in a checkout of pi-kit.',
    );
  }
  try {
    const { build } = await import('vite');
    const result = await build({ configFile, logLevel: 'silent', build: { write: false } });
    const outputs = (Array.isArray(result) ? result : [result]) as Array<{
      output?: Array<{ fileName: string; type: 'chunk' | 'asset'; code?: string; source?: string | Uint8Array }>;
    }>;
    const files = new Map<string, string | Uint8Array>();
    for (const { output = [] } of outputs) {
      for (const item of output) files.set(item.fileName, item.type === 'chunk' ? (item.code ?? '') : (item.source ?? ''));
    }
    if (!files.has('index.html')) throw new Error('the build produced no index.html');
    return async (path) => files.get(path);
  } catch (cause) {
    throw new PiKitError(
      'console_build_failed',
      'Building the console from its sources (packages/simulator/console) failed; see the cause.',
      {
        cause,
      },
    );
  }
}
