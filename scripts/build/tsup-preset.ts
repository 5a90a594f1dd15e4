/**
 * The one build recipe of the published packages: ESM (plus CommonJS where
 * asked), type declarations, source maps, tree-shakeable output, other
 * `@pi-kit/*` packages and every dependency left external. Each package's
 * `tsup.config.ts` names its entries and formats.
 */
import { rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { devSwitch } from './dev-switch';

export interface PackageBuild {
  /** Output path (without extension) → source file. */
  entry: Record<string, string>;
  /** Default `['esm']`. */
  format?: Array<'esm' | 'cjs'>;
  /** `browser` code must not use Node built-ins; `node` may. */
  platform: 'browser' | 'node' | 'neutral';
  /** A directive for every output file, e.g. `'use client';` for React client components. */
  banner?: string;
  /**
   * Modules a source checkout loads on demand and an installed package never does (the simulator
   * builds its console with Vite only when `dist/console/` is missing): kept out of the bundle.
   */
  external?: string[];
  /** Runs after the build has written `dist/` (e.g. a browser bundle of the package's own). */
  onSuccess?: () => Promise<void>;
  /**
   * Also build `dist/development/` and `dist/production/` (ESM), for the `development` and
   * `production` export conditions: the package's `DEV` switch fixed to `true` or `false`
   * (scripts/build/dev-switch.ts). Core only.
   */
  devProdBuilds?: boolean;
}

export function packageBuild(build: PackageBuild): Options | Options[] {
  if (!build.devProdBuilds) return baseBuild(build, true);
  // One clean before the three builds, which tsup runs side by side into dist/.
  rmSync('dist', { recursive: true, force: true });
  return [
    baseBuild(build, false),
    ...(['development', 'production'] as const).map(
      (mode): Options => ({
        ...baseBuild({ ...build, format: ['esm'], onSuccess: undefined }, false),
        outDir: `dist/${mode}`,
        dts: false,
        esbuildPlugins: [devSwitch(mode)],
        // Folds `DEV ? text : ''` and drops the dead branch (names and layout stay readable).
        esbuildOptions(options) {
          options.minifySyntax = true;
        },
      }),
    ),
  ];
}

function baseBuild({ entry, format = ['esm'], platform, banner, onSuccess, external = [] }: PackageBuild, clean: boolean): Options {
  return defineConfig({
    entry,
    format,
    platform,
    target: 'es2022',
    outDir: 'dist',
    clean,
    sourcemap: true,
    splitting: true,
    // No rollup tree-shaking pass: it drops module directives such as 'use client'; esbuild
    // already removes unused code, and apps tree-shake again (sideEffects: false).
    treeshake: false,
    // Package sources import each other through the `@pi-kit/source` condition; the
    // published files import the other packages by name.
    external: [/^@pi-kit\//, ...external],
    // tsup's declaration build still sets `baseUrl`, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    // Each package's own tsconfig.build.json: its declaration build reads its sources and its
    // dependencies' published types, nothing a parallel build of another package is rewriting.
    tsconfig: 'tsconfig.build.json',
    banner: banner ? { js: banner } : undefined,
    // esbuild replaces `process.env.NODE_ENV` in browser builds; left as written, the app's bundler
    // replaces it (React's convention: @pi-kit/react's development-only messages).
    esbuildOptions(options) {
      if (platform === 'browser') options.define = { 'process.env.NODE_ENV': 'process.env.NODE_ENV', ...options.define };
    },
    onSuccess,
  }) as Options;
}
