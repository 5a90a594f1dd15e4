import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  InvalidOptionError,
  InvalidScopesError,
  NotInitializedError,
  PiBrowserRequiredError,
  SdkCallError,
  SdkLoadError,
  ServerRequestError,
  UnsupportedVersionError,
  createPiClient,
  isAdReady,
  nativeFeaturesList,
  openShareDialog,
  openUrlInSystemBrowser,
  requestAd,
  showAd,
  type PiSdk,
} from '@pi-kit/core';
import { authenticationFailure } from '../src/client/auth-session';
import { harness, incompletePayment, outcome, type Harness } from './support/simulated';

let h: Harness;
afterEach(() => {
  h?.dispose();
  vi.useRealTimers();
});

const eventsNamed = (name: string) => h.network.events.filter((e) => e.type === name);

describe('init', () => {
  it('calls Pi.init once for any number of callers (React StrictMode), all sharing one promise', async () => {
    h = harness();
    const first = h.client.init();
    const second = h.client.init();
    expect(second).toBe(first);
    await expect(Promise.all([first, second, h.client.init()])).resolves.toEqual([h.pi, h.pi, h.pi]);
    await h.client.authenticate(['username']);
    expect(eventsNamed('sdk.init')).toHaveLength(1);
    expect(eventsNamed('sdk.init')[0]).toMatchObject({ details: { version: '2.0', sandbox: false } });
    expect(h.client.store.getState().sdk).toMatchObject({ status: 'ready', error: null, sandbox: false });
    expect(h.client.getSdk()).toBe(h.pi);
  });

  it('rejects an unsupported version without calling Pi', async () => {
    h = harness({ client: { version: '1.0' } });
    await expect(h.client.init()).rejects.toBeInstanceOf(UnsupportedVersionError);
    expect(eventsNamed('sdk.init')).toHaveLength(0);
    expect(h.client.store.getState().sdk.error).toBeInstanceOf(UnsupportedVersionError);
  });

  it('reports a failed SDK load as SdkLoadError and can retry', async () => {
    h = harness();
    let calls = 0;
    const client = createPiClient({
      sandbox: false,
      logger: false,
      sdk: async () => {
        calls += 1;
        if (calls === 1) throw new Error('net::ERR_NAME_NOT_RESOLVED');
        return h.pi;
      },
    });
    const error = await client.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkLoadError);
    expect(client.store.getState().sdk).toMatchObject({ status: 'error', error });
    await expect(client.init()).resolves.toBe(h.pi);
    expect(client.store.getState().sdk.status).toBe('ready');
  });

  it('requires sandbox to be given explicitly and checks the other options', () => {
    const optionOf = (options: unknown) => {
      try {
        createPiClient(options as never);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidOptionError);
        return (error as InvalidOptionError).option;
      }
      return undefined;
    };
    expect(optionOf({})).toBe('sandbox');
    expect(optionOf({ sandbox: 'false' })).toBe('sandbox');
    expect(optionOf({ sandbox: false, authTimeoutMs: 0 })).toBe('authTimeoutMs');
    expect(optionOf({ sandbox: false, sdkRetryTimeoutMs: Number.NaN })).toBe('sdkRetryTimeoutMs');
    expect(optionOf({ sandbox: false, onPaymentConcurrency: 'queue' })).toBe('onPaymentConcurrency');
    expect(optionOf({ sandbox: true, authTimeoutMs: 1 })).toBeUndefined();
  });
});

describe('authenticate', () => {
  it('resolves with the AuthResult and fills state.auth', async () => {
    h = harness();
    const result = await h.client.authenticate(['username', 'payments']);
    expect(result.user.username).toBe('alice');
    expect(result.accessToken).toEqual(expect.any(String));
    expect(h.client.store.getState().auth).toEqual({
      status: 'authenticated',
      user: result.user,
      accessToken: result.accessToken,
      scopes: ['username', 'payments'],
      error: null,
    });
  });

  it('shares one request between concurrent callers with the same scopes', async () => {
    h = harness();
    const a = h.client.authenticate(['payments', 'username']);
    const b = h.client.authenticate(['username', 'payments', 'username']);
    expect(b).toBe(a);
    await a;
    expect(eventsNamed('sdk.authenticate')).toHaveLength(1);
  });

  it('rejects malformed scopes with InvalidScopesError and passes unknown ones with a warning', async () => {
    h = harness();
    await expect(h.client.authenticate([])).rejects.toBeInstanceOf(InvalidScopesError);
    await expect(h.client.authenticate(['username', ''])).rejects.toBeInstanceOf(InvalidScopesError);
    await expect(h.client.authenticate('username' as never)).rejects.toBeInstanceOf(InvalidScopesError);
    await h.client.authenticate(['username', 'roles']);
    expect(h.warnings.some((w) => w.includes('"roles"') && w.includes('not documented'))).toBe(true);
    expect(eventsNamed('sdk.authenticate')[0]).toMatchObject({ details: { scopes: ['username', 'roles'] } });
  });

  it('outside the Pi Browser, rejects with PiBrowserRequiredError after authTimeoutMs instead of hanging', async () => {
    vi.useFakeTimers();
    h = harness({ pi: { outsidePiBrowser: true }, client: { authTimeoutMs: 5_000 } });
    const result = outcome(h.client.authenticate(['username']));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(h.client.store.getState().auth.status).toBe('loading');
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await result;
    expect(error).toBeInstanceOf(PiBrowserRequiredError);
    expect((error as PiBrowserRequiredError).timeoutMs).toBe(5_000);
    expect(h.client.store.getState().auth).toMatchObject({ status: 'error', error, user: null });
  });

  it('uses 10 s as the default timeout', async () => {
    vi.useFakeTimers();
    h = harness({ pi: { outsidePiBrowser: true } });
    const result = outcome(h.client.authenticate(['username']));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await result).error).toBeInstanceOf(PiBrowserRequiredError);
  });

  it('reports a sandbox flag that does not match the environment as AuthenticationError', async () => {
    h = harness({ pi: { sandbox: true } });
    const { error } = await outcome(h.client.authenticate(['username']));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).details).toMatch(/sandbox/);
  });

  it('signOut forgets the user; a later authenticate signs in again', async () => {
    h = harness();
    await h.client.authenticate(['username']);
    h.client.signOut();
    expect(h.client.store.getState().auth).toMatchObject({ status: 'idle', user: null, accessToken: null, scopes: [] });
    await h.client.authenticate(['username']);
    expect(h.client.store.getState().auth.status).toBe('authenticated');
  });

  it('keeps a signed-in user signed in while they authenticate again, and when that fails (their token stays valid)', async () => {
    h = harness();
    const first = await h.client.authenticate(['username', 'payments']);
    const declined = new Error('The user declined the wallet_address scope.');
    vi.spyOn(h.pi, 'authenticate').mockRejectedValueOnce(declined);
    const again = outcome(h.client.authenticate(['username', 'payments', 'wallet_address']));
    // Under way: still signed in (no `loading`, no lost token), so a payment can still start.
    expect(h.client.store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: first.accessToken });
    const { error } = await again;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).cause).toBe(declined);
    expect(h.client.store.getState().auth).toEqual({
      status: 'authenticated',
      user: first.user,
      accessToken: first.accessToken,
      scopes: ['username', 'payments'],
      error,
    });
    const payment = h.client.createPayment({ amount: 1, memo: 'after a failed re-authentication', metadata: {} });
    await expect(payment).resolves.toMatchObject({ status: { developer_completed: true } });
    // A later success replaces the session and clears the error.
    const third = await h.client.authenticate(['username', 'payments', 'wallet_address']);
    expect(h.client.store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: third.accessToken, error: null });
    expect(h.client.store.getState().auth.scopes).toContain('wallet_address');
  });

  it('a failed first sign-in (and a failed init) leaves nobody signed in, with the error', async () => {
    h = harness();
    vi.spyOn(h.pi, 'authenticate').mockRejectedValueOnce(new Error('network down'));
    const { error } = await outcome(h.client.authenticate(['username']));
    expect(h.client.store.getState().auth).toMatchObject({ status: 'error', user: null, accessToken: null, error });
    const broken = harness({ pi: { outsidePiBrowser: false } });
    vi.spyOn(broken.pi, 'init').mockImplementation(() => {
      throw new Error('init failed');
    });
    const failedInit = await outcome(broken.client.authenticate(['username']));
    expect(failedInit.error).toBeInstanceOf(SdkCallError);
    expect(broken.client.store.getState().auth).toMatchObject({ status: 'error', user: null, accessToken: null, error: failedInit.error });
    broken.dispose();
  });

  it('ignores the answer of an authenticate that was under way when signOut was called', async () => {
    h = harness();
    const pending = h.client.authenticate(['username']);
    h.client.signOut();
    await pending;
    expect(h.client.store.getState().auth.status).toBe('idle');
  });
});

describe('incomplete payment found at authenticate (onIncompletePaymentFound)', () => {
  it('sends it to the server for recovery and shows it in state.incompletePayment until resolved', async () => {
    h = harness();
    const pendingId = await incompletePayment(h.network);
    const states: Array<string | undefined> = [];
    h.client.store.subscribe((s) => states.push(s.incompletePayment?.status));
    await h.client.authenticate(['username', 'payments']);
    await vi.waitFor(() => expect(h.client.store.getState().incompletePayment?.status).toBe('resolved'));
    expect(states).toContain('recovering');
    const slot = h.client.store.getState().incompletePayment!;
    expect(slot.outcome).toBe('completed');
    expect(slot.payment.identifier).toBe(pendingId);
    expect(slot.payment.status.developer_completed).toBe(true);
    const sent = h.requests.filter((r) => r.route === 'incomplete');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ paymentId: pendingId, txid: h.network.getPayment(pendingId)?.transaction?.txid });
  });

  it('shows a failed recovery with its error, and recovers at the next authenticate', async () => {
    h = harness();
    const pendingId = await incompletePayment(h.network);
    const stop = h.network.faults.inject({ api: 'platform', route: 'POST /v2/payments/*/complete', status: 500 });
    await h.client.authenticate(['username', 'payments']);
    await vi.waitFor(() => expect(h.client.store.getState().incompletePayment?.status).toBe('failed'));
    expect(h.client.store.getState().incompletePayment?.error).toBeInstanceOf(ServerRequestError);
    expect(h.warnings.some((w) => w.includes(pendingId))).toBe(true);
    stop();
    await h.client.authenticate(['username', 'payments']);
    await vi.waitFor(() => expect(h.client.store.getState().incompletePayment?.status).toBe('resolved'));
  });

  it('recoverIncompletePayment shares one request per payment', async () => {
    h = harness();
    const pendingId = await incompletePayment(h.network);
    const payment = h.network.getPayment(pendingId)!;
    const a = h.client.recoverIncompletePayment(payment);
    expect(h.client.recoverIncompletePayment(payment)).toBe(a);
    await expect(a).resolves.toMatchObject({ outcome: 'completed' });
    expect(h.requests.filter((r) => r.route === 'incomplete')).toHaveLength(1);
  });
});

describe("the SDK's other features: functions taking the client", () => {
  it('reject with NotInitializedError before init (and for what is not a client)', async () => {
    h = harness();
    await expect(openShareDialog(h.client, 't', 'm')).rejects.toBeInstanceOf(NotInitializedError);
    await expect(nativeFeaturesList(h.client)).rejects.toBeInstanceOf(NotInitializedError);
    await expect(openUrlInSystemBrowser(h.client, 'https://example.com')).rejects.toBeInstanceOf(NotInitializedError);
    const error = await showAd(h.client, 'rewarded').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotInitializedError);
    expect((error as NotInitializedError).method).toBe('Ads.showAd');
    for (const notAClient of [null, undefined, {}, 'client']) {
      await expect(isAdReady(notAClient as never, 'rewarded')).rejects.toBeInstanceOf(NotInitializedError);
      await expect(nativeFeaturesList(notAClient as never)).rejects.toBeInstanceOf(NotInitializedError);
    }
  });

  it('call the SDK after init', async () => {
    h = harness();
    await h.client.init();
    await openShareDialog(h.client, 'Kittens', 'Look at this kitten');
    expect(eventsNamed('sdk.openShareDialog')[0]).toMatchObject({ details: { title: 'Kittens', message: 'Look at this kitten' } });
    await expect(nativeFeaturesList(h.client)).resolves.toEqual(['inline_media', 'request_permission', 'ad_network']);
    await expect(openUrlInSystemBrowser(h.client, 'https://example.com')).resolves.toBeUndefined();
    await expect(isAdReady(h.client, 'interstitial')).resolves.toEqual({ type: 'interstitial', ready: true });
    await expect(requestAd(h.client, 'interstitial')).resolves.toEqual({ type: 'interstitial', result: 'AD_LOADED' });
    await expect(showAd(h.client, 'interstitial')).resolves.toEqual({ type: 'interstitial', result: 'AD_CLOSED' });
  });

  it("turn SDK failures into SdkCallError with the SDK's message", async () => {
    h = harness({ pi: { openUrl: 'No minimal requirements' } });
    await h.client.init();
    const error = await openUrlInSystemBrowser(h.client, 'https://example.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkCallError);
    expect((error as SdkCallError).method).toBe('openUrlInSystemBrowser');
    expect((error as SdkCallError).details).toBe('No minimal requirements');
    await expect(openShareDialog(h.client, 1 as never, 'm')).rejects.toBeInstanceOf(SdkCallError);
  });

  it('ads: an SDK without Pi.Ads (an old Pi Browser) rejects with SdkCallError naming the method', async () => {
    const base = harness();
    const sdk = Object.assign(Object.create(base.pi) as PiSdk, { Ads: undefined });
    h = { ...base, ...base.secondTab({}, { sdk }) };
    await h.client.init();
    const error = await requestAd(h.client, 'rewarded').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkCallError);
    expect(error).toMatchObject({ method: 'Ads.requestAd', details: expect.stringMatching(/no Pi\.Ads/) });
  });
});

describe('authenticationFailure', () => {
  it("maps the SDK's messaging timeout outside the Pi Browser to PiBrowserRequiredError", () => {
    const timeout = authenticationFailure(new Error('Messaging promise with id 0 timed out after 60000ms'), 10_000);
    expect(timeout).toBeInstanceOf(PiBrowserRequiredError);
    expect((timeout.cause as Error).message).toMatch(/timed out after 60000ms/);
    const other = authenticationFailure('User denied', 10_000);
    expect(other).toBeInstanceOf(AuthenticationError);
    expect(other.details).toBe('User denied');
  });
});
