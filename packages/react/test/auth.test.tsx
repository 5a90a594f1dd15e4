import { InvalidScopesError, NotAuthenticatedError, PiBrowserRequiredError, type PiSdk } from '@pi-kit/core';
import { createPiNetwork } from '@pi-kit/simulator';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PiProvider, usePayment, usePiAuth, usePiSdk } from '../src/index';
import { cleanupPi, createPiHarness, renderHookWithPi } from '../src/testing/index';
import { advance, callbacks, KITTEN, makeIncompletePayment, settle, useFakeTimers } from './support/sim';

afterEach(() => {
  cleanupPi();
  vi.useRealTimers();
});

describe('usePiAuth: sign-in and sign-out', () => {
  it('goes idle → loading → authenticated with user, token and scopes; the token is valid for GET /v2/me', async () => {
    const { result, network, user, client } = renderHookWithPi(() => usePiAuth());
    expect(result.current).toMatchObject({
      status: 'idle',
      user: null,
      accessToken: null,
      scopes: [],
      error: null,
      isAuthenticated: false,
      isLoading: false,
      incompletePayment: null,
    });
    const statuses: string[] = [];
    client.store.subscribe((state, previous) => {
      if (state.auth.status !== previous.auth.status) statuses.push(state.auth.status);
    });
    const auth = await act(() => result.current.signIn(['username', 'payments']));
    expect(statuses).toEqual(['loading', 'authenticated']);
    expect(result.current).toMatchObject({
      status: 'authenticated',
      user: { uid: user.uid, username: 'alice' },
      scopes: ['username', 'payments'],
      error: null,
      isAuthenticated: true,
      isLoading: false,
    });
    expect(auth).toEqual({ accessToken: result.current.accessToken, user: result.current.user });
    expect(network.me(result.current.accessToken!)).toMatchObject({ uid: user.uid, username: 'alice' });
  });

  it('signs in with the default scopes (username, payments) when none are given', async () => {
    const { result, network } = renderHookWithPi(() => usePiAuth());
    await act(() => result.current.signIn());
    expect(result.current.scopes).toEqual(['username', 'payments']);
    const authenticate = network.events.filter((event) => event.type === 'sdk.authenticate');
    expect(authenticate).toHaveLength(1);
    expect(authenticate[0]).toMatchObject({ details: { scopes: ['username', 'payments'] } });
  });

  it('without the username scope the user has only a uid', async () => {
    const { result, user } = renderHookWithPi(() => usePiAuth());
    await act(() => result.current.signIn(['payments']));
    expect(result.current.user).toEqual({ uid: user.uid });
  });

  it('signOut() forgets the user and token, and paying is refused until the next sign-in', async () => {
    const { result } = renderHookWithPi(() => ({ auth: usePiAuth(), payment: usePayment() }));
    await act(() => result.current.auth.signIn());
    expect(result.current.payment.canPay).toBe(true);
    act(() => result.current.auth.signOut());
    expect(result.current.auth).toMatchObject({ status: 'idle', user: null, accessToken: null, scopes: [], isAuthenticated: false });
    expect(result.current.payment.canPay).toBe(false);
    let paid!: Promise<unknown>;
    act(() => {
      paid = result.current.payment.pay(KITTEN);
    });
    await expect(paid).rejects.toBeInstanceOf(NotAuthenticatedError);
  });

  it('invalid scopes: signIn rejects with InvalidScopesError, shown in error', async () => {
    const { result } = renderHookWithPi(() => usePiAuth());
    await act(async () => {
      await expect(result.current.signIn([])).rejects.toBeInstanceOf(InvalidScopesError);
    });
    expect(result.current).toMatchObject({ status: 'error', error: { code: 'invalid_scopes' } });
  });

  it('concurrent signIn() calls share one Pi.authenticate', async () => {
    const { result, network } = renderHookWithPi(() => usePiAuth());
    await act(() => Promise.all([result.current.signIn(), result.current.signIn(), result.current.signIn()]));
    expect(network.events.filter((event) => event.type === 'sdk.authenticate')).toHaveLength(1);
  });
});

describe('usePiAuth: an incomplete payment at sign-in (onIncompletePaymentFound)', () => {
  it('is recovered through the app server: recovering → resolved (completed)', async () => {
    const network = createPiNetwork({ seed: 3, users: [{ username: 'alice', balance: 50 }] });
    const old = makeIncompletePayment(network, 'alice');
    const { result } = renderHookWithPi(() => usePiAuth(), { network });
    let signedIn!: Promise<unknown>;
    act(() => {
      signedIn = result.current.signIn();
    });
    await waitFor(() => expect(result.current.incompletePayment).not.toBeNull());
    expect(result.current.incompletePayment?.payment.identifier).toBe(old.identifier);
    await act(() => signedIn);
    await waitFor(() => expect(result.current.incompletePayment?.status).toBe('resolved'));
    expect(result.current.incompletePayment).toMatchObject({
      outcome: 'completed',
      error: null,
      payment: { identifier: old.identifier, status: { developer_completed: true } },
    });
    expect(network.getPayment(old.identifier)?.status.developer_completed).toBe(true);
    expect(callbacks(network, 'onIncompletePaymentFound')).toHaveLength(1);
  });

  it('a failed recovery shows status failed with the error; retryRecovery() resolves it', async () => {
    const network = createPiNetwork({ seed: 4, users: [{ username: 'alice' }] });
    const old = makeIncompletePayment(network, 'alice');
    network.faults.inject({ route: 'POST /v2/payments/*/complete', status: 500, times: 1 });
    const { result } = renderHookWithPi(() => usePiAuth(), { network, autoSignIn: true });
    await waitFor(() => expect(result.current.incompletePayment?.status).toBe('failed'));
    expect(result.current.incompletePayment?.error).toMatchObject({ code: 'server_request_failed' });
    expect(network.getPayment(old.identifier)?.status.developer_completed).toBe(false);

    await act(async () => {
      await expect(result.current.retryRecovery()).resolves.toMatchObject({ outcome: 'completed' });
    });
    expect(result.current.incompletePayment).toMatchObject({ status: 'resolved', outcome: 'completed', error: null });
    expect(network.getPayment(old.identifier)?.status.developer_completed).toBe(true);
  });

  it('retryRecovery() without an incomplete payment resolves null', async () => {
    const { result } = renderHookWithPi(() => usePiAuth());
    await expect(result.current.retryRecovery()).resolves.toBeNull();
  });
});

describe('not in the Pi Browser (Pi.authenticate never settles)', () => {
  it('signIn rejects with PiBrowserRequiredError after authTimeoutMs; usePiSdk says not-in-pi-browser; canPay stays false', async () => {
    useFakeTimers();
    const { result, network } = renderHookWithPi(() => ({ auth: usePiAuth(), sdk: usePiSdk(), payment: usePayment() }), {
      pi: { outsidePiBrowser: true },
      client: { authTimeoutMs: 5_000 },
    });
    await settle();
    expect(result.current.sdk.status).toBe('ready');
    let signedIn!: Promise<unknown>;
    act(() => {
      signedIn = result.current.auth.signIn();
    });
    signedIn.catch(() => undefined);
    await settle();
    expect(result.current.auth).toMatchObject({ status: 'loading', isLoading: true });
    await advance(4_999);
    expect(result.current.auth.status).toBe('loading');
    await advance(1);
    await expect(signedIn).rejects.toBeInstanceOf(PiBrowserRequiredError);
    expect(result.current.auth).toMatchObject({ status: 'error', user: null, accessToken: null, error: { code: 'pi_browser_required' } });
    expect(result.current.sdk).toMatchObject({ status: 'not-in-pi-browser', isReady: true, error: { code: 'pi_browser_required' } });
    expect(result.current.payment.canPay).toBe(false);
    expect(network.events.filter((event) => event.type === 'sdk.authenticate')).toHaveLength(1);
    // It is core's state.sdk.notInPiBrowser (about the host, not the user): signOut keeps it.
    act(() => result.current.auth.signOut());
    expect(result.current.auth).toMatchObject({ status: 'idle', error: null });
    expect(result.current.sdk).toMatchObject({ status: 'not-in-pi-browser', error: { code: 'pi_browser_required' } });
  });

  it('usePiSdk goes back to ready once Pi.authenticate answers (a slow Pi Browser)', async () => {
    useFakeTimers();
    const harness = createPiHarness({ client: { authTimeoutMs: 5_000 } });
    let calls = 0;
    // The simulated SDK, whose first Pi.authenticate never answers.
    const sdk = Object.assign(Object.create(harness.pi) as PiSdk, {
      authenticate: (...args: Parameters<PiSdk['authenticate']>) =>
        ++calls === 1 ? new Promise<never>(() => undefined) : harness.pi.authenticate(...args),
    });
    const wrapper = ({ children }: { children: ReactNode }) => <PiProvider options={{ ...harness.options, sdk }}>{children}</PiProvider>;
    const { result } = renderHook(() => ({ auth: usePiAuth(), sdk: usePiSdk() }), { wrapper });
    await settle();
    let first!: Promise<unknown>;
    act(() => {
      first = result.current.auth.signIn();
    });
    first.catch(() => undefined);
    await advance(5_000);
    await expect(first).rejects.toBeInstanceOf(PiBrowserRequiredError);
    expect(result.current.sdk.status).toBe('not-in-pi-browser');
    await act(() => result.current.auth.signIn());
    expect(result.current.auth.status).toBe('authenticated');
    expect(result.current.sdk).toMatchObject({ status: 'ready', error: null, isReady: true });
  });
});
