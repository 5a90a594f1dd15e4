/**
 * The simulated Pi blockchain: accounts with native balances and sequence
 * numbers, and transactions applied one per ledger, with Stellar's validity
 * rules (time bounds, fee, sequence, signatures, balance) and Horizon's result
 * codes. Amounts are integer stroops.
 *
 * Source: docs/PI-PLATFORM.md ("A2U payments"); Stellar's transaction validation rules.
 */
import { StrKey, type FeeBumpTransaction, type Transaction } from '@stellar/stellar-sdk';
import { Signer, Verifier, sha256, toBase64, toHex, type WalletKey } from './crypto';
import { PiNetworkStateError } from './errors';
import type { OperationRecord, TransactionRecord } from './records';
import type { SnapshotLedger, SnapshotTransaction } from './types';
import { WalletPaymentRecord } from './wallet-payment-record';

export type { OperationRecord, TransactionRecord } from './records';
import {
  encodePaymentTransaction,
  encodeTransactionResult,
  OP_RESULTS,
  transactionHash,
  type OpResultName,
  type TxResultName,
} from './xdr';

/** An account of the ledger. */
export interface LedgerAccount {
  address: string;
  raw: Uint8Array;
  balance: bigint;
  sequence: bigint;
  lastModifiedLedger: number;
  lastModifiedAt: number;
  verifier: Verifier;
  /** Present for wallets whose secret the simulator holds (users, the app). */
  signer: Signer | undefined;
}

/**
 * The outcome of a submission. `applied`: the transaction is new in the ledger (successful, or
 * `tx_failed` with its fee charged); `replayed`: it was already in the ledger; `refused`: invalid,
 * nothing changed.
 */
export interface SubmissionResult {
  outcome: 'applied' | 'replayed' | 'refused';
  resultCode: TxResultName;
  opResults: OpResultName[];
  resultXdr: string;
  record: TransactionRecord | undefined;
}

const GENESIS_LEDGER = 1_000_000;

function toStroopsString(amount: string): bigint {
  const [whole = '0', frac = ''] = amount.split('.');
  return BigInt(whole) * 10_000_000n + BigInt(`${frac}0000000`.slice(0, 7));
}

function resolveAccountId(address: string): string {
  if (address.startsWith('M')) {
    try {
      const raw = StrKey.decodeMed25519PublicKey(address);
      return StrKey.encodeEd25519PublicKey(Buffer.from(raw.subarray(0, 32)));
    } catch {
      return address;
    }
  }
  return address;
}

/** The ledger of one simulated network. */
export class Ledger {
  readonly networkId: Uint8Array;
  private readonly accounts = new Map<string, LedgerAccount>();
  private readonly transactions = new Map<string, TransactionRecord>();
  private readonly operations = new Map<string, OperationRecord>();
  private current = GENESIS_LEDGER;

  constructor(
    readonly passphrase: string,
    readonly baseFee: bigint,
    private readonly now: () => number,
  ) {
    this.networkId = sha256(new TextEncoder().encode(passphrase));
    this.createdAt = now();
  }

  /** The sequence number of the last closed ledger. */
  get latestLedger(): number {
    return this.current;
  }

  /** Opens an account funded with `balance` stroops; a `key` with its seed makes it a wallet the simulator can sign for. */
  openAccount(key: WalletKey, balance: bigint): LedgerAccount {
    const existing = this.accounts.get(key.publicKey);
    if (existing) return existing;
    return this.addAccount(key, {
      balance,
      sequence: BigInt(GENESIS_LEDGER) << 32n,
      lastModifiedLedger: GENESIS_LEDGER,
      lastModifiedAt: this.now(),
    });
  }

  private addAccount(
    key: WalletKey,
    state: Pick<LedgerAccount, 'balance' | 'sequence' | 'lastModifiedLedger' | 'lastModifiedAt'>,
  ): LedgerAccount {
    const raw = key.rawPublicKey;
    const account: LedgerAccount = {
      address: key.publicKey,
      raw,
      ...state,
      verifier: new Verifier(raw),
      signer: key.rawSeed ? new Signer(key.rawSeed) : undefined,
    };
    this.accounts.set(account.address, account);
    return account;
  }

  account(address: string): LedgerAccount | undefined {
    return this.accounts.get(address);
  }

  transaction(hash: string): TransactionRecord | undefined {
    return this.transactions.get(hash.toLowerCase());
  }

  operation(id: string): OperationRecord | undefined {
    return this.operations.get(id);
  }

  /** Every transaction, oldest first. */
  allTransactions(): TransactionRecord[] {
    return [...this.transactions.values()];
  }

  private readonly closedAt = new Map<number, number>();
  private createdAt: number;

  /** When a ledger closed (ms), or `undefined` for a ledger not closed yet. The genesis ledger closed at creation. */
  ledgerClosedAt(sequence: number): number | undefined {
    if (sequence === GENESIS_LEDGER) return this.createdAt;
    return this.closedAt.get(sequence);
  }

  /** The sequence number of the genesis ledger. */
  get genesisLedger(): number {
    return GENESIS_LEDGER;
  }

  private closeLedger(): { ledger: number; closedAt: number } {
    this.current += 1;
    const closedAt = this.now();
    this.closedAt.set(this.current, closedAt);
    return { ledger: this.current, closedAt };
  }

  private static toid(ledger: number, op: number): string {
    return ((BigInt(ledger) << 32n) | (1n << 12n) | BigInt(op)).toString();
  }

  /**
   * The simulated wallet pays: a one-operation native payment with a text memo, from a wallet the
   * simulator holds the key of, signed lazily (the hash does not depend on the signature).
   * The caller has checked that `source` can pay `amount` + fee.
   */
  walletPayment(source: LedgerAccount, destination: LedgerAccount, amount: bigint, memo: string): TransactionRecord {
    if (!Ledger.holdsKey(source)) throw new Error(`The simulator does not hold the key of ${source.address}.`);
    const nowSeconds = BigInt(Math.floor(this.now() / 1000));
    const sequence = source.sequence + 1n;
    const fee = this.baseFee;
    const txXdr = encodePaymentTransaction({
      source: source.raw,
      fee: Number(fee),
      sequence,
      minTime: 0n,
      maxTime: nowSeconds + 180n,
      memo,
      destination: destination.raw,
      amount,
    });
    const hash = toHex(transactionHash(this.networkId, txXdr));
    const { ledger, closedAt } = this.closeLedger();
    source.sequence = sequence;
    source.balance -= fee + amount;
    destination.balance += amount;
    source.lastModifiedLedger = destination.lastModifiedLedger = ledger;
    source.lastModifiedAt = destination.lastModifiedAt = closedAt;
    const record = Ledger.walletRecord({
      hash,
      ledger,
      closedAt,
      source,
      destination,
      sequence,
      fee,
      memo,
      maxTime: nowSeconds + 180n,
      amount,
    });
    this.store(record);
    return record;
  }

  /** The record of a wallet payment (signed lazily, with the source's signer). */
  private static walletRecord(f: {
    hash: string;
    ledger: number;
    closedAt: number;
    source: LedgerAccount & { signer: Signer };
    destination: LedgerAccount;
    sequence: bigint;
    fee: bigint;
    memo: string;
    maxTime: bigint;
    amount: bigint;
  }): WalletPaymentRecord {
    return new WalletPaymentRecord({
      id: Ledger.toid(f.ledger, 0),
      hash: f.hash,
      ledger: f.ledger,
      closedAt: f.closedAt,
      source: f.source.address,
      sourceRaw: f.source.raw,
      destinationRaw: f.destination.raw,
      signer: f.source.signer,
      sequence: f.sequence,
      fee: f.fee,
      memo: f.memo,
      maxTime: f.maxTime,
      operation: {
        id: Ledger.toid(f.ledger, 1),
        type: 'payment',
        source: f.source.address,
        from: f.source.address,
        to: f.destination.address,
        amount: f.amount,
        successful: true,
        transactionHash: f.hash,
        createdAt: f.closedAt,
      },
    });
  }

  private static holdsKey(account: LedgerAccount): account is LedgerAccount & { signer: Signer } {
    return account.signer !== undefined;
  }

  private store(record: TransactionRecord): void {
    this.transactions.set(record.hash, record);
    for (const op of record.operations) this.operations.set(op.id, op);
  }

  private failure(code: TxResultName, fee: bigint): SubmissionResult {
    return {
      outcome: 'refused',
      resultCode: code,
      opResults: [],
      resultXdr: toBase64(encodeTransactionResult(fee, code)),
      record: undefined,
    };
  }

  private static outcome(outcome: 'applied' | 'replayed', record: TransactionRecord): SubmissionResult {
    return { outcome, resultCode: record.resultCode, opResults: record.opResults, resultXdr: record.resultXdr(), record };
  }

  /**
   * Validates and applies a transaction decoded by `@stellar/stellar-sdk` (with this network's
   * passphrase, so a transaction signed for another network fails its signature check: `tx_bad_auth`).
   * A transaction already in the ledger is answered as it was applied.
   */
  submit(tx: Transaction | FeeBumpTransaction, envelopeXdr: string): SubmissionResult {
    const hashBytes = new Uint8Array(tx.hash());
    const hash = toHex(hashBytes);
    const known = this.transactions.get(hash);
    if (known) return Ledger.outcome('replayed', known);
    if (!('operations' in tx) || !('sequence' in tx)) return this.failure('tx_not_supported', this.baseFee);
    const operations = tx.operations;
    const minFee = this.baseFee * BigInt(Math.max(1, operations.length));
    const feeCharged = minFee;
    if (operations.length === 0) return this.failure('tx_missing_operation', feeCharged);

    const nowSeconds = BigInt(Math.floor(this.now() / 1000));
    const timeBounds = tx.timeBounds ? { min: BigInt(tx.timeBounds.minTime), max: BigInt(tx.timeBounds.maxTime) } : null;
    if (timeBounds && timeBounds.min > nowSeconds) return this.failure('tx_too_early', feeCharged);
    if (timeBounds && timeBounds.max !== 0n && timeBounds.max < nowSeconds) return this.failure('tx_too_late', feeCharged);
    if (BigInt(tx.fee) < minFee) return this.failure('tx_insufficient_fee', feeCharged);

    const source = this.accounts.get(resolveAccountId(tx.source));
    if (!source) return this.failure('tx_no_source_account', feeCharged);
    if (BigInt(tx.sequence) !== source.sequence + 1n) return this.failure('tx_bad_seq', feeCharged);

    // Signatures: every account acting (the source, operation sources) must have signed, and no extra signature.
    const signers = new Map<string, LedgerAccount>([[source.address, source]]);
    for (const op of operations) {
      const opSource = op.source ? this.accounts.get(resolveAccountId(op.source)) : undefined;
      if (opSource) signers.set(opSource.address, opSource);
    }
    const signed = new Set<string>();
    let extra = false;
    for (const decorated of tx.signatures) {
      const hint = new Uint8Array(decorated.hint());
      const sig = new Uint8Array(decorated.signature());
      let used = false;
      for (const account of signers.values()) {
        const h = account.raw.subarray(28);
        if (h[0] !== hint[0] || h[1] !== hint[1] || h[2] !== hint[2] || h[3] !== hint[3]) continue;
        if (account.verifier.verify(hashBytes, sig)) {
          signed.add(account.address);
          used = true;
          break;
        }
      }
      if (!used) extra = true;
    }
    if (!signed.has(source.address)) return this.failure('tx_bad_auth', feeCharged);
    if (source.balance < feeCharged) return this.failure('tx_insufficient_balance', feeCharged);
    if (extra) return this.failure('tx_bad_auth_extra', feeCharged);

    // Apply: fee and sequence always; the operations all or nothing.
    const { ledger, closedAt } = this.closeLedger();
    source.sequence = BigInt(tx.sequence);
    source.balance -= feeCharged;
    const balances = new Map<LedgerAccount, bigint>();
    const balanceOf = (a: LedgerAccount): bigint => balances.get(a) ?? a.balance;
    const opResults: OpResultName[] = [];
    const opRecords: OperationRecord[] = [];
    let failed = false;
    operations.forEach((op, index) => {
      const opSourceId = op.source ? resolveAccountId(op.source) : source.address;
      const base = {
        id: Ledger.toid(ledger, index + 1),
        source: opSourceId,
        transactionHash: hash,
        createdAt: closedAt,
      };
      if (op.type !== 'payment') {
        opResults.push('op_not_supported');
        opRecords.push({ ...base, type: op.type, from: opSourceId, to: '', amount: 0n, successful: false });
        failed = true;
        return;
      }
      const from = this.accounts.get(opSourceId);
      const to = this.accounts.get(resolveAccountId(op.destination));
      const amount = toStroopsString(op.amount);
      const record: OperationRecord = {
        ...base,
        type: 'payment',
        from: opSourceId,
        to: resolveAccountId(op.destination),
        amount,
        successful: false,
      };
      opRecords.push(record);
      let code: OpResultName = 'op_success';
      if (!from) code = 'op_no_source_account';
      else if (amount <= 0n) code = 'op_malformed';
      else if (!op.asset.isNative()) code = 'op_src_no_trust';
      else if (!to) code = 'op_no_destination';
      else if (balanceOf(from) < amount) code = 'op_underfunded';
      if (code !== 'op_success' || !from || !to) {
        opResults.push(code);
        failed = true;
        return;
      }
      balances.set(from, balanceOf(from) - amount);
      balances.set(to, balanceOf(to) + amount);
      opResults.push('op_success');
    });
    if (!failed) {
      for (const [account, balance] of balances) {
        account.balance = balance;
        account.lastModifiedLedger = ledger;
        account.lastModifiedAt = closedAt;
      }
      for (const op of opRecords) op.successful = true;
    }
    source.lastModifiedLedger = ledger;
    source.lastModifiedAt = closedAt;

    const memo = tx.memo;
    let memoText: string | null = null;
    let memoBytes: string | null = null;
    if (memo.type === 'text' && memo.value !== null) {
      const bytes = typeof memo.value === 'string' ? new TextEncoder().encode(memo.value) : new Uint8Array(memo.value);
      memoText = new TextDecoder().decode(bytes);
      memoBytes = toBase64(bytes);
    } else if (memo.type === 'id' && memo.value !== null) memoText = String(memo.value);
    else if ((memo.type === 'hash' || memo.type === 'return') && memo.value !== null)
      memoText = typeof memo.value === 'string' ? memo.value : toBase64(new Uint8Array(memo.value));

    const resultCode: TxResultName = failed ? 'tx_failed' : 'tx_success';
    const record = Ledger.submittedRecord(
      {
        hash,
        ledger,
        closedAt,
        source: source.address,
        sequence: BigInt(tx.sequence),
        maxFee: BigInt(tx.fee),
        feeCharged,
        memoType: memo.type,
        memo: memoText,
        memoBytes,
        timeBounds,
        successful: !failed,
        resultCode,
        opResults,
        operations: opRecords,
      },
      {
        envelopeXdr,
        resultXdr: toBase64(encodeTransactionResult(feeCharged, resultCode, opResults)),
        signatures: tx.signatures.map((s) => toBase64(new Uint8Array(s.signature()))),
      },
    );
    this.store(record);
    return Ledger.outcome('applied', record);
  }

  /** The record of a transaction submitted to Horizon, answering its XDR as it was sent and answered. */
  private static submittedRecord(
    fields: Omit<TransactionRecord, 'id' | 'envelopeXdr' | 'resultXdr' | 'signatures'>,
    xdr: { envelopeXdr: string; resultXdr: string; signatures: string[] },
  ): TransactionRecord {
    return {
      id: Ledger.toid(fields.ledger, 0),
      ...fields,
      envelopeXdr: () => xdr.envelopeXdr,
      resultXdr: () => xdr.resultXdr,
      signatures: () => xdr.signatures,
    };
  }

  // ── snapshot ──────────────────────────────────────────────────────────────

  /** The ledger as plain JSON, for `network.snapshot()`. */
  snapshot(): SnapshotLedger {
    const closeTimes: number[] = [];
    for (let sequence = GENESIS_LEDGER + 1; sequence <= this.current; sequence++) closeTimes.push(this.closedAt.get(sequence)!);
    return {
      genesisClosedAt: this.createdAt,
      closeTimes,
      accounts: [...this.accounts.values()].map((a) => ({
        address: a.address,
        balance: a.balance.toString(),
        sequence: a.sequence.toString(),
        lastModifiedLedger: a.lastModifiedLedger,
        lastModifiedAt: a.lastModifiedAt,
      })),
      transactions: [...this.transactions.values()].map(snapshotTransaction),
    };
  }

  /**
   * Restores a snapshot into this new, empty ledger. `keys`: the wallets the simulator signs for
   * (the app's and the users'), by address. Throws `PiNetworkStateError` (`invalid_state`) for a
   * ledger that does not hold together (an unknown account, a ledger number out of range…).
   */
  restore(state: SnapshotLedger, keys: ReadonlyMap<string, WalletKey>): void {
    const invalid = (what: string): never => {
      throw new PiNetworkStateError('invalid_state', `The snapshot is invalid: ledger.${what}.`);
    };
    this.createdAt = state.genesisClosedAt;
    this.current = GENESIS_LEDGER + state.closeTimes.length;
    state.closeTimes.forEach((closedAt, i) => {
      this.closedAt.set(GENESIS_LEDGER + 1 + i, closedAt);
    });
    state.accounts.forEach((a, i) => {
      if (this.accounts.has(a.address)) invalid(`accounts[${i}] repeats the account ${a.address}`);
      let key = keys.get(a.address);
      if (!key) {
        if (!StrKey.isValidEd25519PublicKey(a.address)) invalid(`accounts[${i}].address is not a Stellar address (G…)`);
        key = { publicKey: a.address, rawPublicKey: new Uint8Array(StrKey.decodeEd25519PublicKey(a.address)) };
      }
      this.addAccount(key, {
        balance: BigInt(a.balance),
        sequence: BigInt(a.sequence),
        lastModifiedLedger: a.lastModifiedLedger,
        lastModifiedAt: a.lastModifiedAt,
      });
    });
    const account = (address: string, where: string): LedgerAccount =>
      this.accounts.get(address) ?? invalid(`${where} names an unknown account`);
    for (const [i, t] of state.transactions.entries()) {
      const where = `transactions[${i}]`;
      if (this.transactions.has(t.hash)) invalid(`${where} repeats the transaction ${t.hash}`);
      if (!(t.ledger > GENESIS_LEDGER && t.ledger <= this.current)) invalid(`${where}.ledger is not a closed ledger`);
      const closedAt = this.closedAt.get(t.ledger)!;
      if (t.kind === 'wallet') {
        const payer = account(t.source, `${where}.source`);
        const source = Ledger.holdsKey(payer) ? payer : invalid(`${where}.source is not a wallet the simulator holds the key of`);
        const destination = account(t.destination, `${where}.destination`);
        const [sequence, fee, maxTime, amount] = [BigInt(t.sequence), BigInt(t.fee), BigInt(t.maxTime), BigInt(t.amount)];
        const fields = {
          source: source.raw,
          fee: Number(fee),
          sequence,
          minTime: 0n,
          maxTime,
          memo: t.memo,
          destination: destination.raw,
          amount,
        };
        if (toHex(transactionHash(this.networkId, encodePaymentTransaction(fields))) !== t.hash)
          invalid(`${where}.hash is not the hash of its transaction (another network, or changed fields)`);
        this.store(
          Ledger.walletRecord({
            hash: t.hash,
            ledger: t.ledger,
            closedAt,
            source,
            destination,
            sequence,
            fee,
            memo: t.memo,
            maxTime,
            amount,
          }),
        );
        continue;
      }
      for (const name of t.opResults) if (!Object.hasOwn(OP_RESULTS, name)) invalid(`${where}.opResults has the unknown result "${name}"`);
      this.store(
        Ledger.submittedRecord(
          {
            hash: t.hash,
            ledger: t.ledger,
            closedAt,
            source: t.source,
            sequence: BigInt(t.sequence),
            maxFee: BigInt(t.maxFee),
            feeCharged: BigInt(t.feeCharged),
            memoType: t.memoType,
            memo: t.memo,
            memoBytes: t.memoBytes,
            timeBounds: t.timeBounds && { min: BigInt(t.timeBounds.min), max: BigInt(t.timeBounds.max) },
            successful: t.resultCode === 'tx_success',
            resultCode: t.resultCode,
            opResults: t.opResults as OpResultName[],
            operations: t.operations.map((op, index) => ({
              id: Ledger.toid(t.ledger, index + 1),
              type: op.type,
              source: op.source,
              from: op.from,
              to: op.to,
              amount: BigInt(op.amount),
              successful: op.successful,
              transactionHash: t.hash,
              createdAt: closedAt,
            })),
          },
          { envelopeXdr: t.envelopeXdr, resultXdr: t.resultXdr, signatures: [...t.signatures] },
        ),
      );
    }
  }
}

/** A transaction of the ledger as plain JSON (64-bit numbers as decimal strings). */
function snapshotTransaction(tx: TransactionRecord): SnapshotTransaction {
  if (tx instanceof WalletPaymentRecord) {
    const op = tx.operations[0]!;
    return {
      kind: 'wallet',
      hash: tx.hash,
      ledger: tx.ledger,
      source: tx.source,
      destination: op.to,
      sequence: tx.sequence.toString(),
      fee: tx.maxFee.toString(),
      memo: tx.memo,
      maxTime: tx.timeBounds.max.toString(),
      amount: op.amount.toString(),
    };
  }
  return {
    kind: 'submitted',
    hash: tx.hash,
    ledger: tx.ledger,
    source: tx.source,
    sequence: tx.sequence.toString(),
    maxFee: tx.maxFee.toString(),
    feeCharged: tx.feeCharged.toString(),
    memoType: tx.memoType,
    memo: tx.memo,
    memoBytes: tx.memoBytes,
    timeBounds: tx.timeBounds && { min: tx.timeBounds.min.toString(), max: tx.timeBounds.max.toString() },
    resultCode: tx.resultCode === 'tx_success' ? 'tx_success' : 'tx_failed',
    opResults: [...tx.opResults],
    operations: tx.operations.map((op) => ({
      type: op.type,
      source: op.source,
      from: op.from,
      to: op.to,
      amount: op.amount.toString(),
      successful: op.successful,
    })),
    envelopeXdr: tx.envelopeXdr(),
    resultXdr: tx.resultXdr(),
    signatures: tx.signatures(),
  };
}
