import { Account, Asset, Keypair, Memo, Networks, Operation, TransactionBuilder, hash, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/engine/crypto';
import {
  OP_RESULTS,
  TX_RESULT_CODES,
  encodeEnvelope,
  encodePaymentTransaction,
  encodeTransactionResult,
  transactionHash,
  type OpResultName,
  type TxResultName,
} from '../../src/engine/xdr';

const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('hand-written XDR', () => {
  it('encodes every transaction result code as the Stellar library decodes it', () => {
    for (const name of Object.keys(TX_RESULT_CODES) as TxResultName[]) {
      const ops: OpResultName[] = name === 'tx_success' ? ['op_success'] : name === 'tx_failed' ? ['op_success', 'op_underfunded'] : [];
      const decoded = xdr.TransactionResult.fromXDR(Buffer.from(encodeTransactionResult(100_000n, name, ops)));
      // Horizon names txNoAccount "tx_no_source_account"; every other name is the XDR name in snake case.
      expect(decoded.result().switch().name, name).toBe(name === 'tx_no_source_account' ? 'txNoAccount' : camel(name));
      expect(decoded.feeCharged().toString()).toBe('100000');
    }
  });

  it('encodes every operation result as the Stellar library decodes it', () => {
    const expected: Record<OpResultName, [string, string | undefined]> = {
      op_success: ['opInner', 'paymentSuccess'],
      op_malformed: ['opInner', 'paymentMalformed'],
      op_underfunded: ['opInner', 'paymentUnderfunded'],
      op_src_no_trust: ['opInner', 'paymentSrcNoTrust'],
      op_no_destination: ['opInner', 'paymentNoDestination'],
      op_no_trust: ['opInner', 'paymentNoTrust'],
      op_no_source_account: ['opNoAccount', undefined],
      op_not_supported: ['opNotSupported', undefined],
    };
    for (const name of Object.keys(OP_RESULTS) as OpResultName[]) {
      const decoded = xdr.TransactionResult.fromXDR(Buffer.from(encodeTransactionResult(100n, 'tx_failed', [name])));
      const op = decoded.result().results()[0]!;
      expect(op.switch().name, name).toBe(expected[name][0]);
      if (expected[name][1]) expect(op.tr().paymentResult().switch().name, name).toBe(expected[name][1]);
    }
  });

  it('encodes a payment transaction and envelope byte for byte as TransactionBuilder, with the same hash', () => {
    const source = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 1));
    const destination = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 2));
    const built = new TransactionBuilder(new Account(source.publicKey(), '41'), {
      fee: '100000',
      networkPassphrase: Networks.TESTNET,
      timebounds: { minTime: 0, maxTime: 1_800_000_000 },
    })
      .addOperation(Operation.payment({ destination: destination.publicKey(), asset: Asset.native(), amount: '3.1415926' }))
      .addMemo(Memo.text('abcdefghijklmnopqrstuvwxyz12'))
      .build();
    built.sign(source);
    const txXdr = encodePaymentTransaction({
      source: source.rawPublicKey(),
      fee: 100_000,
      sequence: 42n,
      minTime: 0n,
      maxTime: 1_800_000_000n,
      memo: 'abcdefghijklmnopqrstuvwxyz12',
      destination: destination.rawPublicKey(),
      amount: 31_415_926n,
    });
    const networkId = new Uint8Array(hash(Buffer.from(Networks.TESTNET)));
    expect(toHex(transactionHash(networkId, txXdr))).toBe(built.hash().toString('hex'));
    const envelope = encodeEnvelope(txXdr, [{ hint: source.rawPublicKey().subarray(28), signature: built.signatures[0]!.signature() }]);
    expect(Buffer.from(envelope).toString('base64')).toBe(built.toEnvelope().toXDR('base64'));
  });

  it('refuses a text memo over 28 bytes', () => {
    const key = new Uint8Array(32);
    const fields = { source: key, fee: 100, sequence: 1n, minTime: 0n, maxTime: 0n, destination: key, amount: 1n };
    expect(() => encodePaymentTransaction({ ...fields, memo: 'x'.repeat(29) })).toThrow(RangeError);
    expect(() => encodePaymentTransaction({ ...fields, memo: 'é'.repeat(15) })).toThrow(RangeError);
  });
});
