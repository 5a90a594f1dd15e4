import { build } from 'esbuild';
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
  // `pi-sim` serves this prebuilt bundle as /pi-sdk.js: an installed package needs no bundler.
  async onSuccess() {
    await build({ ...browserBuildOptions('src/browser/entry.ts'), outfile: PREBUILT_BROWSER_SDK, minify: true });
  },
});
