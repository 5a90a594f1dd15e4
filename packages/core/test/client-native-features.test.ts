import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotInitializedError, SdkCallError, nativeFeaturesList, type PiSdk } from '@pi-kit/core';
import { harness, type Harness } from './support/simulated';

let h: Harness;
afterEach(() => h?.dispose());

/** Counts the calls of the simulated SDK's `nativeFeaturesList` (which still answers). */
function spyOnSdk(target: Harness) {
  return vi.spyOn(target.pi, 'nativeFeaturesList');
}

describe('nativeFeaturesList(client) and state.nativeFeatures', () => {
  it('asks Pi once per client and shows the list in the store: idle → loading → ready', async () => {
    h = harness({ pi: { nativeFeatures: ['inline_media', 'ad_network'] } });
    const sdkCalls = spyOnSdk(h);
    expect(h.client.store.getState().nativeFeatures).toEqual({ status: 'idle', features: null, error: null });
    await h.client.init();
    const statuses: string[] = [];
    h.client.store.subscribe((state, previous) => {
      if (state.nativeFeatures !== previous.nativeFeatures) statuses.push(state.nativeFeatures.status);
    });
    const [a, b] = await Promise.all([nativeFeaturesList(h.client), nativeFeaturesList(h.client)]);
    expect(a).toEqual(['inline_media', 'ad_network']);
    expect(b).toEqual(a);
    await expect(nativeFeaturesList(h.client)).resolves.toEqual(['inline_media', 'ad_network']);
    expect(sdkCalls).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['loading', 'ready']);
    const slice = h.client.store.getState().nativeFeatures;
    expect(slice).toEqual({ status: 'ready', features: ['inline_media', 'ad_network'], error: null });
    expect(Object.isFrozen(slice.features)).toBe(true);
  });

  it('gives each caller its own copy: changing it changes neither the store nor other callers', async () => {
    h = harness();
    await h.client.init();
    const mine = await nativeFeaturesList(h.client);
    mine.push('inline_media');
    mine.length = 0;
    await expect(nativeFeaturesList(h.client)).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    expect(h.client.store.getState().nativeFeatures.features).toEqual(['inline_media', 'request_permission', 'ad_network']);
  });

  it('before init: rejects with NotInitializedError, shown as error; after init the next call asks again', async () => {
    h = harness();
    const sdkCalls = spyOnSdk(h);
    const error = await nativeFeaturesList(h.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotInitializedError);
    expect(h.client.store.getState().nativeFeatures).toEqual({ status: 'error', features: null, error });
    await h.client.init();
    await expect(nativeFeaturesList(h.client)).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    expect(h.client.store.getState().nativeFeatures).toMatchObject({ status: 'ready', error: null });
    expect(sdkCalls).toHaveBeenCalledTimes(1);
  });

  it('an SDK that answers something other than a list of names: SdkCallError, shown as error', async () => {
    const base = harness();
    const sdk = Object.assign(Object.create(base.pi) as PiSdk, {
      nativeFeaturesList: async () => (await base.pi.nativeFeaturesList()).join(','),
    });
    h = { ...base, ...base.secondTab({}, { sdk }) };
    await h.client.init();
    const error = await nativeFeaturesList(h.client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkCallError);
    expect((error as SdkCallError).details).toMatch(/not a list of feature names/);
    expect(h.client.store.getState().nativeFeatures).toMatchObject({ status: 'error', features: null, error });
  });

  it('finds the client by its store: a copy of the client object shares the list and the state', async () => {
    h = harness();
    const sdkCalls = spyOnSdk(h);
    await h.client.init();
    const copy = { ...h.client };
    await expect(nativeFeaturesList(copy)).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    await expect(nativeFeaturesList(h.client)).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    expect(sdkCalls).toHaveBeenCalledTimes(1);
    expect(h.client.store.getState().nativeFeatures.status).toBe('ready');
  });
});
