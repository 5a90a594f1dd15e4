/**
 * Bugs `pnpm fuzz` found, kept as regression tests: in server-adapters' routes (57d9539 for
 * the token, 081dd36 for /incomplete) and functions (the target "server-adapters public
 * functions (any options)"), and in core's public functions given plain-JavaScript input (the
 * target "core public functions (any arguments)").
 */
import {
  createFetchTransport,
  createPaymentSnapshot,
  createPiClient,
  InvalidOptionError,
  InvalidScopesError,
  InvalidTransitionError,
  isIncompletePayment,
  loadPiSdk,
  paymentReducer,
  ServerRequestError,
  type PaymentEvent,
} from '@pi-kit/core';
import { createMemoryStore, createPiPlatformClient, PiConfigError, piConfigFromEnv } from '@pi-kit/server-adapters';
import { createPiNetwork, createSimulatedPi } from '@pi-kit/simulator';
import { describe, expect, it, vi } from 'vitest';
import { APP, createFixture } from './fixture';

const post = (f: Awaited<ReturnType<typeof createFixture>>, route: string, body: unknown) =>
  f.handlers.fetch(
    new Request(`${APP}/api/pi/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );

describe('server-adapters bugs', () => {
  it("POST /incomplete without an access token does not cancel another user's payment in progress", async () => {
    const f = await createFixture();
    const { identifier } = f.payments.awaitingApproval; // bob's, waiting for approval, no transaction
    const response = await post(f, 'incomplete', { paymentId: identifier, txid: null });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(f.network.getPayment(identifier)!.status.cancelled).toBe(false);
  });

  it('an access token with control characters is refused with a 4xx, not 502 pi_unavailable', async () => {
    const f = await createFixture();
    for (const accessToken of ['\u0000', 'a\nb']) {
      const response = await post(f, 'approve', { paymentId: f.payments.awaitingApproval.identifier, accessToken });
      expect(response.status).toBeLessThan(500);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('server-adapters bugs (options of the wrong type)', () => {
  it('createPiPlatformClient, createMemoryStore and piConfigFromEnv throw PiConfigError, not TypeError', () => {
    for (const options of [{ baseUrl: 5 }, { timeoutMs: Symbol('ms') }, { retryDelayMs: 'soon' }])
      expect(() => createPiPlatformClient({ apiKey: 'k', ...options } as never)).toThrow(PiConfigError);
    expect(() => createMemoryStore(null as never)).not.toThrow(); // null: the defaults
    expect(() => createMemoryStore({ now: 5 } as never)).toThrow(PiConfigError);
    for (const env of [undefined, null, { PI_API_KEY: 5 }, { PI_API_KEY: 'k', PI_SANDBOX: true }])
      expect(() => piConfigFromEnv(env as never)).toThrow(PiConfigError);
  });
});

describe('core bugs (plain-JavaScript input to public functions)', () => {
  it('authenticate() with invalid scopes rejects and leaves a signed-in user signed in', async () => {
    const network = createPiNetwork({ seed: 1, users: [{ username: 'bob', balance: 10 }] });
    const transport = { approve: vi.fn(), complete: vi.fn(), cancel: vi.fn(), incomplete: vi.fn() };
    const client = createPiClient({ sandbox: false, sdk: createSimulatedPi(network, { user: 'bob' }), transport, logger: false });
    const { accessToken } = await client.authenticate(['username', 'payments']);
    for (const scopes of [false, [], [''], 'payments']) {
      await expect(client.authenticate(scopes as never)).rejects.toBeInstanceOf(InvalidScopesError);
      expect(client.store.getState().auth).toMatchObject({ status: 'authenticated', accessToken, error: null });
    }
  });

  it.each([[{ payment: {} }], [{ payment: { identifier: 'another-payment' } }]])(
    "an approve answer without this payment's PaymentDTO (%j) fails the approval with a typed error, never leaves it pending",
    async (answer) => {
      const network = createPiNetwork({ seed: 2, users: [{ username: 'bob', balance: 10 }] });
      const pi = createSimulatedPi(network, { user: 'bob', wallet: 'manual' });
      const approve = vi.fn(async () => answer);
      const transport = { approve, complete: vi.fn(), cancel: vi.fn(), incomplete: vi.fn() };
      const client = createPiClient({ sandbox: false, sdk: pi, transport: transport as never, logger: false, strict: false });
      await client.authenticate(['username', 'payments']);
      const handle = client.createPayment({ amount: 1, memo: 'm', metadata: {} });
      handle.promise.catch(() => undefined);
      // Failed, not pending: the SDK's next onReadyForServerApproval asks the server again.
      await vi.waitFor(() => expect(handle.snapshot.approval.status).toBe('failed'));
      expect(approve).toHaveBeenCalledTimes(1);
      expect(handle.snapshot).toMatchObject({
        phase: 'approving',
        error: { code: 'approval_failed', cause: { code: 'server_request_failed' } },
      });
      pi.dispose();
    },
  );

  it('paymentReducer: a malformed event is an InvalidTransitionError, never a TypeError', () => {
    const state = { ...createPaymentSnapshot({ amount: 1, memo: 'm', metadata: {} }), phase: 'approving' as const, paymentId: 'p' };
    for (const event of [null, 5, {}, { type: Symbol('x') }, { type: 'approvalFailed' }, { type: 'reject', error: 'no' }])
      expect(() => paymentReducer(state, event as unknown as PaymentEvent)).toThrow(InvalidTransitionError);
    const started = paymentReducer(state, { type: 'approvalStarted' });
    expect(() => paymentReducer(started, { type: 'approvalSucceeded', payment: null } as never)).toThrow(InvalidTransitionError);
    // The SDK's onError with junk in place of the error and the payment still ends the payment, typed.
    const failed = paymentReducer(state, { type: 'sdkError', error: null, payment: {} } as never);
    expect(failed).toMatchObject({ phase: 'failed', paymentId: 'p', error: { code: 'payment_error' } });
  });

  it('isIncompletePayment answers false for what is not a PaymentDTO', () => {
    for (const value of [null, undefined, 5, {}, { identifier: 'p', transaction: { txid: 't' } }])
      expect(isIncompletePayment(value as never)).toBe(false);
  });

  it('loadPiSdk(null) and createFetchTransport(null) use the defaults instead of throwing a TypeError', async () => {
    await expect(loadPiSdk(null as never)).resolves.toBeNull(); // on the server: no SDK
    expect(Object.keys(createFetchTransport(null as never)).sort()).toEqual(['approve', 'cancel', 'complete', 'incomplete']);
  });

  it('createFetchTransport: an option of the wrong type is an InvalidOptionError at once; a failing headers function or body a ServerRequestError', async () => {
    for (const options of [{ baseUrl: 5 }, { basePath: {} }, { fetch: 'fetch' }, { headers: 1 }, { credentials: true }])
      expect(() => createFetchTransport(options as never)).toThrow(InvalidOptionError);
    const fetch = vi.fn();
    const throwing = createFetchTransport({ fetch, headers: () => Promise.reject(new Error('no token')) });
    await expect(throwing.approve({ paymentId: 'p', accessToken: 't' })).rejects.toBeInstanceOf(ServerRequestError);
    const plain = createFetchTransport({ fetch });
    await expect(plain.approve({ paymentId: 'p', accessToken: 1n } as never)).rejects.toBeInstanceOf(ServerRequestError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('createPiClient: an option of the wrong type is an InvalidOptionError at once, never a TypeError later', () => {
    for (const [option, value] of [
      ['logger', {}],
      ['logger', { warn: 5, error: () => undefined }],
      ['logger', true],
      ['transport', 5],
      ['sdk', 'pi'],
      ['serverUrl', 5],
      ['basePath', null],
      ['version', 2],
      ['onInvariantViolation', 'log'],
      ['onPaymentConcurrency', 1n],
      ['authTimeoutMs', Symbol('ms')],
    ] as const) {
      expect(() => createPiClient({ sandbox: false, [option]: value } as never), option).toThrow(
        expect.objectContaining({ code: 'invalid_option', option }),
      );
    }
  });
});
