import { describe, expect, it } from 'vitest';
import { createPiNetwork } from '../../src/index';
import { installSimulatedPi } from '../../src/index';
import { setup, signIn, useFakeTimersInTests } from './support';

describe('the rest of window.Pi', () => {
  useFakeTimersInTests();

  it('openShareDialog logs the share; bad arguments throw', async () => {
    const h = setup();
    await signIn(h);
    h.pi.openShareDialog('Kittens', 'Look at this kitten');
    expect(h.network.events.find((event) => event.type === 'sdk.openShareDialog')).toMatchObject({
      details: { title: 'Kittens', message: 'Look at this kitten' },
    });
    expect(() => h.pi.openShareDialog(1 as never, 'm')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('nativeFeaturesList: all features by default, adjustable', async () => {
    const h = setup();
    await signIn(h);
    await expect(h.pi.nativeFeaturesList()).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    const limited = setup({ nativeFeatures: ['inline_media'] });
    limited.pi.init({ version: '2.0' });
    await expect(limited.pi.nativeFeaturesList()).resolves.toEqual(['inline_media']);
  });

  it("openUrlInSystemBrowser resolves for http(s) URLs and rejects with Pi's messages", async () => {
    const h = setup();
    await signIn(h);
    await expect(h.pi.openUrlInSystemBrowser('https://example.com/x')).resolves.toBeUndefined();
    await expect(h.pi.openUrlInSystemBrowser('not a url')).rejects.toThrow('Failed to open URL');
    await expect(h.pi.openUrlInSystemBrowser('javascript:alert(1)')).rejects.toThrow('Failed to open URL');
    for (const behaviour of ['No minimal requirements', 'Unexpected error'] as const) {
      const other = setup({ openUrl: behaviour });
      other.pi.init({ version: '2.0' });
      await expect(other.pi.openUrlInSystemBrowser('https://example.com')).rejects.toThrow(behaviour);
    }
  });

  it('a rewarded ad gives an adId that GET /v2/ads_network/status/{adId} grants', async () => {
    const h = setup();
    await signIn(h);
    await expect(h.pi.Ads.isAdReady('rewarded')).resolves.toEqual({ type: 'rewarded', ready: true });
    await expect(h.pi.Ads.requestAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'AD_LOADED' });
    const shown = await h.pi.Ads.showAd('rewarded');
    expect(shown).toMatchObject({ type: 'rewarded', result: 'AD_REWARDED', adId: expect.any(String) });
    const adId = (shown as { adId: string }).adId;
    const status = await h.network.platformApi(
      new Request(`https://api.minepi.com/v2/ads_network/status/${adId}`, {
        headers: { Authorization: `Key ${h.network.app.apiKey}` },
      }),
    );
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ identifier: adId, mediator_ack_status: 'granted' });
  });

  it('interstitial ads close; ads answer per options (not ready, not supported, not authenticated)', async () => {
    const h = setup();
    await signIn(h);
    await expect(h.pi.Ads.showAd('interstitial')).resolves.toEqual({ type: 'interstitial', result: 'AD_CLOSED' });

    const notReady = setup({ ads: { ready: false } });
    notReady.pi.init({ version: '2.0' });
    await expect(notReady.pi.Ads.isAdReady('interstitial')).resolves.toEqual({ type: 'interstitial', ready: false });
    await expect(notReady.pi.Ads.requestAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'AD_FAILED_TO_LOAD' });
    await expect(notReady.pi.Ads.showAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'AD_NOT_AVAILABLE' });

    const noAds = setup({ nativeFeatures: ['inline_media'] });
    noAds.pi.init({ version: '2.0' });
    await expect(noAds.pi.Ads.showAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'ADS_NOT_SUPPORTED' });

    const anonymous = setup();
    anonymous.pi.init({ version: '2.0' });
    await expect(anonymous.pi.Ads.showAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'USER_UNAUTHENTICATED' });

    const closed = setup({ ads: { rewardedResult: 'AD_CLOSED' } });
    await signIn(closed);
    await expect(closed.pi.Ads.showAd('rewarded')).resolves.toEqual({ type: 'rewarded', result: 'AD_CLOSED' });
    await expect(h.pi.Ads.showAd('video' as never)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('installSimulatedPi sets globalThis.Pi; dispose removes it', async () => {
    const network = createPiNetwork({ seed: 1 });
    const pi = installSimulatedPi(network, { user: 'alice' });
    expect((globalThis as { Pi?: unknown }).Pi).toBe(pi);
    pi.dispose();
    expect((globalThis as { Pi?: unknown }).Pi).toBeUndefined();
  });
});
