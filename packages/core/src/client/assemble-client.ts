import { createAuthSession } from './auth-session';
import type { ClientContext } from './context';
import type { PiClient } from './pi-client';
import { createPayments } from './payments';
import { createRecovery } from './recovery';
import { createSdkSession } from './sdk-session';
import { registerStore } from './writable-store';

/** A client from its context: the parts every client has, whatever its defaults. Internal. */
export function assembleClient(ctx: ClientContext): PiClient {
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
