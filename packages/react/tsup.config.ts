import { packageBuild } from '../../scripts/build/tsup-preset';

export default packageBuild({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  platform: 'browser',
  banner: "'use client';",
});
