import type { PiKitError } from '../errors/base';
import { normalizeSdkError } from '../errors/normalize';
import { PaymentError, PaymentInProgressError } from '../errors/payment';
import { NotAuthenticatedError, NotInitializedError } from '../errors/sdk';
import { PaymentMachine, type PaymentHandle } from '../payment/machine';
import { isTerminalPhase } from '../payment/phases';
import { canRequest, isIncompletePayment } from '../payment/reducer';
import { validatePaymentData } from '../payment/validate';
import type { ApproveRequestBody, CompleteRequestBody } from '../contract/routes';
import type { JsonObject } from '../types/json';
import type { PaymentCallbacks, PaymentData } from '../types/payment';
import { callTransport } from './call-transport';
import type { ClientContext } from './context';
import type { Recovery } from './recovery';
import type { SdkSession } from './sdk-session';
import { DEV } from '../env/development';

/** The payment part of a client. Internal. */
export interface Payments {
  createPayment<Metadata extends object = JsonObject>(data: PaymentData<Metadata>): PaymentHandle;
  resetPayment(): void;
}

/**
 * Creates the client's `createPayment`: validates the data, applies the
 * one-open-payment guard (`onPaymentConcurrency`), waits for a recovery under way,
 * calls `Pi.createPayment`, and drives a `PaymentMachine` from the SDK's callbacks
 * and the server's answers (payments.md and the community guide's payment flow). The current payment is
 * mirrored in `state.payment` until `resetPayment` detaches it.
 */
export function createPayments(ctx: ClientContext, sdk: SdkSession, recovery: Recovery): Payments {
  const { store, logger, transport } = ctx;
  /** The last payment created (open, waiting or ended): the double-click guard. */
  let last: PaymentMachine | null = null;
  /** The payment shown in `state.payment`: only its changes reach the store. */
  let shown: PaymentMachine | null = null;

  const machine = (data: PaymentData | null) =>
    new PaymentMachine(data, {
      onChange: (payment, snapshot) => {
        if (payment === shown) store.setState({ payment: snapshot });
      },
      onInvariantViolation: ctx.onInvariantViolation,
      onListenerError: (error) => logger.error('payment listener threw', error),
      strict: ctx.options.strict,
    });

  const show = (payment: PaymentMachine) => {
    shown = payment;
    store.setState({ payment: payment.snapshot });
  };

  function createPayment<Metadata extends object>(input: PaymentData<Metadata>): PaymentHandle {
    const open = last && !last.settled ? last : null;
    let data: PaymentData;
    try {
      data = validatePaymentData(input);
    } catch (error) {
      const rejected = machine(null);
      if (!open) show(rejected);
      rejected.dispatch({ type: 'reject', error: error as PiKitError });
      return rejected;
    }
    const payment = machine(data);
    if (open && ctx.concurrency === 'reject') {
      payment.dispatch({
        type: 'reject',
        error: new PaymentInProgressError(open.paymentId, {
          details: DEV ? 'The new payment was not started; the open one goes on untouched.' : 'new payment not started',
        }),
      });
      return payment;
    }
    last = payment;
    if (open && ctx.concurrency === 'wait') void open.ended.then(() => start(payment, data));
    else void start(payment, data);
    return payment;
  }

  async function start(payment: PaymentMachine, data: PaymentData): Promise<void> {
    show(payment);
    // Pi would reject a new payment while an older one with a transaction is pending (payments.md): wait
    // for its recovery. Otherwise Pi.createPayment is called synchronously, within the user's gesture.
    if (recovery.busy()) await recovery.idle();
    const reject = (error: PiKitError) => void payment.dispatchSafely({ type: 'reject', error });
    const pi = sdk.current();
    if (!pi) return reject(new NotInitializedError('createPayment'));
    const auth = store.getState().auth;
    if (auth.status !== 'authenticated' || !auth.accessToken) return reject(new NotAuthenticatedError('createPayment'));
    if (!auth.scopes.includes('payments')) return reject(new NotAuthenticatedError('createPayment', 'payments'));
    payment.dispatch({ type: 'start' });
    try {
      pi.createPayment(data, callbacks(payment));
    } catch (thrown) {
      reject(new PaymentError(null, undefined, { cause: normalizeSdkError(thrown) }));
    }
  }

  function callbacks(payment: PaymentMachine): PaymentCallbacks {
    // After a failed completion, the SDK's silence for sdkRetryTimeoutMs means its completion timer ended.
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    payment.on('change', (next, previous) => {
      if (next.phase !== 'completing') clearTimeout(giveUp);
      else if (next.completion.status === 'failed' && previous.completion.status !== 'failed') {
        clearTimeout(giveUp);
        giveUp = setTimeout(() => {
          const { phase, completion } = payment.snapshot;
          if (phase === 'completing' && completion.status === 'failed') payment.dispatchSafely({ type: 'sdkGaveUp' });
        }, ctx.sdkRetryTimeoutMs);
      }
    });
    const withToken = <T extends object>(body: T): T & { accessToken?: string } => {
      const token = ctx.accessToken();
      return token ? { ...body, accessToken: token } : body;
    };

    return {
      onReadyForServerApproval: (paymentId) => {
        const snapshot = payment.dispatch({ type: 'readyForServerApproval', paymentId });
        if (snapshot.phase === 'approving' && canRequest(snapshot.approval))
          void serve(payment, 'approve', { paymentId, accessToken: ctx.accessToken() ?? '' });
      },
      onReadyForServerCompletion: (paymentId, txid) => {
        clearTimeout(giveUp);
        const snapshot = payment.dispatch({ type: 'readyForServerCompletion', paymentId, txid });
        if (snapshot.phase === 'completing' && canRequest(snapshot.completion))
          void serve(payment, 'complete', withToken({ paymentId, txid }));
      },
      onCancel: (paymentId) => {
        const before = payment.phase;
        if (payment.dispatch({ type: 'cancel', paymentId }).phase === before) return;
        // Let the server release the order (contract route `cancel`); the payment's outcome does not depend on it.
        callTransport(transport, 'cancel', withToken({ paymentId })).catch((error: unknown) =>
          logger.warn(DEV ? `Telling the app server that payment ${paymentId} was cancelled failed.` : `cancel ${paymentId}`, error),
        );
      },
      onError: (error, pending) => {
        // Seed 002: the new payment is rejected because an older one has a transaction: recover the older one.
        if (pending && pending.identifier !== payment.paymentId && isIncompletePayment(pending)) recovery.onIncompletePaymentFound(pending);
        payment.dispatch({ type: 'sdkError', error: normalizeSdkError(error), payment: pending });
      },
    };
  }

  /**
   * One Server-Side Approval (`approve`) or Completion (`complete`) request: the step is marked
   * pending, then succeeded with the server's PaymentDTO or failed with its error (retried at the
   * SDK's next re-invocation).
   */
  async function serve(
    payment: PaymentMachine,
    route: 'approve' | 'complete',
    body: CompleteRequestBody | ApproveRequestBody,
  ): Promise<void> {
    const step = route === 'approve' ? 'approval' : 'completion';
    payment.dispatch({ type: `${step}Started` });
    try {
      const answer = await callTransport(transport, route, body as CompleteRequestBody & ApproveRequestBody);
      payment.dispatchSafely({ type: `${step}Succeeded`, payment: answer.payment });
    } catch (error) {
      logger.warn(
        DEV
          ? `Server-Side ${route === 'approve' ? 'Approval' : 'Completion'} of payment ${body.paymentId} failed; retrying when the Pi SDK calls again.`
          : `${route} ${body.paymentId}`,
        error,
      );
      payment.dispatchSafely({ type: `${step}Failed`, error: error as PiKitError });
    }
  }

  function resetPayment(): void {
    if (!shown) return;
    // The phase, not `settled`: store subscribers and `phase` listeners run before the handle settles.
    if (!isTerminalPhase(shown.phase)) {
      throw new PaymentInProgressError(shown.paymentId, {
        details: DEV ? 'resetPayment() only forgets a finished payment; the open one goes on and stays in state.payment.' : 'resetPayment',
      });
    }
    // Detach it: answers that still arrive for it (a late approval or completion) update its
    // handle, never the store.
    shown = null;
    store.setState({ payment: null });
  }

  return { createPayment, resetPayment };
}
