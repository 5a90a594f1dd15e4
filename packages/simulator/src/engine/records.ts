/**
 * The records of the simulated ledger: its transactions and their operations, as Horizon shows
 * them. Amounts are integer stroops.
 */
import type { OpResultName, TxResultName } from './xdr';

/** An operation of a ledger transaction. */
export interface OperationRecord {
  id: string;
  type: string;
  source: string;
  from: string;
  to: string;
  amount: bigint;
  successful: boolean;
  transactionHash: string;
  createdAt: number;
}

/** A transaction of the ledger (applied: successful, or failed with its fee charged). */
export interface TransactionRecord {
  id: string;
  hash: string;
  ledger: number;
  closedAt: number;
  source: string;
  sequence: bigint;
  maxFee: bigint;
  feeCharged: bigint;
  memoType: 'none' | 'text' | 'id' | 'hash' | 'return';
  memo: string | null;
  memoBytes: string | null;
  timeBounds: { min: bigint; max: bigint } | null;
  successful: boolean;
  resultCode: TxResultName;
  opResults: OpResultName[];
  operations: OperationRecord[];
  /** Base64 envelope XDR (signed lazily for wallet transactions). */
  envelopeXdr(): string;
  /** Base64 `TransactionResult` XDR. */
  resultXdr(): string;
  /** Base64 signatures. */
  signatures(): string[];
}
