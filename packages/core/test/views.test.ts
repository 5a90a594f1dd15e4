/**
 * The derived views of the client state, computed once in core for every binding (React's hooks,
 * a vanilla page), and the read-only store users get.
 */
import { describe, expect, it } from 'vitest';
import { PiBrowserRequiredError } from '../src/errors/sdk';
import type { PaymentPhase } from '../src/payment/phases';
import { createPaymentSnapshot } from '../src/payment/snapshot';
import { createClientStore } from '../src/store/create-client-store';
import type { PiClientState } from '../src/store/state';
import { createPiClient } from '../src/client/create-pi-client';
import { authView } from '../src/views/auth-view';
import { paymentView } from '../src/views/payment-view';
import { sdkView } from '../src/views/sdk-view';

const initial = (): PiClientState => createClientStore({ sandbox: false, environment: 'browser' }).getState();
const signedIn = (scopes: PiClientState['auth']['scopes'] = ['username', 'payments']): PiClientState => ({
  ...initial(),
  auth: { status: 'authenticated', user: { uid: 'u1', username: 'alice' }, accessToken: 't', scopes, error: null },
});
const withPhase = (state: PiClientState, phase: PaymentPhase) => ({
  ...state,
  payment: { ...createPaymentSnapshot({ amount: 1, memo: 'm', metadata: {} }), phase },
});

describe('paymentView', () => {
  it('no payment: idle, nothing pending; canPay only when signed in with the payments scope', () => {
    expect(paymentView(initial())).toMatchObject({
      phase: 'idle',
      isIdle: true,
      isPending: false,
      canPay: false,
      paymentId: null,
      error: null,
    });
    expect(paymentView(signedIn()).canPay).toBe(true);
    expect(paymentView(signedIn(['username'])).canPay).toBe(false);
  });

  it.each(['creating', 'approving', 'signing', 'completing'] as const)('%s: pending, and no new payment can start', (phase) => {
    expect(paymentView(withPhase(signedIn(), phase))).toMatchObject({ phase, isIdle: false, isPending: true, canPay: false });
  });

  it.each([
    ['completed', { isCompleted: true, isCancelled: false, isFailed: false }],
    ['cancelled', { isCompleted: false, isCancelled: true, isFailed: false }],
    ['failed', { isCompleted: false, isCancelled: false, isFailed: true }],
  ] as const)('%s: ended, and the user can pay again', (phase, flags) => {
    expect(paymentView(withPhase(signedIn(), phase))).toMatchObject({ phase, isPending: false, canPay: true, ...flags });
  });
});

describe('authView', () => {
  it('derives isAuthenticated and isLoading from the auth status, with the incomplete payment', () => {
    expect(authView(initial())).toMatchObject({ status: 'idle', isAuthenticated: false, isLoading: false, incompletePayment: null });
    expect(authView({ ...initial(), auth: { ...initial().auth, status: 'loading' } }).isLoading).toBe(true);
    expect(authView(signedIn())).toMatchObject({ isAuthenticated: true, user: { username: 'alice' }, scopes: ['username', 'payments'] });
  });
});

describe('sdkView', () => {
  it('loading, ready, error, and not-in-pi-browser (which wins, with its error)', () => {
    const base = initial();
    expect(sdkView(base)).toMatchObject({ status: 'loading', isReady: false, error: null, sandbox: false });
    expect(sdkView({ ...base, sdk: { ...base.sdk, status: 'ready' } })).toMatchObject({ status: 'ready', isReady: true });
    const failure = new PiBrowserRequiredError(5_000);
    expect(sdkView({ ...base, sdk: { ...base.sdk, status: 'ready', notInPiBrowser: failure } })).toMatchObject({
      status: 'not-in-pi-browser',
      isReady: true,
      error: failure,
    });
    expect(sdkView({ ...base, sdk: { ...base.sdk, status: 'unavailable' } }).status).toBe('not-in-pi-browser');
  });
});

describe('PiClient.store', () => {
  it('is read-only for users: getState, getInitialState and subscribe, no setState', () => {
    const client = createPiClient({ sandbox: false, sdk: async () => null });
    expect(Object.keys(client.store).sort()).toEqual(['getInitialState', 'getState', 'subscribe']);
    expect('setState' in client.store).toBe(false);
    expect(paymentView(client.store.getState()).phase).toBe('idle');
  });
});
