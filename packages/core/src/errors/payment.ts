/**
 * Errors of a payment's life: validation, guards, and each way the U2A flow can end
 * badly.
 *
 * The long "what to do" texts exist in development only (the `DEV` switch,
 * `env/development.ts`); production builds get the short `PiKitError` message with the code
 * (see docs/ERRORS.md).
 *
 * Source: Pi docs, "Payments" (payments.md): `paymentData` keys, `callbacks` keys,
 * "Warning: concurrent payments", "The Payment flow".
 */
import type { PaymentDTO } from '../types/payment';
import { PiKitError, type PiKitErrorOptions } from './base';
import { DEV } from '../env/development';

/** The `PaymentData` field a validation error is about. */
export type PaymentDataField = 'paymentData' | 'amount' | 'memo' | 'metadata';

/**
 * `createPayment` was given invalid `PaymentData` (`code: "invalid_payment_data"`);
 * `field` names the field. Nothing was sent to Pi.
 */
export class InvalidPaymentDataError extends PiKitError<'invalid_payment_data'> {
  declare readonly field: PaymentDataField;
  constructor(field: PaymentDataField, problem: string, options?: PiKitErrorOptions) {
    super('invalid_payment_data', DEV ? `Invalid payment data: \`${field}\` ${problem}` : '', options, {
      name: 'InvalidPaymentDataError',
      field,
    });
  }
}

/**
 * This client's payment is still open (`code: "payment_in_progress"`):
 * - `createPayment` was called again, e.g. a double click: the new payment was not
 *   started; the open one goes on untouched; wait for it to end (or create the client
 *   with `onPaymentConcurrency: 'wait' | 'replace'`);
 * - `resetPayment` was called: only a finished payment can be forgotten; the open one
 *   goes on and stays in `state.payment`.
 */
export class PaymentInProgressError extends PiKitError<'payment_in_progress'> {
  /** The id of the open payment, when Pi already gave it one. */
  declare readonly openPaymentId: string | null;
  constructor(openPaymentId: string | null, options?: PiKitErrorOptions) {
    super(
      'payment_in_progress',
      DEV ? 'A payment is already in progress on this client. Wait until the open payment completes, is cancelled or fails.' : '',
      options,
      { name: 'PaymentInProgressError', openPaymentId },
    );
  }
}

/**
 * The payment was cancelled (`code: "payment_cancelled"`): Pi's SDK called
 * `onCancel` because the user rejected it, did not have enough funds, or a newer
 * payment replaced it (payments.md, `onCancel`). No π moved; the user may try again.
 */
export class PaymentCancelledError extends PiKitError<'payment_cancelled'> {
  declare readonly paymentId: string | null;
  constructor(paymentId: string | null, options?: PiKitErrorOptions) {
    super(
      'payment_cancelled',
      DEV ? 'The payment was cancelled (by the user, for lack of funds, or by a newer payment). No π was moved.' : '',
      options,
      { name: 'PaymentCancelledError', paymentId },
    );
  }
}

/**
 * The app server's Server-Side Approval failed (`code: "approval_failed"`);
 * `cause` is the transport's error (usually a `ServerRequestError` with status and
 * body). While the payment is open this is a warning: Pi's SDK calls
 * `onReadyForServerApproval` again about every 10 s and pi-kit retries. If the
 * payment ends before an approval succeeded, it fails with this error: check the
 * server's `/approve` route and its Pi API key.
 */
export class ApprovalFailedError extends PiKitError<'approval_failed'> {
  declare readonly paymentId: string;
  constructor(paymentId: string, options?: PiKitErrorOptions) {
    super(
      'approval_failed',
      DEV
        ? `The app server could not approve payment ${paymentId}. Check the server's approve route (and its Pi API key); the Pi SDK retries about every 10 seconds until the approval timer ends.`
        : '',
      options,
      { name: 'ApprovalFailedError', paymentId },
    );
  }
}

/**
 * The app server's Server-Side Completion failed (`code: "completion_failed"`).
 * The user has already paid (`txid` is on the blockchain): while the payment is
 * open the SDK calls `onReadyForServerCompletion` again and pi-kit retries; if it
 * never succeeds the payment stays incomplete and is offered again through
 * `onIncompletePaymentFound` at the next `authenticate`. Never deliver before a
 * completion succeeded (the community guide's payment flow, "App Payment Security").
 */
export class CompletionFailedError extends PiKitError<'completion_failed'> {
  declare readonly paymentId: string;
  declare readonly txid: string;
  constructor(paymentId: string, txid: string, options?: PiKitErrorOptions) {
    super(
      'completion_failed',
      DEV
        ? `The app server could not complete payment ${paymentId} (txid ${txid}). The user has paid: check the server's complete route; the payment will be recovered as an incomplete payment if it cannot be completed now.`
        : '',
      options,
      { name: 'CompletionFailedError', paymentId, txid },
    );
  }
}

/**
 * Pi rejected the new payment because an older one of this user already has a
 * blockchain transaction but was not completed (`code: "incomplete_payment"`;
 * payments.md, "Warning: concurrent payments"). `payment` is that pending
 * PaymentDTO; pi-kit sends it to the app server's `incomplete` route for
 * recovery (see `state.incompletePayment`); start the new payment again after.
 */
export class IncompletePaymentError extends PiKitError<'incomplete_payment'> {
  declare readonly payment: PaymentDTO;
  constructor(payment: PaymentDTO, options?: PiKitErrorOptions) {
    super(
      'incomplete_payment',
      DEV
        ? `The user has an incomplete payment (${payment.identifier}) that must be completed first. It was sent to the app server for recovery; start the new payment again once state.incompletePayment is resolved.`
        : '',
      options,
      { name: 'IncompletePaymentError', payment },
    );
  }
}

/**
 * The payment expired before it finished (`code: "payment_expired"`), typically
 * because the Server-Side Approval did not happen within Pi's approval timer
 * (about 60 s). Make the server's approve route answer faster, then retry.
 */
export class PaymentExpiredError extends PiKitError<'payment_expired'> {
  declare readonly paymentId: string | null;
  constructor(paymentId: string | null, options?: PiKitErrorOptions) {
    super(
      'payment_expired',
      DEV
        ? 'The payment expired before it was approved and completed. Start a new payment; make sure the app server approves quickly.'
        : '',
      options,
      { name: 'PaymentExpiredError', paymentId },
    );
  }
}

/**
 * Pi's SDK reported that the payment cannot be made (`code: "payment_error"`):
 * its `onError` callback, or `Pi.createPayment` throwing. `cause` holds the SDK's
 * error and `payment` the PaymentDTO when the SDK passed one.
 */
export class PaymentError extends PiKitError<'payment_error'> {
  declare readonly paymentId: string | null;
  declare readonly payment: PaymentDTO | undefined;
  constructor(paymentId: string | null, payment: PaymentDTO | undefined, options?: PiKitErrorOptions) {
    super(
      'payment_error',
      DEV ? 'The Pi SDK reported that the payment cannot be made; see details. The user may start a new payment.' : '',
      options,
      { name: 'PaymentError', paymentId, payment },
    );
  }
}

/**
 * A payment event arrived in a phase where it is impossible
 * (`code: "invalid_transition"`): a bug in pi-kit, or an SDK that does not behave
 * as Pi documents. It is reported (the `onInvariantViolation` option) and, in
 * development, thrown; it is never applied. Please report it with `details`.
 */
export class InvalidTransitionError extends PiKitError<'invalid_transition'> {
  declare readonly from: string;
  declare readonly event: string;
  declare readonly to: string | undefined;
  constructor(from: string, event: string, to?: string, options?: PiKitErrorOptions) {
    super(
      'invalid_transition',
      DEV
        ? `${to ? `Impossible payment transition ${from} → ${to} (on "${event}")` : `Payment event "${event}" is impossible in phase "${from}"`}. This is a bug in pi-kit or an SDK that does not follow Pi's documentation; please report it.`
        : '',
      options,
      { name: 'InvalidTransitionError', from, event, to },
    );
  }
}
