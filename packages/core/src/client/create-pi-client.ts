import { createAuthSession } from './auth-session';
import { createClientContext } from './context';
import type { PiClientOptions } from './options';
import type { PiClient } from './pi-client';
import { createPayments } from './payments';
import { createRecovery } from './recovery';
import { createSdkSession } from './sdk-session';
import { registerStore } from './writable-store';

/**
 * Creates a Pi client. Nothing happens until `init`/`authenticate` is called, so it
 * is safe to create during SSR.
 *
 * ```ts
 * const client = createPiClient({ sandbox: false });
 * await client.authenticate(['username', 'payments']);
 * const payment = client.createPayment({ amount: 3.14, memo: 'Kitten #1234', metadata: { orderId: 1234 } });
 * payment.on('phase', (phase) => console.log(phase));
 * const completed = await payment; // PaymentDTO, after the server's /complete succeeded
 * ```
 *
 * Source: Pi SDK reference (`Pi.init`, `Pi.authenticate`, `Pi.createPayment`), payments.md and the community guide's payment pages (docs/PI-PLATFORM.md).
 *
 * @throws {InvalidOptionError} (`code: "invalid_option"`, `option` naming it) without an explicit
 * boolean `sandbox`, with a non-positive `authTimeoutMs`/`sdkRetryTimeoutMs`, an unknown
 * `onPaymentConcurrency`, a `logger` other than `false` or `{ warn, error }` functions, or
 * another option of the wrong type (`sdkUrl`, `version`, `serverUrl`, `basePath`: strings;
 * `sdk`: a `PiSdk` or a function; `transport`: an object; `onInvariantViolation`: a function).
 */
export function createPiClient(options: PiClientOptions): PiClient {
  const ctx = createClientContext(options);
  const sdk = createSdkSession(ctx);
  const recovery = createRecovery(ctx);
  const auth = createAuthSession(ctx, sdk, recovery.onIncompletePaymentFound);
  const payments = createPayments(ctx, sdk, recovery);
  const { getState, getInitialState, subscribe } = ctx.store;
  return {
    store: registerStore({ getState, getInitialState, subscribe }, ctx.store),
    sandbox: ctx.sandbox,
    init: sdk.init,
    authenticate: auth.authenticate,
    signOut: auth.signOut,
    createPayment: payments.createPayment,
    resetPayment: payments.resetPayment,
    recoverIncompletePayment: recovery.recover,
    getSdk: sdk.current,
  };
}
