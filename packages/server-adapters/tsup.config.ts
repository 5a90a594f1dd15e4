import { packageBuild } from '../../scripts/build/tsup-preset';

// ESM and CommonJS: many Pi backends are CommonJS Express apps.
export default packageBuild({
  entry: { index: 'src/index.ts', 'adapters/express': 'src/adapters/express.ts', 'adapters/node': 'src/adapters/node.ts' },
  format: ['esm', 'cjs'],
  platform: 'node',
});
