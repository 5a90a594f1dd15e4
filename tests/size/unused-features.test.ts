/**
 * What an app does not import costs nothing: the production bundle of an app that signs in and
 * pays holds none of the code of Pi's ads, share dialog, system browser and native features, and
 * with `createBarePiClient` none of the script loader, nor of the fetch transport when the app
 * brings its own. Bundled as `pnpm size` bundles (`bench/size/measure.ts`: esbuild, production,
 * tree-shaken), from the sources; each marker is checked present where the feature is imported, so
 * its absence means something.
 */
import { describe, expect, it } from 'vitest';
import { APP_PEERS, measure } from '../../bench/size/measure';

/** A string only each feature's code holds (a method name it reports, an attribute, a default). */
const MARKERS = {
  ads: 'Ads.showAd',
  shareDialog: 'openShareDialog',
  systemBrowser: 'openUrlInSystemBrowser',
  nativeFeatures: 'nativeFeaturesList',
  loader: 'data-pi-kit',
  fetchTransport: 'same-origin',
} as const;

type Feature = keyof typeof MARKERS;

/** Signing in and paying with `client`, as an app does (exported: kept by the bundler). */
const PAY = `export async function pay() { await client.authenticate(); return client.createPayment({ amount: 1, memo: 'm', metadata: {} }); }`;

/** The features whose code is in the production bundle of `entry`. */
async function featuresIn(entry: string): Promise<Feature[]> {
  const { code } = await measure('app', entry, { external: [...APP_PEERS] });
  return (Object.keys(MARKERS) as Feature[]).filter((feature) => code.includes(MARKERS[feature]));
}

describe('features an app does not import cost nothing', () => {
  it('createPiClient, signing in and paying: the loader and the fetch transport only', async () => {
    const entry = `import { createPiClient } from '@pi-kit/core';\nconst client = createPiClient({ sandbox: false });\n${PAY}`;
    expect(await featuresIn(entry)).toEqual(['loader', 'fetchTransport']);
  });

  it('<PiProvider>, usePiAuth and usePayment: the same', async () => {
    expect(await featuresIn(`export { PiProvider, usePiAuth, usePayment } from '@pi-kit/react';`)).toEqual(['loader', 'fetchTransport']);
  });

  it('each feature, once imported, is there', async () => {
    const entry = `import { createPiClient, isAdReady, nativeFeaturesList, openShareDialog, openUrlInSystemBrowser, showAd } from '@pi-kit/core';
const client = createPiClient({ sandbox: false });
export const features = () => [showAd(client, 'rewarded'), isAdReady(client, 'rewarded'), openShareDialog(client, 't', 'm'),
  openUrlInSystemBrowser(client, 'https://example.com'), nativeFeaturesList(client)];`;
    expect(await featuresIn(entry)).toEqual(Object.keys(MARKERS));
    expect(await featuresIn(`export { useAd, useShareDialog, useNativeFeatures } from '@pi-kit/react';`)).toEqual(
      expect.arrayContaining(['ads', 'shareDialog', 'nativeFeatures']),
    );
  });

  it('createBarePiClient with createFetchTransport (the page ships its own <script>): no loader', async () => {
    const entry = `import { createBarePiClient, createFetchTransport } from '@pi-kit/core';
const client = createBarePiClient({ sandbox: false, transport: createFetchTransport() });\n${PAY}`;
    expect(await featuresIn(entry)).toEqual(['fetchTransport']);
  });

  it('createBarePiClient with its own transport, and <PiClientProvider>: neither the loader nor the fetch transport', async () => {
    const entry = `import { createBarePiClient } from '@pi-kit/core';
export { PiClientProvider, usePiAuth, usePayment } from '@pi-kit/react';
declare const transport: import('@pi-kit/core').PaymentTransport;
const client = createBarePiClient({ sandbox: false, transport });\n${PAY}`;
    expect(await featuresIn(entry)).toEqual([]);
  });
});
