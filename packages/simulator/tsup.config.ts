import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { packageBuild } from '../../scripts/build/tsup-preset';
import { browserBuildOptions, PREBUILT_BROWSER_SDK } from './src/server/browser-build';

export default packageBuild({
  entry: {
    index: 'src/index.ts',
    'msw/index': 'src/msw/index.ts',
    'server/index': 'src/server/index.ts',
    'testing/index': 'src/testing/index.ts',
    cli: 'src/cli.ts',
  },
  platform: 'node',
  external: ['vite'],
  // `pi-sim` serves this prebuilt bundle as /pi-sdk.js, and the console page at /console
  // (dist/console/): an installed package needs no bundler.
  async onSuccess() {
    await build({ ...browserBuildOptions('src/browser/entry.ts'), outfile: PREBUILT_BROWSER_SDK, minify: true });
    await viteBuild({ configFile: 'console/vite.config.ts', logLevel: 'warn' });
  },
});
