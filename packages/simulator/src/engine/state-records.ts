/**
 * What the engine keeps of users, payments and access tokens (its pure state). Amounts are integer
 * stroops; the public shapes (`SimUser`, `PaymentDTO`) are built from these.
 */
import type { Direction, PaymentStatus, PaymentTransaction, Scope } from '@pi-kit/core';
import type { LedgerAccount } from './ledger';
import type { CancelReason, SimUser } from './types';

/** A user and their wallet account. */
export interface UserRecord {
  user: SimUser;
  account: LedgerAccount;
}

/** A payment, either direction. */
export interface PaymentRecord {
  identifier: string;
  userUid: string;
  amount: bigint;
  memo: string;
  metadataJson: string;
  from: string;
  to: string;
  direction: Direction;
  createdAt: string;
  createdAtMs: number;
  status: PaymentStatus;
  /** Frozen: replaced, never changed, so event snapshots share it. */
  transaction: Readonly<PaymentTransaction> | null;
  cancelReason?: CancelReason;
  /** The metadata parsed and deep-frozen once, shared by the payment's event snapshots. */
  frozenMetadata?: Readonly<Record<string, unknown>>;
}

/** An access token granted by `authenticate`. */
export interface TokenRecord {
  uid: string;
  scopes: Scope[];
  validUntil: number;
}
