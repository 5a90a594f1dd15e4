/**
 * Checks of the arguments of `Pi.createPayment`, as Pi's SDK makes them: "If any
 * of these are missing, you'll get an error" (the community guide's payment integration page). A bad `paymentData`
 * is reported through `onError` (no payment created); bad callbacks throw,
 * since there is no `onError` to call.
 */
import type { PaymentCallbacks, PaymentData } from '@pi-kit/core';
import { SimulatedPiError } from './errors';

const CALLBACK_NAMES = ['onReadyForServerApproval', 'onReadyForServerCompletion', 'onCancel', 'onError'] as const;

/** The problem with `data`, or `null` when it is a valid `PaymentData` (amount in π > 0, memo, metadata object). */
export function paymentDataProblem(data: unknown): SimulatedPiError | null {
  const bad = (what: string) =>
    new SimulatedPiError('invalid_payment_data', `Invalid payment data: ${what}. Pass { amount, memo, metadata } to Pi.createPayment.`);
  if (typeof data !== 'object' || data === null) return bad('paymentData must be an object');
  const { amount, memo, metadata } = data as Partial<Record<keyof PaymentData, unknown>>;
  if (amount === undefined) return bad('amount is missing');
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    return bad(`amount must be a finite number of π greater than 0 (got ${JSON.stringify(amount)})`);
  }
  if (memo === undefined) return bad('memo is missing');
  if (typeof memo !== 'string') return bad('memo must be a string');
  if (metadata === undefined) return bad('metadata is missing');
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return bad('metadata must be a plain object');
  }
  return null;
}

/**
 * Throws {@link SimulatedPiError} `invalid_callbacks` unless `callbacks` has the four
 * functions of `PaymentCallbacks`.
 */
export function assertPaymentCallbacks(callbacks: unknown): asserts callbacks is PaymentCallbacks {
  const missing = CALLBACK_NAMES.filter((name) => typeof (callbacks as Record<string, unknown> | null)?.[name] !== 'function');
  if (missing.length > 0) {
    throw new SimulatedPiError(
      'invalid_callbacks',
      `Pi.createPayment needs the callbacks ${CALLBACK_NAMES.join(', ')}; missing: ${missing.join(', ')}.`,
    );
  }
}
