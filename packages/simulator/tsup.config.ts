import { packageBuild } from '../../scripts/build/tsup-preset';

export default packageBuild({
  entry: { index: 'src/index.ts', 'msw/index': 'src/msw/index.ts', 'server/index': 'src/server/index.ts', cli: 'src/cli.ts' },
  platform: 'node',
});
