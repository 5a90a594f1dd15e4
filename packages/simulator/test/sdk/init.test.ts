import { describe, expect, it, vi } from 'vitest';
import { SimulatedPiError } from '../../src/index';
import { flush, ORDER, recorder, setup, useFakeTimersInTests } from './support';

const NOT_INITIALIZED = 'Pi Network SDK was not initialized. Call init() before any other method.';

describe('Pi.init and the calls before it', () => {
  useFakeTimersInTests();

  it('accepts version "2.0"', () => {
    const { pi } = setup();
    expect(() => pi.init({ version: '2.0' })).not.toThrow();
  });

  it('throws for an unknown version', () => {
    const { pi } = setup();
    expect(() => pi.init({ version: '1.0' as '2.0' })).toThrow(SimulatedPiError);
    expect(() => pi.init({ version: '1.0' as '2.0' })).toThrow(/Unsupported Pi SDK version "1.0"/);
    expect(() => pi.init(undefined as never)).toThrow(expect.objectContaining({ code: 'unsupported_sdk_version' }));
  });

  it("fails every other method before init with Pi's message", async () => {
    const { pi } = setup();
    const rec = recorder(setup());
    await expect(pi.authenticate(['username'], () => undefined)).rejects.toThrow(NOT_INITIALIZED);
    await expect(pi.nativeFeaturesList()).rejects.toThrow(NOT_INITIALIZED);
    await expect(pi.openUrlInSystemBrowser('https://example.com')).rejects.toThrow(NOT_INITIALIZED);
    await expect(pi.Ads.showAd('rewarded')).rejects.toThrow(NOT_INITIALIZED);
    await expect(pi.Ads.isAdReady('rewarded')).rejects.toThrow(NOT_INITIALIZED);
    await expect(pi.Ads.requestAd('interstitial')).rejects.toThrow(NOT_INITIALIZED);
    expect(() => pi.createPayment(ORDER, rec.callbacks)).toThrow(NOT_INITIALIZED);
    expect(() => pi.openShareDialog('t', 'm')).toThrow(NOT_INITIALIZED);
    try {
      pi.openShareDialog('t', 'm');
    } catch (error) {
      expect((error as SimulatedPiError).code).toBe('sdk_not_initialized');
    }
  });

  it('a failed init (bad version) leaves the SDK uninitialized', async () => {
    const { pi } = setup();
    expect(() => pi.init({ version: '3' as '2.0' })).toThrow();
    await expect(pi.authenticate(['username'], () => undefined)).rejects.toThrow(NOT_INITIALIZED);
  });
});

describe('sandbox flag', () => {
  useFakeTimersInTests();

  it('init({ sandbox: true }) outside the sandbox breaks authenticate', async () => {
    const { pi } = setup();
    pi.init({ version: '2.0', sandbox: true });
    await expect(pi.authenticate(['username'], () => undefined)).rejects.toMatchObject({
      code: 'sandbox_mismatch',
      message: expect.stringMatching(/does not run in the Pi sandbox/),
    });
  });

  it('init without sandbox inside the sandbox breaks authenticate', async () => {
    const { pi } = setup({ sandbox: true });
    pi.init({ version: '2.0' });
    await expect(pi.authenticate(['username'], () => undefined)).rejects.toMatchObject({ code: 'sandbox_mismatch' });
  });

  it('a matching sandbox flag authenticates', async () => {
    const { pi, network } = setup({ sandbox: true });
    pi.init({ version: '2.0', sandbox: true });
    const auth = await pi.authenticate(['username'], () => undefined);
    expect(auth.user).toEqual({ uid: network.user('alice').uid, username: 'alice' });
  });
});

describe('outside the Pi Browser', () => {
  useFakeTimersInTests();

  it('authenticate never settles, even after minutes', async () => {
    const { pi } = setup({ outsidePiBrowser: true });
    pi.init({ version: '2.0' });
    let settled = false;
    pi.authenticate(['username'], () => undefined).then(
      () => (settled = true),
      () => (settled = true),
    );
    await vi.advanceTimersByTimeAsync(180_000);
    expect(settled).toBe(false);
  });

  it('createPayment never calls back and creates no payment', async () => {
    const h = setup({ outsidePiBrowser: true });
    h.pi.init({ version: '2.0' });
    const rec = recorder(h);
    h.pi.createPayment(ORDER, rec.callbacks);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(rec.calls).toEqual([]);
    expect(h.network.payments()).toEqual([]);
  });
});

describe('authenticate', () => {
  useFakeTimersInTests();

  it('resolves with an access token the Platform API accepts at /v2/me', async () => {
    const { pi, network } = setup();
    pi.init({ version: '2.0' });
    const auth = await pi.authenticate(['username', 'payments'], () => undefined);
    const me = await network.platformApi(
      new Request('https://api.minepi.com/v2/me', { headers: { Authorization: `Bearer ${auth.accessToken}` } }),
    );
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ uid: auth.user.uid, username: 'alice' });
  });

  it('gives no username without the username scope', async () => {
    const { pi } = setup();
    pi.init({ version: '2.0' });
    const auth = await pi.authenticate(['payments'], () => undefined);
    expect(auth.user.username).toBeUndefined();
    expect(typeof auth.user.uid).toBe('string');
  });

  it('rejects scopes that are not an array of strings', async () => {
    const { pi } = setup();
    pi.init({ version: '2.0' });
    await expect(pi.authenticate('username' as never, () => undefined)).rejects.toMatchObject({ code: 'invalid_scopes' });
  });

  it('createSimulatedPi throws user_not_found for a user the network does not have', () => {
    expect(() => setup({ user: 'nobody' })).toThrow(expect.objectContaining({ code: 'user_not_found' }));
  });

  it('logs init and authenticate in the network event log', async () => {
    const { pi, network } = setup();
    pi.init({ version: '2.0' });
    await pi.authenticate(['username'], () => undefined);
    await flush();
    const types = network.events.map((event) => event.type);
    expect(types).toContain('sdk.init');
    expect(types).toContain('sdk.authenticate');
    expect(types).toContain('user.authenticated');
  });
});
