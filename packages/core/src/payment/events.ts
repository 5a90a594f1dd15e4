import type { PiKitError } from '../errors/base';
import type { PaymentDTO } from '../types/payment';

/**
 * Everything that can happen to a payment, as input of {@link paymentReducer}:
 *
 * - client: `start` (calling `Pi.createPayment`), `reject` (it could not be
 *   started: invalid data, a guard, or `Pi.createPayment` threw);
 * - Pi's SDK callbacks (payments.md, `callbacks` keys): `readyForServerApproval`,
 *   `readyForServerCompletion`, `cancel`, `sdkError`;
 * - the app server's answers: `approvalStarted|Succeeded|Failed`,
 *   `completionStarted|Succeeded|Failed`;
 * - `sdkGaveUp`: after a failed completion the SDK stopped re-invoking
 *   `onReadyForServerCompletion` (its completion timer ended): the payment stays
 *   incomplete at Pi and ends `failed` here with the kept `CompletionFailedError`.
 */
export type PaymentEvent =
  | { type: 'start' }
  | { type: 'reject'; error: PiKitError }
  | { type: 'readyForServerApproval'; paymentId: string }
  | { type: 'readyForServerCompletion'; paymentId: string; txid: string }
  | { type: 'cancel'; paymentId: string }
  | { type: 'sdkError'; error: Error; payment?: PaymentDTO | undefined }
  | { type: 'approvalStarted' }
  | { type: 'approvalSucceeded'; payment: PaymentDTO }
  | { type: 'approvalFailed'; error: PiKitError }
  | { type: 'completionStarted' }
  | { type: 'completionSucceeded'; payment: PaymentDTO }
  | { type: 'completionFailed'; error: PiKitError }
  | { type: 'sdkGaveUp' };

/** The `type` of a {@link PaymentEvent}. */
export type PaymentEventType = PaymentEvent['type'];
