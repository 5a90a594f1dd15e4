/**
 * App-to-user (A2U) payments: create → submit on the blockchain → complete, plus cancel
 * and recovery, as Pi's Node and Ruby SDKs do it (seed `000_…`, `../shared/PI-PLATFORM.md` §3),
 * without their defects (typed errors, no single cached payment, the incomplete list unwrapped,
 * a double submission refused, submissions serialised per wallet, Horizon 5xx and `tx_too_early` retried).
 */
import { Asset, Horizon, Memo, Operation, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { A2UPaymentArgs, AppNetwork, PaymentDTO } from '@pi-kit/core';
import { PiConfigError } from '../errors/config-error';
import { horizonUrlFor } from '../horizon/urls';
import { createPiPlatformClient, type PiPlatformClient, type PiPlatformClientOptions } from '../platform/client';
import { PiApiError } from '../platform/errors';
import { backoffDelay, sleep } from '../platform/retry';
import { A2UError } from './errors';
import { withWalletLock } from './wallet-lock';
import { walletKeypair } from './wallet-seed';

export interface A2UClientOptions {
  /** The app's server API key; or pass `platform`. */
  apiKey?: string;
  /** A Platform API client, or options for one (with `apiKey`). */
  platform?: PiPlatformClient | Omit<PiPlatformClientOptions, 'apiKey'>;
  /** The app wallet's secret seed (`S…`, 56 characters). Kept in memory only; never logged. */
  walletSeed: string;
  /** Refuse payments of the other network; default: the payment's own network decides. */
  network?: AppNetwork;
  /** Horizon URL; default Pi's Horizon of the payment's network. */
  horizonUrl?: string;
  /** Fixed fee per operation in stroops; default Horizon's base fee (`fetchBaseFee`). */
  baseFee?: number;
  /** Validity of a transaction in seconds (time bounds from Horizon's clock); default 180, at least 30. */
  timeoutSeconds?: number;
  /** Retries of a submission after Horizon 5xx, network errors or `tx_too_early`; default 3. */
  horizonRetries?: number;
  /** Delay before the first Horizon retry in ms (doubled each time); default 500. */
  retryDelayMs?: number;
}

/** What `recoverIncompletePayments` did, by payment id. */
export interface A2URecoveryReport {
  /** Had a transaction on the blockchain: completed on Pi now. */
  completed: string[];
  /** Had no transaction: submitted and completed now. */
  submitted: string[];
  failed: Array<{ paymentId: string; code: string; message: string }>;
}

/** The A2U client. Every method rejects with `A2UError` or `PiApiError`. */
export interface A2UClient {
  /** The app wallet's public address (`G…`). */
  readonly walletAddress: string;
  /** `POST /v2/payments`: creates the payment (`amount` in π, to user `uid`); not retried (see `PiPlatformClient.createA2UPayment`). */
  createPayment(args: A2UPaymentArgs): Promise<PaymentDTO>;
  /**
   * Builds, signs and submits the payment's Stellar transaction (source = app wallet,
   * one native payment of `amount` to `to_address`, memo = payment id, fee from Horizon,
   * time bounds) and resolves its hash, the txid. Re-reads the payment first and refuses
   * one that already has a transaction (`payment_has_txid`), is cancelled, completed, of
   * the wrong direction, network or wallet.
   */
  submitPayment(paymentId: string): Promise<string>;
  /** `POST /v2/payments/{id}/complete` with the txid. */
  completePayment(paymentId: string, txid: string): Promise<PaymentDTO>;
  /** create → submit → complete. Resolves the completed payment. */
  pay(args: A2UPaymentArgs): Promise<PaymentDTO>;
  /** `POST /v2/payments/{id}/cancel` (only before a transaction exists). */
  cancelPayment(paymentId: string): Promise<PaymentDTO>;
  /** `GET /v2/payments/incomplete_server_payments`: the array. */
  getIncompleteServerPayments(): Promise<PaymentDTO[]>;
  /** Finishes every incomplete A2U payment: completes those with a transaction, submits and completes the others. */
  recoverIncompletePayments(): Promise<A2URecoveryReport>;
}

/**
 * Creates an A2U client.
 *
 * @throws A2UError `invalid_wallet_seed`; PiConfigError `invalid_config` without `apiKey`/`platform`.
 */
export function createA2UClient(options: A2UClientOptions): A2UClient {
  const keypair = walletKeypair(options?.walletSeed);
  const walletAddress = keypair.publicKey();
  const platform: PiPlatformClient =
    typeof (options.platform as PiPlatformClient | undefined)?.getPayment === 'function'
      ? (options.platform as PiPlatformClient)
      : (() => {
          if (!options.apiKey) throw new PiConfigError('createA2UClient: `apiKey` (or a `platform` client) is required.');
          return createPiPlatformClient({ ...((options.platform as object | undefined) ?? {}), apiKey: options.apiKey });
        })();
  const timeoutSeconds = Math.max(30, options.timeoutSeconds ?? 180);
  const policy = { retries: options.horizonRetries ?? 3, baseDelayMs: options.retryDelayMs ?? 500 };

  function horizonFor(network: AppNetwork): Horizon.Server {
    const url = options.horizonUrl ?? horizonUrlFor(network);
    return new Horizon.Server(url, { allowHttp: url.startsWith('http:') });
  }

  function check(payment: PaymentDTO): void {
    const id = payment.identifier;
    if (payment.direction !== 'app_to_user')
      throw new A2UError('wrong_direction', `Payment ${id} is user-to-app; only A2U payments are submitted by the app.`, { paymentId: id });
    if (options.network && payment.network !== options.network)
      throw new A2UError('wrong_network', `Payment ${id} is on "${payment.network}", not "${options.network}".`, { paymentId: id });
    if (payment.from_address !== walletAddress)
      throw new A2UError(
        'wrong_source_wallet',
        `Payment ${id} must be paid from ${payment.from_address}, not from the configured wallet ${walletAddress}.`,
        { paymentId: id },
      );
    if (payment.status.cancelled || payment.status.user_cancelled)
      throw new A2UError('payment_cancelled', `Payment ${id} is cancelled; create a new one.`, { paymentId: id });
    if (payment.status.developer_completed)
      throw new A2UError('payment_already_completed', `Payment ${id} is already completed.`, { paymentId: id });
    if (payment.transaction) {
      throw new A2UError(
        'payment_has_txid',
        `Payment ${id} already has transaction ${payment.transaction.txid}: submitting again would pay twice. Complete it instead.`,
        { paymentId: id },
      );
    }
  }

  async function build(server: Horizon.Server, payment: PaymentDTO): Promise<Transaction> {
    const [account, fee, timebounds] = await Promise.all([
      server.loadAccount(walletAddress),
      options.baseFee !== undefined ? Promise.resolve(options.baseFee) : server.fetchBaseFee(),
      server.fetchTimebounds(timeoutSeconds),
    ]);
    return new TransactionBuilder(account, { fee: String(fee), networkPassphrase: payment.network, timebounds })
      .addOperation(Operation.payment({ destination: payment.to_address, asset: Asset.native(), amount: payment.amount.toFixed(7) }))
      .addMemo(Memo.text(payment.identifier))
      .build();
  }

  async function submit(paymentId: string): Promise<string> {
    check(await platform.getPayment(paymentId));
    return withWalletLock(walletAddress, async () => {
      // Read again inside the lock: an earlier submission of this payment may just have finished.
      const payment = await platform.getPayment(paymentId);
      check(payment);
      const server = horizonFor(payment.network);
      // Pi links a transaction to its payment by memo, maybe with a delay: ask the ledger too.
      const earlier = await findLandedPayment(server, walletAddress, payment.identifier);
      if (earlier === 'unknown')
        throw new A2UError(
          'horizon_unavailable',
          `Horizon could not list the app wallet's transactions; payment ${paymentId} was not submitted. Try again later.`,
          { paymentId },
        );
      if (earlier)
        throw new A2UError('payment_has_txid', `Payment ${paymentId} was already paid by transaction ${earlier}: complete it instead.`, {
          paymentId,
        });
      let transaction: Transaction | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          transaction ??= await build(server, payment);
          if (!transaction.signatures.length) transaction.sign(keypair);
          const result = await server.submitTransaction(transaction);
          return result.hash;
        } catch (error) {
          const info = horizonFailure(error);
          if (info.transactionCode === 'tx_bad_seq') {
            // The wallet's sequence moved: an earlier attempt (ours, its answer lost) or another
            // process may have paid this payment already. Never rebuild before looking.
            const landed = await findLandedPayment(server, walletAddress, payment.identifier);
            if (landed === 'unknown') {
              throw new A2UError(
                'horizon_unavailable',
                `The wallet's sequence changed while submitting payment ${paymentId} and Horizon could not tell whether it was paid; run recoverIncompletePayments() later.`,
                { cause: error, paymentId },
              );
            }
            if (landed) return landed;
          }
          const retryable =
            info.transactionCode === 'tx_too_early' || info.status === undefined || info.status >= 500 || info.status === 429;
          if (info.transactionCode === 'tx_too_early' || info.transactionCode === 'tx_too_late' || info.transactionCode === 'tx_bad_seq')
            transaction = undefined;
          if (!retryable || attempt > policy.retries) {
            if (info.status !== undefined && info.status < 500 && info.transactionCode !== 'tx_too_early') {
              throw new A2UError(
                'transaction_failed',
                `Horizon refused the transaction of payment ${paymentId} (${info.transactionCode ?? info.status}${info.operationCodes?.length ? `: ${info.operationCodes.join(', ')}` : ''}).`,
                {
                  cause: error,
                  paymentId,
                  resultCodes: { transaction: info.transactionCode, operations: info.operationCodes },
                },
              );
            }
            throw new A2UError(
              'horizon_unavailable',
              `Horizon did not accept the transaction of payment ${paymentId} after ${attempt} attempts; try again later (the payment has no txid yet).`,
              { cause: error, paymentId },
            );
          }
          await sleep(backoffDelay(policy, attempt));
        }
      }
    });
  }

  const client: A2UClient = {
    walletAddress,
    createPayment: (args) => platform.createA2UPayment(args),
    submitPayment: submit,
    completePayment: (paymentId, txid) => platform.completePayment(paymentId, txid),
    async pay(args) {
      const payment = await client.createPayment(args);
      const txid = await client.submitPayment(payment.identifier);
      return client.completePayment(payment.identifier, txid);
    },
    cancelPayment: (paymentId) => platform.cancelPayment(paymentId),
    getIncompleteServerPayments: () => platform.getIncompleteServerPayments(),
    async recoverIncompletePayments() {
      const report: A2URecoveryReport = { completed: [], submitted: [], failed: [] };
      for (const payment of await platform.getIncompleteServerPayments()) {
        const id = payment.identifier;
        try {
          if (payment.transaction) {
            await platform.completePayment(id, payment.transaction.txid);
            report.completed.push(id);
          } else {
            const txid = await submit(id);
            await platform.completePayment(id, txid);
            report.submitted.push(id);
          }
        } catch (error) {
          const code = error instanceof A2UError || error instanceof PiApiError ? error.code : 'internal_error';
          report.failed.push({ paymentId: id, code, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return report;
    },
  };
  return client;
}

/**
 * The hash of a successful transaction of the wallet with memo = `paymentId` among its
 * latest 200, `undefined` when there is none, `'unknown'` when Horizon could not be read.
 */
async function findLandedPayment(
  server: Horizon.Server,
  walletAddress: string,
  paymentId: string,
): Promise<string | undefined | 'unknown'> {
  try {
    const page = await server.transactions().forAccount(walletAddress).order('desc').limit(200).call();
    return page.records.find((tx) => tx.successful && tx.memo === paymentId && tx.source_account === walletAddress)?.hash;
  } catch {
    return 'unknown';
  }
}

/** Reads Horizon's status and result codes from whatever stellar-sdk rejected with. */
function horizonFailure(error: unknown): {
  status: number | undefined;
  transactionCode: string | undefined;
  operationCodes: string[] | undefined;
} {
  const e = error as { response?: { status?: number; data?: unknown; extras?: unknown } } & { status?: number };
  const data = (e?.response?.data ?? e?.response) as
    | { status?: number; extras?: { result_codes?: { transaction?: string; operations?: string[] } } }
    | undefined;
  const codes = data?.extras?.result_codes;
  const status = e?.response?.status ?? data?.status ?? e?.status;
  return {
    status: typeof status === 'number' ? status : undefined,
    transactionCode: codes?.transaction,
    operationCodes: codes?.operations,
  };
}
