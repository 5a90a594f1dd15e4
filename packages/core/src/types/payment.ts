/**
 * Payment types of the Pi browser SDK, exactly as Pi documents them.
 *
 * Source: Pi SDK docs, "Payments" (payments.md), sections `paymentData` keys,
 * `callbacks` keys, Type `PaymentDTO`, Type `Direction`, Type `AppNetwork`.
 */

import type { JsonObject, JsonSafe } from './json';

/** Which way the π moves. Source: Pi docs, Type `Direction`. */
export type Direction = 'user_to_app' | 'app_to_user';

/** The network a payment is made on. Source: Pi docs, Type `AppNetwork`. */
export type AppNetwork = 'Pi Network' | 'Pi Testnet';

/**
 * What the app asks the user to pay, passed to `Pi.createPayment`.
 *
 * - `amount`: in π, a finite number greater than 0 (e.g. `3.1415`).
 * - `memo`: shown to the user on the confirmation page (e.g. `"Digital kitten #1234"`).
 * - `metadata`: a JSON object for the app's own use, linking the payment to its order; typed by
 *   `Metadata` (inferred at `createPayment` / `pay`). A value JSON cannot carry (`Date`,
 *   `undefined`, a function) does not compile.
 *
 * Source: Pi docs, "Payments", `paymentData` keys.
 */
export interface PaymentData<Metadata extends object = JsonObject> {
  amount: number;
  memo: string;
  metadata: Metadata & JsonSafe<Metadata>;
}

/**
 * Callbacks passed to `Pi.createPayment`.
 *
 * `onReadyForServerApproval` and `onReadyForServerCompletion` are invoked again
 * roughly every 10 seconds while the previous attempt failed and their timer runs,
 * so whatever they trigger must be idempotent.
 *
 * Source: Pi docs, "Payments", `callbacks` keys.
 */
export interface PaymentCallbacks {
  /** Called with the payment identifier once Pi's servers created the payment: approve it server-side. */
  onReadyForServerApproval: (paymentId: string) => void;
  /** Called with the blockchain transaction id once the user submitted it: complete it server-side. */
  onReadyForServerCompletion: (paymentId: string, txid: string) => void;
  /** Called when the payment is cancelled: by the user, for insufficient funds, or by a concurrent payment. */
  onCancel: (paymentId: string) => void;
  /** Called when the payment cannot be made; `payment` is present when it had been created. */
  onError: (error: Error, payment?: PaymentDTO) => void;
}

/** The status flags of a payment. Source: Pi docs, Type `PaymentDTO`, `status`. */
export interface PaymentStatus {
  /** Server-Side Approval done. */
  developer_approved: boolean;
  /** Blockchain transaction verified. */
  transaction_verified: boolean;
  /** Server-Side Completion done. */
  developer_completed: boolean;
  /** Cancelled by the developer or by Pi Network. */
  cancelled: boolean;
  /** Cancelled by the user. */
  user_cancelled: boolean;
}

/** The blockchain transaction of a payment. Source: Pi docs, Type `PaymentDTO`, `transaction`. */
export interface PaymentTransaction {
  /** Id (hash) of the blockchain transaction. */
  txid: string;
  /** True if the transaction matches the payment. */
  verified: boolean;
  /** A link to the operation on the blockchain API (Horizon). */
  _link: string;
}

/**
 * A payment as Pi's servers describe it: passed to `onIncompletePaymentFound` and
 * `onError`, and returned by every Platform API payment endpoint.
 *
 * `amount` is in π. `created_at` is an ISO 8601 timestamp. `transaction` is `null`
 * until the user submitted the blockchain transaction.
 *
 * Source: Pi docs, "Payments", Type `PaymentDTO`.
 */
export interface PaymentDTO {
  identifier: string;
  user_uid: string;
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
  from_address: string;
  to_address: string;
  direction: Direction;
  created_at: string;
  network: AppNetwork;
  status: PaymentStatus;
  transaction: PaymentTransaction | null;
}
