/**
 * Shapes of Pi's Platform API (`https://api.minepi.com/v2`), used by servers.
 *
 * Source: Pi Platform API docs; docs/PI-PLATFORM.md ("The Platform API").
 */
import type { Scope } from './auth';
import type { PaymentDTO } from './payment';

/** What `GET /v2/me` answers for a valid user access token. */
export interface UserDTO {
  uid: string;
  username?: string;
  credentials: {
    scopes: Scope[];
    valid_until: { timestamp: number; iso8601: string };
  };
}

/** The body of `POST /v2/payments` (A2U). `amount` in π; `uid` is the recipient's app-specific id. */
export interface A2UPaymentArgs {
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
  uid: string;
}

/** What `GET /v2/payments/incomplete_server_payments` answers. */
export interface IncompleteServerPaymentsDTO {
  incomplete_server_payments: PaymentDTO[];
}

/**
 * Error codes seen in Pi's own Node SDK and API answers (not all documented).
 * Unknown codes are admitted as plain strings.
 */
export type PiApiErrorCode =
  | 'payment_not_found'
  | 'invalid_amount'
  | 'invalid_arguments'
  | 'invalid_metadata'
  | 'user_not_found'
  | 'missing_scope'
  | 'missing_wallet'
  | 'ongoing_payment_found'
  | 'too_many_payments'
  | 'already_completed'
  | 'already_approved'
  | 'cancelled_payment'
  | 'missing_txid'
  | 'txid_mismatch'
  | 'not_verified'
  | 'verification_failed'
  | 'forbidden'
  | 'payment_tx_present'
  | 'unauthorized'
  | (string & {});

/** The body of a Platform API error answer. */
export interface PiApiErrorBody {
  error: PiApiErrorCode;
  error_message: string;
  payment?: PaymentDTO;
  verification_error?: string;
}
