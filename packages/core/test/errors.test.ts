import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { transform } from 'esbuild';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  ApprovalFailedError,
  AuthenticationError,
  CompletionFailedError,
  IncompletePaymentError,
  InvalidOptionError,
  InvalidPaymentDataError,
  InvalidScopesError,
  InvalidTransitionError,
  NotAuthenticatedError,
  NotInitializedError,
  PaymentCancelledError,
  PaymentError,
  PaymentExpiredError,
  PaymentInProgressError,
  PiBrowserRequiredError,
  PiKitError,
  SdkCallError,
  SdkLoadError,
  SdkUnavailableError,
  ServerRequestError,
  UnsupportedVersionError,
  isPiKitError,
  normalizeSdkError,
  type PaymentDTO,
  type PiKitErrorOf,
  type RouteError,
} from '@pi-kit/core';

const pending: PaymentDTO = {
  identifier: 'pay_1',
  user_uid: 'uid_1',
  amount: 1,
  memo: 'm',
  metadata: {},
  from_address: 'GA',
  to_address: 'GB',
  direction: 'user_to_app',
  created_at: '2026-01-01T00:00:00.000Z',
  network: 'Pi Testnet',
  status: { developer_approved: true, transaction_verified: true, developer_completed: false, cancelled: false, user_cancelled: false },
  transaction: { txid: 'tx_1', verified: true, _link: 'https://horizon/tx_1' },
};

describe('error classes', () => {
  const cause = new Error('boom');
  const cases: Array<[PiKitError, string, string, RegExp]> = [
    [new SdkLoadError('timeout', 'https://x/pi-sdk.js', { cause }), 'sdk_load_failed', 'SdkLoadError', /did not load in time.*retry/],
    [new SdkLoadError('script_error', 'https://x/pi-sdk.js'), 'sdk_load_failed', 'SdkLoadError', /failed to load/],
    [new SdkLoadError('missing_global', 'https://x/pi-sdk.js'), 'sdk_load_failed', 'SdkLoadError', /did not define window\.Pi/],
    [new SdkUnavailableError(), 'sdk_unavailable', 'SdkUnavailableError', /only in the browser/],
    [
      new NotInitializedError('createPayment'),
      'not_initialized',
      'NotInitializedError',
      /Pi\.createPayment\(\).*<PiProvider>.*usePiSdk\(\)\.isReady.*client\.init\(\)/,
    ],
    [new UnsupportedVersionError('3.0', ['2.0']), 'unsupported_version', 'UnsupportedVersionError', /"3\.0".*"2\.0"/],
    [new SdkCallError('openUrlInSystemBrowser', { cause }), 'sdk_call_failed', 'SdkCallError', /openUrlInSystemBrowser/],
    [new PiBrowserRequiredError(10_000), 'pi_browser_required', 'PiBrowserRequiredError', /10000 ms.*Pi Browser/],
    [new AuthenticationError({ cause }), 'authentication_failed', 'AuthenticationError', /sandbox/],
    [new NotAuthenticatedError('createPayment', 'payments'), 'not_authenticated', 'NotAuthenticatedError', /"payments" scope/],
    [new InvalidScopesError('the array is empty'), 'invalid_scopes', 'InvalidScopesError', /array is empty/],
    [new InvalidPaymentDataError('memo', 'must be a string.'), 'invalid_payment_data', 'InvalidPaymentDataError', /`memo`/],
    [new PaymentInProgressError('pay_1'), 'payment_in_progress', 'PaymentInProgressError', /already in progress/],
    [new PaymentCancelledError('pay_1'), 'payment_cancelled', 'PaymentCancelledError', /cancelled/],
    [new ApprovalFailedError('pay_1', { cause }), 'approval_failed', 'ApprovalFailedError', /approve payment pay_1/],
    [new CompletionFailedError('pay_1', 'tx_1', { cause }), 'completion_failed', 'CompletionFailedError', /pay_1.*tx_1.*has paid/],
    [new IncompletePaymentError(pending), 'incomplete_payment', 'IncompletePaymentError', /pay_1.*recovery/],
    [new PaymentExpiredError('pay_1'), 'payment_expired', 'PaymentExpiredError', /expired/],
    [new PaymentError('pay_1', pending, { cause }), 'payment_error', 'PaymentError', /cannot be made/],
    [new InvalidOptionError('sandbox', 'set it explicitly.'), 'invalid_option', 'InvalidOptionError', /`sandbox`.*explicitly/],
    [new InvalidTransitionError('completed', 'cancel'), 'invalid_transition', 'InvalidTransitionError', /"cancel".*"completed"/],
    [
      new ServerRequestError({ route: 'approve', url: '/api/pi/approve', status: 500, body: { error: { code: 'x', message: 'db down' } } }),
      'server_request_failed',
      'ServerRequestError',
      /answered 500 to \/api\/pi\/approve/,
    ],
  ];

  it.each(cases)('%s has a stable code, its own name and a message that says what to do', (error, code, name, message) => {
    expect(error).toBeInstanceOf(PiKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
    expect(error.shortMessage).toMatch(message);
  });

  it('keeps the cause and its message as details', () => {
    const error = new ApprovalFailedError('pay_1', { cause });
    expect(error.cause).toBe(cause);
    expect(error.details).toBe('boom');
    expect(error.paymentId).toBe('pay_1');
  });

  it('carries the pending payment, the field, the status and body', () => {
    expect(new IncompletePaymentError(pending).payment).toBe(pending);
    expect(new InvalidPaymentDataError('amount', 'x').field).toBe('amount');
    const body = { error: { code: 'payment_not_found', message: 'no such payment' } };
    const server = new ServerRequestError({ route: 'complete', url: '/c', status: 404, body });
    expect([server.status, server.body, server.serverCode, server.route]).toEqual([404, body, 'payment_not_found', 'complete']);
    const network = new ServerRequestError({ route: 'approve', url: '/a', status: null, body: null });
    expect(network.shortMessage).toMatch(/Could not reach the app server/);
    expect(network.serverCode).toBeUndefined();
  });
});

describe('production messages', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  /** Core loaded afresh: `DEV` is decided once, when core is loaded, as in an app. */
  const freshCore = async () => {
    vi.resetModules();
    return (await import('@pi-kit/core')) as typeof import('@pi-kit/core');
  };
  const make = (core: typeof import('@pi-kit/core')) => [
    new core.PaymentCancelledError('pay_1'),
    new core.CompletionFailedError('pay_1', 'tx_1', { cause: new Error('boom') }),
    new core.ServerRequestError({ route: 'approve', url: '/api/pi/approve', status: 502, body: 'Bad gateway' }),
    new core.InvalidPaymentDataError('memo', 'must be a string.'),
    new core.NotAuthenticatedError('createPayment', 'payments'),
  ];

  it('with NODE_ENV=production: the code and where to read about it, with the same fields, cause and details', async () => {
    const development = make(await freshCore());
    vi.stubEnv('NODE_ENV', 'production');
    const production = make(await freshCore());
    for (const [i, error] of production.entries()) {
      const dev = development[i]!;
      expect(error.shortMessage).toBe(`pi-kit error ${error.code}; see "Errors" in the @pi-kit/core README`);
      expect(dev.shortMessage).not.toBe(error.shortMessage);
      expect([error.name, error.code, error.details, error.cause]).toEqual([dev.name, dev.code, dev.details, dev.cause]);
      expect({ ...error }).toEqual({ ...dev, shortMessage: error.shortMessage });
    }
    expect(production[1]!.message).toBe('pi-kit error completion_failed; see "Errors" in the @pi-kit/core README\n\nDetails: boom');
    expect(production[2]!.details).toBe('Bad gateway');
  });

  it('where `process` does not exist (a browser without a bundler define): production, no crash', async () => {
    // The switch evaluated where there is no `process` at all (a fresh V8 context).
    const source = readFileSync(fileURLToPath(new URL('../src/env/development.ts', import.meta.url)), 'utf8');
    const { code } = await transform(source, { loader: 'ts', format: 'cjs' });
    const module = { exports: {} as { DEV?: boolean } };
    runInNewContext(code, { module, exports: module.exports });
    expect(module.exports.DEV).toBe(false);
  });

  it("a failure of the app server carries the server's status, code and message in production too", async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const core = await freshCore();
    const body = { error: { code: 'pi_unauthorized', message: "Pi's API refused approve (401 invalid_key): bad key." } };
    const server = new core.ServerRequestError({ route: 'approve', url: '/api/pi/approve', status: 502, body });
    const approval = new core.ApprovalFailedError('pay_1', { cause: server });
    const expected = "The app server answered 502 pi_unauthorized: Pi's API refused approve (401 invalid_key): bad key.";
    expect([server.details, approval.details]).toEqual([expected, expected]);
    expect(approval.message).toBe(`pi-kit error approval_failed; see "Errors" in the @pi-kit/core README\n\nDetails: ${expected}`);
  });

  it('subclasses from other packages keep their own message', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const core = await freshCore();
    expect(new core.PiKitError('custom', 'Custom text.').shortMessage).toBe('Custom text.');
  });
});

describe('normalizeSdkError', () => {
  it('returns Error objects with a message as they are', () => {
    const error = new TypeError('bad');
    expect(normalizeSdkError(error)).toBe(error);
    const typed = new PaymentCancelledError('p');
    expect(normalizeSdkError(typed)).toBe(typed);
  });

  it('turns strings into Errors', () => {
    const error = normalizeSdkError('Failed to open URL');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Failed to open URL');
  });

  it('reads message or error from plain objects and keeps them as cause', () => {
    const value = { message: 'Messaging promise with id 0 timed out after 60000ms' };
    const error = normalizeSdkError(value);
    expect(error.message).toBe(value.message);
    expect(error.cause).toBe(value);
    expect(normalizeSdkError({ error: 'A pending payment needs to be handled.' }).message).toBe('A pending payment needs to be handled.');
  });

  it.each([undefined, null, '', '   ', {}, 42, new Error('')])('gives %s a fallback message', (value) => {
    const error = normalizeSdkError(value, 'fallback text');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('fallback text');
  });
});

describe('isPiKitError', () => {
  it('recognises pi-kit errors, optionally by code', () => {
    const error = new PaymentCancelledError('p');
    expect(isPiKitError(error)).toBe(true);
    expect(isPiKitError(error, 'payment_cancelled')).toBe(true);
    expect(isPiKitError(error, 'payment_error')).toBe(false);
    expect(isPiKitError(new Error('x'))).toBe(false);
    expect(isPiKitError('payment_cancelled')).toBe(false);
  });
  it('narrows to the class of the code; a misspelt code does not compile (checked by tsc)', () => {
    const error: unknown = new ServerRequestError({ route: 'approve', url: '/a', status: 502, body: null });
    if (!isPiKitError(error, 'server_request_failed')) throw new Error('expected a ServerRequestError');
    expectTypeOf(error).toEqualTypeOf<ServerRequestError>();
    expect(error.status).toBe(502);
    expectTypeOf(error.serverCode).toExtend<string | undefined>();
    expectTypeOf<PiKitErrorOf<'payment_cancelled'>>().toEqualTypeOf<PaymentCancelledError>();
    expectTypeOf<PiKitErrorOf<'payment_not_found'>>().toEqualTypeOf<RouteError>();
    // @ts-expect-error not a pi-kit error code
    expect(isPiKitError(error, 'not_a_code')).toBe(false);
  });
});
