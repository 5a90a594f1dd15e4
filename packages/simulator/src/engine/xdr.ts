/**
 * Hand-written XDR encoders for the few shapes the engine writes itself: the
 * U2A payment transaction the simulated wallet signs, and transaction results.
 * Byte-identical to `@stellar/stellar-sdk`'s encoding (checked in
 * `test/engine/xdr.test.ts` and `test/horizon/horizon.test.ts`) and ~20× cheaper than building through
 * `TransactionBuilder`, which keeps the engine fast enough for test suites.
 *
 * Source: Stellar XDR (`Stellar-transaction.x`): TransactionEnvelope (ENVELOPE_TYPE_TX),
 * TransactionSignaturePayload, TransactionResult.
 */
import { sha256 } from './crypto';

/** A growable XDR writer (big-endian, 4-byte aligned). */
class XdrWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  int32(v: number): this {
    this.ensure(4);
    this.view.setInt32(this.length, v);
    this.length += 4;
    return this;
  }
  uint32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, v);
    this.length += 4;
    return this;
  }
  int64(v: bigint): this {
    this.ensure(8);
    this.view.setBigInt64(this.length, v);
    this.length += 8;
    return this;
  }
  uint64(v: bigint): this {
    this.ensure(8);
    this.view.setBigUint64(this.length, v);
    this.length += 8;
    return this;
  }
  /** Fixed-length opaque (no length prefix), padded to 4 bytes. */
  fixed(bytes: Uint8Array): this {
    const padded = (bytes.length + 3) & ~3;
    this.ensure(padded);
    this.buf.set(bytes, this.length);
    this.buf.fill(0, this.length + bytes.length, this.length + padded);
    this.length += padded;
    return this;
  }
  /** Variable-length opaque or string: length, bytes, padding. */
  variable(bytes: Uint8Array): this {
    return this.uint32(bytes.length).fixed(bytes);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const ENVELOPE_TYPE_TX = 2;
const KEY_TYPE_ED25519 = 0;
const PRECOND_TIME = 1;
const MEMO_TEXT = 1;
const OPERATION_PAYMENT = 1;
const ASSET_TYPE_NATIVE = 0;

/** The fields of a one-operation native payment transaction with a text memo. */
export interface PaymentTxFields {
  source: Uint8Array;
  fee: number;
  sequence: bigint;
  minTime: bigint;
  maxTime: bigint;
  memo: string;
  destination: Uint8Array;
  amount: bigint;
}

/** The XDR of the `Transaction` (not the envelope). */
export function encodePaymentTransaction(f: PaymentTxFields): Uint8Array {
  const memo = new TextEncoder().encode(f.memo);
  if (memo.length > 28) throw new RangeError('A text memo holds at most 28 bytes.');
  return new XdrWriter()
    .int32(KEY_TYPE_ED25519)
    .fixed(f.source)
    .uint32(f.fee)
    .int64(f.sequence)
    .int32(PRECOND_TIME)
    .uint64(f.minTime)
    .uint64(f.maxTime)
    .int32(MEMO_TEXT)
    .variable(memo)
    .uint32(1) // one operation
    .uint32(0) // no operation source account
    .int32(OPERATION_PAYMENT)
    .int32(KEY_TYPE_ED25519)
    .fixed(f.destination)
    .int32(ASSET_TYPE_NATIVE)
    .int64(f.amount)
    .int32(0) // ext
    .bytes();
}

/** The transaction hash (its id, the txid): SHA-256 of the signature payload. */
export function transactionHash(networkId: Uint8Array, transactionXdr: Uint8Array): Uint8Array {
  const payload = new Uint8Array(32 + 4 + transactionXdr.length);
  payload.set(networkId, 0);
  new DataView(payload.buffer).setInt32(32, ENVELOPE_TYPE_TX);
  payload.set(transactionXdr, 36);
  return sha256(payload);
}

/** A `TransactionEnvelope` (v1) of a transaction XDR and its signatures. */
export function encodeEnvelope(transactionXdr: Uint8Array, signatures: Array<{ hint: Uint8Array; signature: Uint8Array }>): Uint8Array {
  const w = new XdrWriter().int32(ENVELOPE_TYPE_TX).fixed(transactionXdr).uint32(signatures.length);
  for (const s of signatures) w.fixed(s.hint).variable(s.signature);
  return w.bytes();
}

/** Transaction result codes (XDR `TransactionResultCode`), by Horizon's name. */
export const TX_RESULT_CODES = {
  tx_success: 0,
  tx_failed: -1,
  tx_too_early: -2,
  tx_too_late: -3,
  tx_missing_operation: -4,
  tx_bad_seq: -5,
  tx_bad_auth: -6,
  tx_insufficient_balance: -7,
  tx_no_source_account: -8,
  tx_insufficient_fee: -9,
  tx_bad_auth_extra: -10,
  tx_internal_error: -11,
  tx_not_supported: -12,
  tx_malformed: -16,
} as const;

/** Horizon's name of a transaction result. */
export type TxResultName = keyof typeof TX_RESULT_CODES;

/**
 * Operation results this ledger produces, by Horizon's name: `op_success`, the payment
 * failures, and `op_not_supported` for any operation other than a native payment.
 */
export const OP_RESULTS = {
  op_success: { outer: 0, payment: 0 },
  op_malformed: { outer: 0, payment: -1 },
  op_underfunded: { outer: 0, payment: -2 },
  op_src_no_trust: { outer: 0, payment: -3 },
  op_no_destination: { outer: 0, payment: -5 },
  op_no_trust: { outer: 0, payment: -6 },
  op_no_source_account: { outer: -2, payment: undefined },
  op_not_supported: { outer: -3, payment: undefined },
} as const;

/** Horizon's name of an operation result. */
export type OpResultName = keyof typeof OP_RESULTS;

/** A `TransactionResult` XDR. `operations` only for `tx_success` and `tx_failed`. */
export function encodeTransactionResult(feeCharged: bigint, code: TxResultName, operations: OpResultName[] = []): Uint8Array {
  const w = new XdrWriter().int64(feeCharged).int32(TX_RESULT_CODES[code]);
  if (code === 'tx_success' || code === 'tx_failed') {
    w.uint32(operations.length);
    for (const op of operations) {
      const r = OP_RESULTS[op];
      w.int32(r.outer);
      if (r.payment !== undefined) w.int32(OPERATION_PAYMENT).int32(r.payment);
    }
  }
  return w.int32(0).bytes();
}
