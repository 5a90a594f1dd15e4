/**
 * Bundle-size measurement: what an app ships when it imports from `@pi-kit/core` and
 * `@pi-kit/react`, bundled as an app bundler would (esbuild: ESM, browser platform,
 * minified, tree-shaken, `process.env.NODE_ENV` = "production") and gzipped (node:zlib,
 * level 9). `react` and `react-dom` are the app's own (external); `zustand`, a dependency
 * of core, is bundled into core's figure (the app ships it because of pi-kit); the react
 * figure is what `@pi-kit/react` adds on top of core (core external), so the two add up.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { devSwitch } from '../../scripts/build/dev-switch';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The ceilings in bytes, gzipped, that `pnpm size` reports against and CI enforces: core alone
 * ≤ 7.5 KB, react ≤ 2 KB. They keep the packages from growing silently; a change that needs more
 * raises them in its own commit, with the reason.
 */
export const BUDGETS = { core: 7.5 * 1024, react: 2 * 1024 } as const;

/** What CI enforces: the ceilings. */
export const CI_LIMITS = BUDGETS;

/** The app's own packages, never counted in pi-kit's figures. */
export const APP_PEERS = ['react', 'react-dom', 'react/jsx-runtime'] as const;

/** What a typical app imports (the entries measured). */
export const ENTRIES = {
  core: `import { createPiClient } from '@pi-kit/core';\nexport const client = createPiClient({ sandbox: false });`,
  react: `export { PiProvider, usePiAuth, usePayment } from '@pi-kit/react';`,
} as const;

export interface BundleSize {
  name: string;
  minified: number;
  gzipped: number;
  /** Bytes of string literals longer than 30 characters (error messages, mostly), minified. */
  messageBytes: number;
  /** The gzipped size with those literals emptied: what the code alone costs. */
  gzippedWithoutMessages: number;
  budget: number | null;
  /** The largest inputs, bytes in the minified output. */
  inputs: Array<{ path: string; bytes: number }>;
  /** The minified bundle itself (e.g. to check that development-only texts are gone). */
  code: string;
}

/** Resolves `@pi-kit/*` to the workspace sources (the root does not depend on them). */
function workspace(external: readonly string[]): Plugin {
  return {
    name: 'pi-kit-workspace',
    setup(b) {
      b.onResolve({ filter: /^@pi-kit\/(core|react)$/ }, (args) =>
        external.includes(args.path)
          ? { path: args.path, external: true }
          : { path: `${root}packages/${args.path.slice('@pi-kit/'.length)}/src/index.ts` },
      );
    },
  };
}

/**
 * The esbuild options of an app's production bundle of `contents` (an entry module):
 * ESM, browser, minified, tree-shaken, `NODE_ENV` = "production", `external` left out.
 */
export function appBundleOptions(name: string, contents: string, external: string[], resolveDir = root): BuildOptions & { write: false } {
  return {
    stdin: { contents, resolveDir, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    conditions: ['@pi-kit/source'],
    // What an app's production build gets: the `production` condition's build of core and
    // `process.env.NODE_ENV` replaced.
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    plugins: [workspace(external), devSwitch('production')],
    logLevel: 'silent',
  };
}

/** Bundles `contents` (an entry module) and measures it. */
export async function measure(
  name: string,
  contents: string,
  options: { external: string[]; resolveDir?: string; budget?: number },
): Promise<BundleSize> {
  const result = await build({ ...appBundleOptions(name, contents, options.external, options.resolveDir), metafile: true });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([path, info]) => ({
      path: path.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^packages\//, ''),
      bytes: info.bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes);
  const text = new TextDecoder().decode(code);
  const literal = /(["'`])(?:\\.|(?!\1)[^\\])*\1/g;
  const messageBytes = (text.match(literal) ?? []).filter((l) => l.length > 30).reduce((sum, l) => sum + l.length, 0);
  const withoutMessages = text.replace(literal, (l) => (l.length > 30 ? '""' : l));
  return {
    name,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    messageBytes,
    gzippedWithoutMessages: gzipSync(withoutMessages, { level: 9 }).byteLength,
    budget: options.budget ?? null,
    inputs,
    code: text,
  };
}

/** core (with zustand), react (on top of core), and both together. */
export async function measurePiKit(): Promise<BundleSize[]> {
  const peers = [...APP_PEERS];
  return Promise.all([
    measure('@pi-kit/core', ENTRIES.core, { external: peers, budget: BUDGETS.core }),
    measure('@pi-kit/react', ENTRIES.react, { external: [...peers, '@pi-kit/core', 'zustand', 'zustand/*'], budget: BUDGETS.react }),
    measure('@pi-kit/core + @pi-kit/react', `${ENTRIES.core}\n${ENTRIES.react}`, { external: peers }),
  ]);
}

/** Sizes over budget (or over `limits` by package), as messages (empty: all within). */
export function overBudget(sizes: BundleSize[], limits?: { core: number; react: number }): string[] {
  const limitOf = (s: BundleSize) => (limits && s.budget !== null ? (s.name === '@pi-kit/core' ? limits.core : limits.react) : s.budget);
  return sizes
    .filter((s) => limitOf(s) !== null && s.gzipped > limitOf(s)!)
    .map(
      (s) =>
        `${s.name}: ${s.gzipped} B gzipped > ${limitOf(s)} B (largest inputs: ${s.inputs
          .slice(0, 5)
          .map((i) => `${i.path} ${i.bytes} B`)
          .join(', ')})`,
    );
}
