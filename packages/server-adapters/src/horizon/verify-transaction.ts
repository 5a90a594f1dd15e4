/**
 * Checks on the blockchain (Horizon) that a U2A payment's transaction really paid the app.
 *
 * Source: docs/PI-PLATFORM.md ("A2U payments") (Horizon endpoints: `GET /transactions/{hash}`
 * for memo and `successful`, `GET /transactions/{hash}/operations` for amount and destination).
 */
import type { PaymentDTO } from '@pi-kit/core';
import { HorizonError } from './errors';
import { piToStroops } from '@pi-kit/core';

export interface VerifyTransactionOptions {
  /** Horizon base URL, e.g. `https://api.testnet.minepi.com`. */
  horizonUrl: string;
  /** The app wallet that must have received the π. */
  appWalletAddress: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Resolves when transaction `txid` is `successful`, has memo = the payment identifier, and
 * contains a native `payment` operation of exactly `payment.amount` π to `appWalletAddress`
 * (from `payment.from_address` when the payment has one).
 *
 * @throws HorizonError with code `transaction_not_found`, `transaction_failed`, `memo_mismatch`,
 * `payment_mismatch` or `horizon_unavailable`.
 */
export async function verifyPaymentTransaction(payment: PaymentDTO, txid: string, options: VerifyTransactionOptions): Promise<void> {
  const base = options.horizonUrl.replace(/\/+$/, '');
  const get = async (path: string): Promise<Record<string, unknown>> => {
    const signals = [AbortSignal.timeout(options.timeoutMs ?? 20_000)];
    if (options.signal) signals.push(options.signal);
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(`${base}${path}`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.any(signals),
      });
    } catch (cause) {
      throw new HorizonError('horizon_unavailable', `Horizon GET ${path} failed before an answer came. Try again later.`, { cause });
    }
    if (response.status === 404) {
      throw new HorizonError(
        'transaction_not_found',
        `Transaction ${txid} of payment ${payment.identifier} is not on the blockchain (Horizon 404). Do not deliver.`,
        { status: 404 },
      );
    }
    if (!response.ok) {
      throw new HorizonError('horizon_unavailable', `Horizon GET ${path} answered ${response.status}. Try again later.`, {
        status: response.status,
      });
    }
    try {
      return (await response.json()) as Record<string, unknown>;
    } catch (cause) {
      throw new HorizonError('horizon_unavailable', `Horizon GET ${path} answered a body that is not JSON.`, {
        status: response.status,
        cause,
      });
    }
  };

  const tx = await get(`/transactions/${encodeURIComponent(txid)}`);
  if (tx.successful !== true) {
    throw new HorizonError(
      'transaction_failed',
      `Transaction ${txid} of payment ${payment.identifier} did not succeed on the blockchain. Do not deliver.`,
    );
  }
  if (tx.memo !== payment.identifier) {
    throw new HorizonError(
      'memo_mismatch',
      `Transaction ${txid} has memo ${JSON.stringify(tx.memo)}, not the payment identifier ${payment.identifier}: it pays for something else. Do not deliver.`,
    );
  }
  const ops = await get(`/transactions/${encodeURIComponent(txid)}/operations`);
  const records = ((ops._embedded as { records?: unknown[] } | undefined)?.records ?? []) as Array<Record<string, unknown>>;
  const expected = piToStroops(payment.amount);
  const paid = records.some((op) => {
    if (op.type !== 'payment' || op.asset_type !== 'native' || op.to !== options.appWalletAddress) return false;
    if (payment.from_address && op.from !== undefined && op.from !== payment.from_address) return false;
    return typeof op.amount === 'string' && piToStroops(Number(op.amount)) === expected && op.amount.trim() !== '';
  });
  if (!paid) {
    throw new HorizonError(
      'payment_mismatch',
      `Transaction ${txid} has no payment of ${payment.amount} π to the app wallet ${options.appWalletAddress}. Do not deliver.`,
    );
  }
}
