/**
 * The {@link SdkBackend} over HTTP: calls the simulator server's JSON bridge
 * (`/__sim/rpc/*`, see `bridge-protocol.ts`) with `fetch`, and watches payments by
 * polling. Used by the browser script; Node tests use it too (the conformance suite).
 * Browser-safe: no Node API.
 */
import { PiKitError, type PaymentDTO } from '@pi-kit/core';
import type { PaymentState, SdkBackend } from './backend';
import { BRIDGE_PATH, type BridgeMethod } from './bridge-protocol';

/** Options of {@link createHttpBackend}. */
export interface HttpBackendOptions {
  /** How often a watched payment is polled, in ms. Default 250. */
  pollMs?: number;
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /**
   * Called when the simulator's "leave incomplete" scenario crashes the browser right after the
   * user signed `paymentId` (the bridge answered `crash: true`). The signing call then never
   * settles, as in a page that went away: the app is not told of the payment until the user
   * signs in again. The browser script reloads the page here.
   */
  onSimulatedCrash?: (paymentId: string) => void;
}

/**
 * An error answer of the bridge. `code` is Pi's or the engine's `error` code (e.g. `insufficient_funds`,
 * `ongoing_payment_found`, `user_not_found`; `network_error` when the server cannot be reached), so
 * code checks work as in-process; `payment` is the payment concerned, when there is one.
 */
export class BridgeError extends PiKitError<string> {
  override name = 'BridgeError';
  constructor(
    code: string,
    message: string,
    readonly status: number,
    readonly payment: PaymentDTO | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** An {@link SdkBackend} calling the simulator server at `baseUrl` (e.g. `http://127.0.0.1:4000`). */
export function createHttpBackend(baseUrl: string, options: HttpBackendOptions = {}): SdkBackend {
  const root = baseUrl.replace(/\/+$/, '');
  const pollMs = options.pollMs ?? 250;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<T>(method: BridgeMethod, ...args: unknown[]): Promise<T> {
    return (await answer<T>(method, args)).result;
  }

  async function answer<T>(method: BridgeMethod, args: unknown[]): Promise<{ result: T; crash: boolean }> {
    let response: Response;
    try {
      response = await doFetch(`${root}${BRIDGE_PATH}/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ args }),
      });
    } catch (cause) {
      throw new BridgeError('network_error', `The Pi simulator at ${root} could not be reached: is pi-sim running?`, 0, undefined, {
        cause,
      });
    }
    const body = (await response.json().catch(() => undefined)) as
      | { result?: T; crash?: boolean; error?: string; error_message?: string; payment?: PaymentDTO }
      | undefined;
    if (response.ok && body && 'result' in body) return { result: body.result as T, crash: body.crash === true };
    throw new BridgeError(
      body?.error ?? 'bridge_error',
      body?.error_message ?? `The Pi simulator answered ${response.status}.`,
      response.status,
      body?.payment,
    );
  }

  return {
    timings: () => call('timings'),
    authenticate: (user, scopes) => call('authenticate', user, scopes),
    createPayment: (user, data) => call('createPayment', user, data),
    paymentState: (paymentId) => call('paymentState', paymentId),
    incompletePaymentOf: (user) => call('incompletePaymentOf', user),
    openPaymentOf: (user) => call('openPaymentOf', user),
    async submitTransaction(paymentId) {
      const { result, crash } = await answer<PaymentDTO>('submitTransaction', [paymentId]);
      if (!crash) return result;
      options.onSimulatedCrash?.(paymentId);
      return new Promise<PaymentDTO>(() => {}); // the page is gone: nothing after signing runs
    },
    cancelByUser: (paymentId, reason) => call('cancelByUser', paymentId, reason),
    expire: (paymentId) => call('expire', paymentId),
    balanceOf: (user) => call('balanceOf', user),
    showAd: (user, type) => call('showAd', user, type),
    watchPayment(paymentId, listener) {
      let last = '';
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        call<PaymentState | null>('paymentState', paymentId)
          .then((state) => {
            if (!state) return;
            const seen = JSON.stringify(state);
            if (seen === last) return;
            last = seen;
            listener(state);
          })
          .catch(() => undefined)
          .finally(() => {
            busy = false;
          });
      }, pollMs);
      return () => clearInterval(timer);
    },
    log: (entry) => {
      call('log', entry).catch(() => undefined);
    },
  };
}
