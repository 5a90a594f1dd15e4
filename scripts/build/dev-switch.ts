/**
 * The esbuild plugin behind core's `development` and `production` builds: in every module of
 * `@pi-kit/core`, the import of the `DEV` switch (`src/env/development.ts`) is removed and `DEV`
 * defined as `true` or `false`. esbuild then folds `DEV ? text : ''` as it parses each module and
 * drops what only development uses (the long messages and the helpers that build them) in the
 * same pass.
 *
 * Used by core's build (tsup) and by the size measurement (`bench/size/measure.ts`), so what is
 * measured is what the `production` condition ships.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

const DEV_IMPORT = /import \{ DEV \} from '(?:\.\.?\/)+env\/development';/;

/** `development`: `DEV` is `true` in every core module; `production`: `false`. */
export function devSwitch(mode: 'development' | 'production'): Plugin {
  return {
    name: 'pi-kit-dev-switch',
    setup(build) {
      build.initialOptions.define = { ...build.initialOptions.define, DEV: String(mode === 'development') };
      build.onLoad({ filter: /[\\/]packages[\\/]core[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        return { contents: source.replace(DEV_IMPORT, ''), loader: 'ts' };
      });
    },
  };
}
