import { packageBuild } from '../../scripts/build/tsup-preset';

// Neutral: runs in browsers and in Node during server-side rendering.
// ESM and CommonJS, since CommonJS servers load it through @pi-kit/server-adapters; ESM builds for
// the `development` and `production` export conditions as well (docs/ERRORS.md).
export default packageBuild({
  entry: { index: 'src/index.ts', internal: 'src/internal.ts' },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  devProdBuilds: true,
});
