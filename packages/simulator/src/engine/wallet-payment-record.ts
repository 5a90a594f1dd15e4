/**
 * The ledger record of a payment the simulated wallet made (`Ledger.walletPayment`): a class,
 * so that its lazily built envelope, signature and result XDR are methods on the prototype,
 * not three closures per transaction. The ledger keeps every transaction for the network's
 * life, so the record keeps no bytes either: the signature payload and the transaction XDR are
 * encoded again from its fields when first asked for (the encoding is deterministic).
 */
import { fromHex, toBase64, type Signer } from './crypto';
import type { OperationRecord, TransactionRecord } from './records';
import { encodeEnvelope, encodePaymentTransaction, encodeTransactionResult, type OpResultName, type TxResultName } from './xdr';

const utf8 = new TextEncoder();

/** The fields a wallet payment is built from (`hash`: the hash of the transaction these fields encode). */
export interface WalletPaymentFields {
  id: string;
  hash: string;
  ledger: number;
  closedAt: number;
  source: string;
  /** The source's raw public key (its last 4 bytes are the signature hint). */
  sourceRaw: Uint8Array;
  /** The destination's raw public key. */
  destinationRaw: Uint8Array;
  signer: Signer;
  sequence: bigint;
  fee: bigint;
  memo: string;
  maxTime: bigint;
  operation: OperationRecord;
}

/** A successful one-operation payment signed by a wallet the simulator holds, signed on first use (the hash does not depend on the signature). */
export class WalletPaymentRecord implements TransactionRecord {
  readonly id: string;
  readonly hash: string;
  readonly ledger: number;
  readonly closedAt: number;
  readonly source: string;
  readonly sequence: bigint;
  readonly maxFee: bigint;
  readonly feeCharged: bigint;
  readonly memoType = 'text' as const;
  readonly memo: string;
  readonly memoBytes: string;
  readonly timeBounds: { min: bigint; max: bigint };
  readonly successful = true;
  readonly resultCode: TxResultName = 'tx_success';
  readonly opResults: OpResultName[] = ['op_success'];
  readonly operations: OperationRecord[];
  readonly #sourceRaw: Uint8Array;
  readonly #destinationRaw: Uint8Array;
  readonly #signer: Signer;
  #signature: Uint8Array | undefined;
  #envelope: string | undefined;
  #result: string | undefined;

  constructor(f: WalletPaymentFields) {
    this.id = f.id;
    this.hash = f.hash;
    this.ledger = f.ledger;
    this.closedAt = f.closedAt;
    this.source = f.source;
    this.sequence = f.sequence;
    this.maxFee = f.fee;
    this.feeCharged = f.fee;
    this.memo = f.memo;
    this.memoBytes = toBase64(utf8.encode(f.memo));
    this.timeBounds = { min: 0n, max: f.maxTime };
    this.operations = [f.operation];
    this.#sourceRaw = f.sourceRaw;
    this.#destinationRaw = f.destinationRaw;
    this.#signer = f.signer;
  }

  #sign(): Uint8Array {
    this.#signature ??= this.#signer.sign(fromHex(this.hash));
    return this.#signature;
  }

  envelopeXdr(): string {
    this.#envelope ??= toBase64(
      encodeEnvelope(
        encodePaymentTransaction({
          source: this.#sourceRaw,
          fee: Number(this.maxFee),
          sequence: this.sequence,
          minTime: this.timeBounds.min,
          maxTime: this.timeBounds.max,
          memo: this.memo,
          destination: this.#destinationRaw,
          amount: this.operations[0]!.amount,
        }),
        [{ hint: this.#sourceRaw.subarray(28), signature: this.#sign() }],
      ),
    );
    return this.#envelope;
  }

  resultXdr(): string {
    this.#result ??= toBase64(encodeTransactionResult(this.feeCharged, 'tx_success', ['op_success']));
    return this.#result;
  }

  signatures(): string[] {
    return [toBase64(this.#sign())];
  }
}
