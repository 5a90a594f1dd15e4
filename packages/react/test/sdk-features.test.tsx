import { NotInitializedError, createPiClient, type PiSdk } from '@pi-kit/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PiProvider, useAd, useNativeFeatures, usePiSdk, useShareDialog } from '../src/index';
import { cleanupPi, createPiHarness, renderHookWithPi } from '../src/testing/index';
import { settle } from './support/sim';

afterEach(cleanupPi);

describe('usePiSdk', () => {
  it('is loading before the provider mounted, then ready with the initialised SDK', async () => {
    const statuses: string[] = [];
    const { result, pi } = renderHookWithPi(() => {
      const sdk = usePiSdk();
      statuses.push(sdk.status);
      return sdk;
    });
    expect(statuses[0]).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current).toMatchObject({ isReady: true, error: null, sandbox: false });
    expect(result.current.sdk).toBe(pi);
  });

  it('error: the SDK could not load; retry() loads it again', async () => {
    const harness = createPiHarness();
    let attempts = 0;
    const sdk = async (): Promise<PiSdk> => {
      attempts += 1;
      if (attempts === 1) throw new Error('net::ERR_BLOCKED_BY_CLIENT');
      return harness.pi;
    };
    const wrapper = ({ children }: { children: ReactNode }) => <PiProvider options={{ ...harness.options, sdk }}>{children}</PiProvider>;
    const { result } = renderHook(() => usePiSdk(), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current).toMatchObject({ isReady: false, sdk: null, error: { code: 'sdk_load_failed' } });
    await act(() => result.current.retry());
    expect(result.current).toMatchObject({ status: 'ready', error: null, sdk: harness.pi });
    expect(attempts).toBe(2);
  });

  it('not-in-pi-browser: no SDK is available', async () => {
    const harness = createPiHarness();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PiProvider options={{ ...harness.options, sdk: async () => null }}>{children}</PiProvider>
    );
    const { result } = renderHook(() => usePiSdk(), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('not-in-pi-browser'));
    expect(result.current.error).toMatchObject({ code: 'sdk_unavailable' });
  });

  it('with a selector, returns the selected value', async () => {
    const { result } = renderHookWithPi(() => usePiSdk((sdk) => ({ ready: sdk.isReady, status: sdk.status })));
    await waitFor(() => expect(result.current).toEqual({ ready: true, status: 'ready' }));
  });
});

describe('useNativeFeatures', () => {
  it('lists the Pi Browser features once the SDK is ready', async () => {
    const { result } = renderHookWithPi(() => useNativeFeatures());
    expect(result.current).toMatchObject({ status: 'loading', features: null, error: null });
    expect(result.current.has('ad_network')).toBe(false);
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.features).toEqual(['inline_media', 'request_permission', 'ad_network']);
    expect(result.current.has('ad_network')).toBe(true);
  });

  it('reflects a Pi Browser without ads', async () => {
    const { result } = renderHookWithPi(() => useNativeFeatures(), { pi: { nativeFeatures: ['inline_media'] } });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.features).toEqual(['inline_media']);
    expect(result.current.has('ad_network')).toBe(false);
  });

  it('reads core’s state.nativeFeatures: components share one Pi.nativeFeaturesList() per client', async () => {
    const harness = createPiHarness({ pi: { nativeFeatures: ['inline_media', 'ad_network'] } });
    const asked = vi.spyOn(harness.pi, 'nativeFeaturesList');
    const wrapper = ({ children }: { children: ReactNode }) => <PiProvider client={harness.client}>{children}</PiProvider>;
    const { result } = renderHook(() => ({ a: useNativeFeatures(), b: useNativeFeatures() }), { wrapper });
    await waitFor(() => expect(result.current.a.status).toBe('ready'));
    expect(result.current.b).toMatchObject({ status: 'ready', features: ['inline_media', 'ad_network'] });
    expect(result.current.a.features).toBe(harness.client.store.getState().nativeFeatures.features);
    const later = renderHook(() => useNativeFeatures(), { wrapper });
    expect(later.result.current).toMatchObject({ status: 'ready', features: ['inline_media', 'ad_network'] });
    expect(later.result.current.has('ad_network')).toBe(true);
    await settle();
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('error: Pi.nativeFeaturesList failed (an old Pi Browser); a later mount asks again', async () => {
    const harness = createPiHarness();
    let calls = 0;
    // The simulated SDK, whose first Pi.nativeFeaturesList fails as an old Pi Browser's would.
    const sdk = Object.assign(Object.create(harness.pi) as PiSdk, {
      nativeFeaturesList: () =>
        ++calls === 1 ? Promise.reject(new Error('nativeFeaturesList is not a function')) : harness.pi.nativeFeaturesList(),
    });
    const client = createPiClient({ ...harness.options, sdk });
    const wrapper = ({ children }: { children: ReactNode }) => <PiProvider client={client}>{children}</PiProvider>;
    const first = renderHook(() => useNativeFeatures(), { wrapper });
    await waitFor(() => expect(first.result.current.status).toBe('error'));
    expect(first.result.current).toMatchObject({ features: null, error: { code: 'sdk_call_failed' } });
    expect(first.result.current.has('inline_media')).toBe(false);
    first.unmount();
    const second = renderHook(() => useNativeFeatures(), { wrapper });
    await waitFor(() => expect(second.result.current.status).toBe('ready'));
    expect(second.result.current).toMatchObject({ features: ['inline_media', 'request_permission', 'ad_network'], error: null });
    expect(calls).toBe(2);
  });
});

describe('useShareDialog', () => {
  it('opens Pi’s share dialog once the SDK is ready', async () => {
    const { result, network } = renderHookWithPi(() => useShareDialog());
    expect(result.current.canShare).toBe(false);
    await expect(result.current.share('π shop', 'Before init')).rejects.toBeInstanceOf(NotInitializedError);
    await waitFor(() => expect(result.current.canShare).toBe(true));
    await act(() => result.current.share('π shop', 'I bought a kitten'));
    const shared = network.events.filter((event) => event.type === 'sdk.openShareDialog');
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({ details: { title: 'π shop', message: 'I bought a kitten' } });
  });

  it('bad arguments reject with SdkCallError', async () => {
    const { result } = renderHookWithPi(() => useShareDialog());
    await waitFor(() => expect(result.current.canShare).toBe(true));
    await expect(result.current.share(42 as unknown as string, 'x')).rejects.toMatchObject({ code: 'sdk_call_failed' });
  });
});

describe('useAd', () => {
  it('rewarded: ready, show() resolves AD_REWARDED with an adId the server can verify', async () => {
    const { result, network } = renderHookWithPi(() => useAd('rewarded'), { autoSignIn: true });
    expect(result.current).toMatchObject({ ready: null, isShowing: false, result: null, error: null });
    await waitFor(() => expect(result.current.ready).toBe(true));
    let shown!: Awaited<ReturnType<typeof result.current.show>>;
    await act(async () => {
      shown = await result.current.show();
    });
    expect(shown).toMatchObject({ type: 'rewarded', result: 'AD_REWARDED' });
    expect(result.current.result).toEqual(shown);
    expect(result.current.isShowing).toBe(false);
    const adId = (shown as { adId?: string }).adId!;
    expect(network.adStatus(adId)).toMatchObject({ identifier: adId, mediator_ack_status: 'granted' });
  });

  it('interstitial: show() resolves AD_CLOSED', async () => {
    const { result } = renderHookWithPi(() => useAd('interstitial'));
    await waitFor(() => expect(result.current.ready).toBe(true));
    await act(async () => {
      await expect(result.current.show()).resolves.toEqual({ type: 'interstitial', result: 'AD_CLOSED' });
    });
    expect(result.current.result).toEqual({ type: 'interstitial', result: 'AD_CLOSED' });
  });

  it('a Pi Browser without ads: not ready, and show() answers ADS_NOT_SUPPORTED', async () => {
    const { result } = renderHookWithPi(() => useAd('rewarded'), { pi: { nativeFeatures: ['inline_media'] } });
    await waitFor(() => expect(result.current.ready).toBe(false));
    await act(async () => {
      await expect(result.current.show()).resolves.toEqual({ type: 'rewarded', result: 'ADS_NOT_SUPPORTED' });
    });
  });

  it('no ad available: ready is false and show() answers AD_NOT_AVAILABLE', async () => {
    const { result } = renderHookWithPi(() => useAd('rewarded'), { pi: { ads: { ready: false } } });
    await waitFor(() => expect(result.current.ready).toBe(false));
    await act(async () => {
      await expect(result.current.show()).resolves.toMatchObject({ result: 'AD_NOT_AVAILABLE' });
    });
  });

  it('show() before the SDK is ready rejects with NotInitializedError, kept in error', async () => {
    const harness = createPiHarness();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PiProvider options={{ ...harness.options, sdk: () => new Promise<PiSdk>(() => undefined) }}>{children}</PiProvider>
    );
    const { result } = renderHook(() => useAd('rewarded'), { wrapper });
    await act(async () => {
      await expect(result.current.show()).rejects.toBeInstanceOf(NotInitializedError);
    });
    expect(result.current.error).toBeInstanceOf(NotInitializedError);
    expect(result.current.ready).toBeNull();
  });
});
